package io.regularity.classification.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.CrewResult;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.RaceFacts;
import io.regularity.classification.domain.ResultsDigest;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.persistence.CrewStore;
import io.regularity.classification.persistence.PassageStore;
import io.regularity.classification.persistence.RaceStore;
import io.regularity.classification.persistence.RulingStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A race's facts as they stood at a moment, gathered from the stores: what a replay, a crew's breakdown and the results
 * bundle are computed from.
 */
@ApplicationScoped
public class Facts {

    private final RaceStore races;
    private final CrewStore crews;
    private final PassageStore passages;
    private final RulingStore rulings;

    public Facts(RaceStore races, CrewStore crews, PassageStore passages, RulingStore rulings) {
        this.races = races;
        this.crews = crews;
        this.passages = passages;
        this.rulings = rulings;
    }

    /**
     * Some crews' facts as they stood at {@code asOf} (null: now; {@link #whole} for every crew): passages received by
     * then, voids made and not yet undone by then, rulings made and not yet revoked by then, with the definition in
     * force. The entry list is today's (crews have no history). Empty for a race this service does not know.
     */
    public Optional<RaceFacts> at(String raceId, Instant asOf, Collection<Integer> cars) {
        return race(raceId, asOf).map(race -> {
            List<Crew> entered = crews.crews(raceId, cars);
            List<Integer> enteredCars = entered.stream().map(Crew::car).toList();
            return new RaceFacts(race, entered, passages.passagesAsOf(raceId, asOf, enteredCars),
                    rulings.rulingsAsOf(raceId, asOf, enteredCars));
        });
    }

    /** How many crews' passages a whole race's facts hold at a time ({@link #whole}). */
    static final int SLICE = 50;

    /**
     * A whole race as it stood at {@code asOf} (null: now), gathered a slice of crews at a time so that only one slice's
     * passages are in memory whatever the race's size: every crew's result (when {@code scored}), the rulings that
     * counted, and the digest of those facts. Empty for a race this service does not know.
     */
    public Optional<Whole> whole(String raceId, Instant asOf, boolean scored) {
        return race(raceId, asOf).map(race -> {
            List<Crew> entered = crews.crews(raceId);
            Map<Integer, CrewResult> results = new HashMap<>();
            Map<Integer, SortedMap<Integer, String>> legDigests = new HashMap<>();
            List<Ruling> counted = new ArrayList<>();
            for (int from = 0; from < entered.size(); from += SLICE) {
                List<Crew> slice = entered.subList(from, Math.min(from + SLICE, entered.size()));
                List<Integer> cars = slice.stream().map(Crew::car).toList();
                RaceFacts part = new RaceFacts(race, slice, passages.passagesAsOf(raceId, asOf, cars), rulings.rulingsAsOf(raceId, asOf, cars));
                if (scored) {
                    results.putAll(part.score());
                }
                legDigests.putAll(part.legDigests());
                counted.addAll(part.rulings());
            }
            counted.sort(Comparator.comparingLong(Ruling::id));
            return new Whole(race, entered, counted, results, ResultsDigest.of(race.id(), race.revision(), entered, legDigests, counted));
        });
    }

    /** A whole race's facts but its passages: what a replayed list and the results bundle's header need. */
    public record Whole(RaceDefinition race, List<Crew> crews, List<Ruling> rulings, Map<Integer, CrewResult> scored, String digest) {
    }

    /** The definition in force at {@code asOf} (null: now). */
    private Optional<RaceDefinition> race(String raceId, Instant asOf) {
        return asOf == null ? races.race(raceId) : races.raceAsOf(raceId, asOf);
    }
}
