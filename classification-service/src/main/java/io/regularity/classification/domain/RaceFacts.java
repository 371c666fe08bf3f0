package io.regularity.classification.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything a race's results follow from, at one moment: the definition, the entry list, every passage of
 * its crews (voided ones kept, marked) and the rulings that count. Scoring these with {@link CrewScorer}
 * gives the results; {@link #digest} identifies them. The live service, a replay as of a past moment and the
 * offline verifier all come through here.
 */
public record RaceFacts(RaceDefinition race, List<Crew> crews, Map<Integer, List<PassageFact>> passages, List<Ruling> rulings) {

    /** Every crew's result, by car: the crews scored apart from each other, on every core. */
    public Map<Integer, CrewResult> score() {
        CrewScorer scorer = new CrewScorer(race);
        Map<Integer, List<Ruling>> byCar = rulingsByCar();
        return crews.parallelStream().collect(Collectors.toMap(Crew::car,
                crew -> scorer.score(crew, passages.getOrDefault(crew.car(), List.of()), byCar.getOrDefault(crew.car(), List.of()))));
    }

    public Map<Integer, List<Ruling>> rulingsByCar() {
        Map<Integer, List<Ruling>> byCar = new HashMap<>();
        rulings.forEach(r -> byCar.computeIfAbsent(r.car(), k -> new ArrayList<>()).add(r));
        return byCar;
    }

    /** {@link ResultsDigest#of} these facts. */
    public String digest() {
        return ResultsDigest.of(race.id(), race.revision(), crews, legDigests(), rulings);
    }

    /** Each crew's passages digest by leg ({@link ResultsDigest#passages}), by car. */
    public Map<Integer, SortedMap<Integer, String>> legDigests() {
        CrewScorer scorer = new CrewScorer(race);
        Map<Integer, SortedMap<Integer, String>> legDigests = new HashMap<>();
        for (Crew crew : crews) {
            Map<Integer, List<PassageFact>> byLeg = new TreeMap<>();
            passages.getOrDefault(crew.car(), List.of())
                    .forEach(p -> byLeg.computeIfAbsent(scorer.legOf(p.point()), k -> new ArrayList<>()).add(p));
            SortedMap<Integer, String> legs = new TreeMap<>();
            byLeg.forEach((leg, list) -> legs.put(leg, ResultsDigest.passages(list)));
            legDigests.put(crew.car(), legs);
        }
        return legDigests;
    }
}
