package io.regularity.classification.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.CrewResult;
import io.regularity.classification.domain.CrewScorer;
import io.regularity.classification.domain.ListSpec;
import io.regularity.classification.domain.PassageRecord;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.RaceDefinition.PlacedTrial;
import io.regularity.classification.domain.RaceFacts;
import io.regularity.classification.domain.Ranking;
import io.regularity.classification.domain.Ranking.Placed;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.persistence.CrewStore;
import io.regularity.classification.persistence.PassageStore;
import io.regularity.classification.persistence.RaceStore;
import io.regularity.classification.persistence.StandingsQueries;
import io.regularity.classification.persistence.StandingsQueries.TrialRow;
import io.regularity.classification.service.StandingsService.Replay;
import jakarta.enterprise.context.ApplicationScoped;

/** One crew's results trial by trial, with what they were measured from; and one trial's classification. */
@ApplicationScoped
public class CrewResultsService {

    private final Facts facts;
    private final StandingsService standings;
    private final PassageStore passages;
    private final RaceStore races;
    private final CrewStore crews;
    private final StandingsQueries queries;

    public CrewResultsService(Facts facts, StandingsService standings, PassageStore passages, RaceStore races, CrewStore crews,
            StandingsQueries queries) {
        this.facts = facts;
        this.standings = standings;
        this.passages = passages;
        this.races = races;
        this.crews = crews;
        this.queries = queries;
    }

    /**
     * A crew's result computed from its facts as they stood at {@code asOf} (null: now), with those facts: its rank
     * on the overall list, the rulings about it, every passage of it (voided ones too) and, on circuits, the lap each
     * passage belongs to.
     */
    public record ScoredCrew(RaceDefinition race, Crew crew, Integer rank, CrewResult result, List<Ruling> rulings,
            List<PassageRecord> passages, Map<UUID, Integer> laps, Instant asOf) {
    }

    /** A crew's results; empty when the race does not exist; {@link NotFound} for a car not on the entry list. */
    public Optional<ScoredCrew> crewResults(String raceId, int car, Instant asOf) {
        Optional<RaceFacts> found = facts.at(raceId, asOf, List.of(car));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RaceFacts crewFacts = found.get();
        if (crewFacts.crews().isEmpty()) {
            throw new NotFound(ClassificationPhrases.CAR_NOT_ENTERED, car, raceId);
        }
        Replay replay = asOf == null ? Replay.LIVE : new Replay(asOf, null);
        Integer rank = standings.list(raceId, ListSpec.of("overall", null, false, null, null), replay)
                .flatMap(list -> list.crews().stream().filter(p -> p.entry().crew().car() == car).findFirst()).map(Placed::rank)
                .orElse(null);
        List<PassageRecord> records = new ArrayList<>();
        passages.passageRecords(raceId, car, asOf, records::add);
        Map<UUID, Integer> laps = new CrewScorer(crewFacts.race()).laps(car, crewFacts.passages().getOrDefault(car, List.of()));
        return Optional.of(new ScoredCrew(crewFacts.race(), crewFacts.crews().get(0), rank, crewFacts.score().get(car),
                crewFacts.rulings(), records, laps, asOf));
    }

    /** One trial's results, ranked: every crew's, pending ones last without a rank; with the crews' names by car. */
    public record TrialResults(PlacedTrial trial, List<Placed<TrialRow>> entries, Map<Integer, String> crewNames) {
    }

    /** Every crew's result on one trial; empty when the race does not exist; {@link NotFound} for a trial it does not have. */
    public Optional<TrialResults> trialResults(String raceId, String trialId) {
        Optional<RaceDefinition> found = races.race(raceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RaceDefinition race = found.get();
        PlacedTrial placed = race.trialsInRouteOrder().stream().filter(p -> p.trial().id().equals(trialId)).findFirst()
                .orElseThrow(() -> new NotFound(ClassificationPhrases.RACE_HAS_NO_TRIAL, raceId, trialId));
        Map<Integer, String> names = new HashMap<>();
        crews.crews(raceId).forEach(c -> names.put(c.car(), c.crewName()));
        List<Placed<TrialRow>> ranked = Ranking.rank(queries.trial(raceId, trialId), TrialRow::contribution,
                r -> !"PENDING".equals(r.state()), race.points(), Comparator.comparingInt(TrialRow::car));
        return Optional.of(new TrialResults(placed, ranked, names));
    }
}
