package io.regularity.classification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.regularity.classification.config.ClassificationConfig;
import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.PassageFact;
import io.regularity.classification.domain.Positions;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.persistence.CrewStore;
import io.regularity.classification.persistence.PassageStore;
import io.regularity.classification.persistence.RaceStore;
import io.regularity.classification.persistence.StandingsQueries;
import io.regularity.support.Refusal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where every running car of a leg is now, for the public map ({@link Positions}): estimated from its crossings, or placed
 * by its latest fix where it sent one lately ({@link LatestFixes}). A leg's answer is kept for a second:
 * a crowd of phones opening the map at once costs one read of the facts, and each phone moves the cars on by itself.
 */
@ApplicationScoped
public class PositionsService {

    static final Duration KEPT = Duration.ofSeconds(1);

    private final RaceStore races;
    private final CrewStore crews;
    private final PassageStore passages;
    private final StandingsQueries queries;
    private final Cache<String, Answer> answers = Caffeine.newBuilder().expireAfterWrite(KEPT).maximumSize(200).build();

    /** The leg the positions are on (the asked one, or the latest leg a car was seen on) and the cars on it. */
    public record Answer(int leg, List<Positions.Position> positions) {
    }

    private final LatestFixes fixes;
    private final Duration fixMaxAge;

    public PositionsService(RaceStore races, CrewStore crews, PassageStore passages, StandingsQueries queries, LatestFixes fixes,
            ClassificationConfig config) {
        this.fixes = fixes;
        this.fixMaxAge = config.positions().fixMaxAge();
        this.races = races;
        this.crews = crews;
        this.passages = passages;
        this.queries = queries;
    }

    /** The positions on a leg ({@code leg} null: the latest leg a car was seen on); empty for an unknown race. */
    public Optional<Answer> positions(String raceId, Integer leg) {
        Optional<RaceDefinition> race = races.race(raceId);
        if (race.isEmpty()) {
            return Optional.empty();
        }
        int number = leg != null ? leg : passages.latestLeg(raceId).orElse(race.get().legs().isEmpty() ? 1 : race.get().legs().get(0).number());
        RaceDefinition.Leg found = race.get().legs().stream().filter(l -> l.number() == number).findFirst()
                .orElseThrow(() -> Refusal.invalid("leg", ClassificationPhrases.RACE_HAS_NO_LEG, raceId, number));
        return Optional.of(answers.get(raceId + "|" + number, k -> compute(raceId, race.get(), found)));
    }

    private Answer compute(String raceId, RaceDefinition race, RaceDefinition.Leg leg) {
        Set<Integer> running = queries.runningCars(raceId);
        List<Crew> onLeg = crews.crews(raceId).stream().filter(c -> running.contains(c.car())).toList();
        Map<Integer, Map<Integer, List<PassageFact>>> seen = onLeg.isEmpty() ? Map.of()
                : passages.passagesByLeg(raceId, onLeg.stream().map(Crew::car).toList(), List.of(leg.number()));
        List<Positions.Runner> runners = onLeg.stream().map(c -> new Positions.Runner(c.car(), c.crewName(),
                seen.getOrDefault(c.car(), Map.of()).getOrDefault(leg.number(), List.of()), c.band())).toList();
        Instant now = Instant.now();
        List<Positions.Position> positions = Positions.placedByFixes(leg, Positions.of(leg, runners, now,
                race.scoring().duplicateWindowOrDefault()), fixes.of(raceId), now, fixMaxAge);
        return new Answer(leg.number(), positions.stream().sorted(Comparator.comparingInt(Positions.Position::car)).toList());
    }
}
