package io.regularity.classification.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.LegResult;
import io.regularity.classification.domain.CrewScorer;
import io.regularity.classification.domain.PassageFact;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.persistence.FactStore;
import io.regularity.classification.persistence.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Applies facts and keeps the derived results in step, in the same transaction: only the crews a
 * change can touch are scored again. Work on one race is serialised by a database lock, so two
 * instances (or two consumers) never interleave on it.
 */
@ApplicationScoped
public class ClassificationService {

    private final FactStore facts;
    private final ResultStore results;
    private final StandingsEvents events;

    public ClassificationService(FactStore facts, ResultStore results, StandingsEvents events) {
        this.facts = facts;
        this.results = results;
        this.events = events;
    }

    /**
     * Scores again, from their facts, some legs of some crews: {@code touched} maps car → legs (null
     * legs: all of them); a null map means every crew and every leg, from nothing. Call inside a
     * transaction holding the race lock.
     */
    public void recompute(String raceId, Map<Integer, Set<Integer>> touched) {
        Optional<RaceDefinition> race = facts.race(raceId);
        if (race.isEmpty()) {
            return; // scored when the definition arrives
        }
        recompute(raceId, new CrewScorer(race.get()), touched);
    }

    private void recompute(String raceId, CrewScorer scorer, Map<Integer, Set<Integer>> touched) {
        Set<Integer> allLegs = scorer.allLegs();
        List<Crew> crews = facts.crews(raceId, touched == null ? null : touched.keySet());
        if (crews.isEmpty()) {
            return;
        }
        Set<Integer> legUnion = new TreeSet<>();
        for (Crew crew : crews) {
            Set<Integer> legs = touched == null ? null : touched.get(crew.car());
            legUnion.addAll(legs == null ? allLegs : legs);
        }
        List<Integer> cars = crews.stream().map(Crew::car).toList();
        Map<Integer, List<PassageFact>> passages = facts.passages(raceId, cars, legUnion.equals(allLegs) ? null : legUnion);
        Map<Integer, List<Ruling>> rulings = facts.rulings(raceId, cars);
        Map<Integer, List<LegResult>> scored = new java.util.HashMap<>();
        for (Crew crew : crews) {
            Set<Integer> legs = touched == null || touched.get(crew.car()) == null ? allLegs : touched.get(crew.car());
            scored.put(crew.car(), scorer.scoreLegs(crew, passages.getOrDefault(crew.car(), List.of()),
                    rulings.getOrDefault(crew.car(), List.of()), legs));
        }
        if (touched == null) {
            results.clear(raceId); // a new definition may have dropped trials: start from nothing
        }
        results.write(raceId, scored);
        events.changed(raceId);
    }

    private static Map<Integer, Set<Integer>> allLegsOf(Collection<Integer> cars) {
        Map<Integer, Set<Integer>> touched = new java.util.HashMap<>();
        cars.forEach(car -> touched.put(car, null));
        return touched;
    }

    /** A new or newer definition: every crew of the race is scored again. */
    @Transactional
    public void raceDefined(String raceId, long revision, String definition) {
        facts.lockRace(raceId);
        if (facts.putRace(raceId, revision, definition)) {
            Log.infof("race %s revision %d: scoring every crew again", raceId, revision);
            facts.race(raceId).ifPresent(race -> {
                Map<String, Integer> legs = new java.util.HashMap<>();
                race.pointPositions().forEach((point, position) -> legs.put(point, position[0]));
                facts.assignLegs(raceId, legs);
            });
            recompute(raceId, null);
        }
    }

    @Transactional
    public void putCrews(String raceId, List<Crew> crews) {
        facts.lockRace(raceId);
        facts.putCrews(raceId, crews);
        recompute(raceId, allLegsOf(crews.stream().map(Crew::car).toList()));
    }

    public List<Crew> crews(String raceId) {
        return facts.crews(raceId, null);
    }

    @Transactional
    public long rule(String raceId, Ruling ruling) {
        facts.lockRace(raceId);
        long id = facts.addRuling(raceId, ruling);
        recompute(raceId, allLegsOf(List.of(ruling.car())));
        return id;
    }

    /** Throws away every derived row of the race and scores it again from the stored facts. */
    @Transactional
    public int rebuild(String raceId) {
        facts.lockRace(raceId);
        recompute(raceId, null);
        return facts.crews(raceId, null).size();
    }

    /** What a batch of passage events brought: new passages, new voids. */
    public record PassageBatch(List<FactStore.PassageRow> passages, List<FactStore.VoidRow> voids) {
    }

    /** Stores a batch of new facts and scores again the legs of the crews they concern; one transaction. */
    @Transactional
    public void apply(PassageBatch batch) {
        Set<String> races = new TreeSet<>();
        batch.passages().forEach(p -> races.add(p.raceId()));
        batch.voids().forEach(v -> races.add(v.raceId()));
        races.forEach(facts::lockRace); // sorted: no deadlock between instances
        Map<String, CrewScorer> scorers = new java.util.HashMap<>();
        for (String raceId : races) {
            facts.race(raceId).ifPresent(race -> scorers.put(raceId, new CrewScorer(race)));
        }
        Map<String, Map<Integer, Set<Integer>>> touched = new java.util.TreeMap<>();
        java.util.function.Function<FactStore.PassageRow, Integer> legOf = p -> {
            CrewScorer scorer = scorers.get(p.raceId());
            return scorer == null ? null : scorer.legOf(p.point());
        };
        for (FactStore.PassageRow p : batch.passages()) {
            Integer leg = legOf.apply(p);
            if (leg != null) {
                touched.computeIfAbsent(p.raceId(), k -> new java.util.HashMap<>()).computeIfAbsent(p.car(), k -> new TreeSet<>())
                        .add(leg);
            }
        }
        facts.insertPassages(batch.passages(), legOf);
        batch.voids().forEach(facts::insertVoid);
        Map<UUID, int[]> voided = facts.carAndLeg(batch.voids().stream().map(FactStore.VoidRow::passageId).toList());
        for (FactStore.VoidRow v : batch.voids()) {
            int[] carLeg = voided.get(v.passageId());
            if (carLeg != null) {
                touched.computeIfAbsent(v.raceId(), k -> new java.util.HashMap<>()).computeIfAbsent(carLeg[0], k -> new TreeSet<>())
                        .add(carLeg[1]);
            }
        }
        touched.forEach((raceId, cars) -> {
            CrewScorer scorer = scorers.get(raceId);
            if (scorer != null) { // a race not defined yet is scored when its definition arrives
                recompute(raceId, scorer, cars);
            }
        });
    }
}
