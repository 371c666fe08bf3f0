package io.regularity.classification.domain;

import static io.regularity.classification.domain.RaceFixtures.at;
import static io.regularity.classification.domain.RaceFixtures.co;
import static io.regularity.classification.domain.RaceFixtures.crew;
import static io.regularity.classification.domain.RaceFixtures.ct;
import static io.regularity.classification.domain.RaceFixtures.leg;
import static io.regularity.classification.domain.RaceFixtures.pc;
import static io.regularity.classification.domain.RaceFixtures.penalties;
import static io.regularity.classification.domain.RaceFixtures.pm;
import static io.regularity.classification.domain.RaceFixtures.points;
import static io.regularity.classification.domain.RaceFixtures.race;
import static io.regularity.classification.domain.RaceFixtures.t;
import static io.regularity.classification.domain.RaceFixtures.withStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.regularity.classification.domain.RaceDefinition.Detection;
import io.regularity.classification.domain.TrialResult.State;

class ScoringRulesTest {

    static final Instant NOW = Instant.parse("2024-06-11T20:00:00Z");

    private static List<State> states(CrewResult r) {
        return r.trials().stream().map(TrialResult::state).toList();
    }

    @Test
    void aPcIsPendingUntilTheCrewIsSeenFurtherAlongOrTheTrialIsClosed() {
        var open = race(penalties(), leg(1, "A", 4, pc("PC1", "A-1", "A-2", 10_000)));
        var scorer = new CrewScorer(open);
        assertEquals(List.of(State.PENDING), states(scorer.score(crew(1, "1.00"), List.of(at(1, "A-1", t(0))), List.of())));
        assertEquals(List.of(State.MISSED), states(scorer.score(crew(1, "1.00"),
                List.of(at(1, "A-1", t(0)), at(1, "A-3", t(50_000))), List.of())));
        var closed = race(penalties(), leg(1, "A", 4, withStatus(pc("PC1", "A-1", "A-2", 10_000), "CLOSED")));
        var result = new CrewScorer(closed).score(crew(1, "1.50"), List.of(at(1, "A-1", t(0))), List.of());
        assertEquals(List.of(State.MISSED), states(result));
        assertEquals(new BigDecimal("450.00"), result.score());
    }

    @Test
    void aPcWhoseStartWasMissedIsMissedOnceTheCrewIsSeenAtItsFinish() {
        // the finish is the leg's last point: the crew evidently went on past the start it was not seen at
        var scorer = new CrewScorer(race(penalties(), leg(1, "A", 3, pc("PC1", "A-1", "A-2", 10_000))));
        assertEquals(List.of(State.MISSED), states(scorer.score(crew(1, "1.00"),
                List.of(at(1, "A-0", t(0)), at(1, "A-2", t(50_000))), List.of())));
        assertEquals(List.of(State.PENDING), states(scorer.score(crew(1, "1.00"), List.of(at(1, "A-0", t(0))), List.of())));
    }

    @Test
    void aLateArrivingPassageTurnsAMissedResultBackIntoAMeasuredOne() {
        var scorer = new CrewScorer(race(penalties(), leg(1, "A", 4, pc("PC1", "A-1", "A-2", 10_000))));
        var facts = new ArrayList<>(List.of(at(1, "A-1", t(0)), at(1, "A-3", t(50_000))));
        assertEquals(List.of(State.MISSED), states(scorer.score(crew(1, "1.00"), facts, List.of())));
        facts.add(at(1, "A-2", t(10_040)));
        var result = scorer.score(crew(1, "1.00"), facts, List.of());
        assertEquals(List.of(State.MEASURED), states(result));
        assertEquals(4, result.trials().get(0).penalty());
    }

    @Test
    void aPmSumsItsDetectionsEachCapped() {
        // 36 km/h = 10 m/s: ideal 100 m at 10 s, 1000 m at 100 s
        var race = race(penalties(), leg(1, "A", 4, pm("PM1", "A-1", 36.0, new Detection("A-2", 100), new Detection("A-3", 1000))));
        var result = new CrewScorer(race).score(crew(1, "1.00"),
                List.of(at(1, "A-1", t(0)), at(1, "A-2", t(10_250)), at(1, "A-3", t(150_000))), List.of());
        assertEquals(State.MEASURED, result.trials().get(0).state());
        assertEquals(25 + 300, result.trials().get(0).penalty());
    }

    @Test
    void underPointsEachPmDetectionEarnsItsOwnPoints() {
        var race = race(points(), leg(1, "A", 4, pm("PM1", "A-1", 36.0, new Detection("A-2", 100), new Detection("A-3", 1000))));
        var result = new CrewScorer(race).score(crew(1, "1.00"),
                List.of(at(1, "A-1", t(0)), at(1, "A-2", t(10_000)), at(1, "A-3", t(100_010))), List.of());
        assertEquals(new BigDecimal("815.00"), result.score()); // T(0) + T(1)
    }

    @Test
    void aCoCountsFromThePreviousCoOfTheLeg() {
        var race = race(penalties(), leg(1, "A", 4, co("CO1", "A-1", null, 30), co("CO2", "A-2", "CO1", 60)));
        var result = new CrewScorer(race).score(crew(1, "1.00"), List.of(at(1, "A-0", Instant.parse("2024-06-11T08:00:10Z")),
                at(1, "A-1", Instant.parse("2024-06-11T08:30:30Z")), at(1, "A-2", Instant.parse("2024-06-11T09:32:05Z"))), List.of());
        // CO1 due 08:30 → 0; CO2 due 09:30 (08:30:30 + 60 min, truncated) → 2 minutes late → 200
        assertEquals(List.of(0, 200), result.trials().stream().map(TrialResult::penalty).toList());
    }

    @Test
    void aCoWithoutItsReferenceScoresZeroAndIsAnAnomaly() {
        var race = race(penalties(), leg(1, "A", 3, co("CO1", "A-1", null, 30)));
        var result = new CrewScorer(race).score(crew(1, "1.00"), List.of(at(1, "A-1", t(0))), List.of());
        assertEquals(0, result.trials().get(0).penalty());
        assertEquals(Anomaly.Type.CO_UNRESOLVED, result.anomalies().get(0).type());
    }

    @Test
    void aMissedCtCostsCtMissedAndUnderPointsIsDeducted() {
        var race = race(points(), leg(1, "A", 4, ct("CT1", "A-1"), ct("CT2", "A-2")));
        var result = new CrewScorer(race).score(crew(1, "1.80"), List.of(at(1, "A-2", t(0)), at(1, "A-3", t(1000))), List.of());
        assertEquals(List.of(State.MISSED, State.MEASURED), states(result));
        assertEquals(new BigDecimal("-300.00"), result.score());
    }

    @Test
    void voidedPassagesDoNotCount() {
        var race = race(penalties(), leg(1, "A", 3, pc("PC1", "A-1", "A-2", 10_000)));
        PassageFact wrong = at(1, "A-2", t(9_000));
        PassageFact voided = new PassageFact(wrong.id(), 1, "A-2", wrong.officialTime(), true);
        var result = new CrewScorer(race).score(crew(1, "1.00"), List.of(at(1, "A-1", t(0)), voided, at(1, "A-2", t(10_020))),
                List.of());
        assertEquals(2, result.trials().get(0).penalty());
    }

    @Test
    void rulingsNeutraliseAssignPenaliseAndRetire() {
        var race = race(penalties(), leg(1, "A", 6, pc("PC1", "A-1", "A-2", 10_000), pc("PC2", "A-2", "A-3", 10_000),
                pc("PC3", "A-3", "A-4", 10_000), pc("PC4", "A-4", "A-5", 10_000)));
        var facts = List.of(at(1, "A-1", t(0)), at(1, "A-2", t(10_030)), at(1, "A-3", t(20_060)), at(1, "A-4", t(30_400)),
                at(1, "A-5", t(40_400)));
        var rulings = List.of(new Ruling(1, Ruling.Type.NEUTRALISE, 1, "PC3", null, "blocked by a tractor", "rd", NOW),
                new Ruling(2, Ruling.Type.ASSIGN_AVERAGE, 1, "PC4", null, "hose broken", "rd", NOW),
                new Ruling(3, Ruling.Type.STEWARD_PENALTY, 1, null, 500, "speeding in Bologna", "rd", NOW));
        var result = new CrewScorer(race).score(crew(1, "2.00"), facts, rulings);
        assertEquals(List.of(State.MEASURED, State.MEASURED, State.NEUTRALISED, State.ASSIGNED, State.MEASURED), states(result));
        // PC1 3, PC2 3, PC3 0, PC4 assigned mean(3, 3) = 3, steward 500 → (509) × 2.00
        assertEquals(new BigDecimal("1018.00"), result.score());
        assertEquals(CrewResult.State.RUNNING, result.state());
        var retired = new CrewScorer(race).score(crew(1, "2.00"), facts,
                List.of(new Ruling(4, Ruling.Type.RETIRE, 1, null, null, "gearbox", "rd", t(35_000))));
        assertEquals(CrewResult.State.RETIRED, retired.state());
        assertEquals(List.of(Anomaly.Type.AFTER_RETIREMENT), retired.anomalies().stream().map(Anomaly::type).toList());
    }

    @Test
    void aNeutralisedTrialEarnsTZeroUnderPoints() {
        var race = race(points(), leg(1, "A", 3, withStatus(pc("PC1", "A-1", "A-2", 10_000), "NEUTRALISED")));
        var result = new CrewScorer(race).score(crew(1, "1.10"), List.of(), List.of());
        assertEquals(new BigDecimal("462.00"), result.score());
    }

    @Test
    void theSamePassagesInAnyOrderGiveTheSameResult() {
        var race = race(points(), leg(1, "A", 8, pc("PC1", "A-1", "A-2", 10_000), pc("PC2", "A-2", "A-3", 20_000),
                pm("PM1", "A-3", 40.0, new Detection("A-4", 500)), co("CO1", "A-5", null, 10), ct("CT1", "A-6")),
                leg(2, "B", 4, pc("PC3", "B-1", "B-2", 15_000), co("CO2", "B-3", null, 20)));
        Random random = new Random(42);
        List<PassageFact> facts = new ArrayList<>();
        String[] points = { "A-0", "A-1", "A-2", "A-3", "A-4", "A-5", "A-6", "A-7", "B-0", "B-1", "B-2", "B-3" };
        for (int i = 0; i < points.length; i++) {
            if (random.nextInt(10) > 0) {
                facts.add(at(7, points[i], t(i * 60_000L + random.nextInt(5000))));
            }
            if (random.nextInt(4) == 0) {
                facts.add(at(7, points[i], t(i * 60_000L + random.nextInt(20_000))));
            }
        }
        var scorer = new CrewScorer(race);
        CrewResult expected = scorer.score(crew(7, "1.33"), facts, List.of());
        for (int i = 0; i < 300; i++) {
            Collections.shuffle(facts, random);
            assertEquals(expected, scorer.score(crew(7, "1.33"), facts, List.of()));
        }
    }

    @Test
    void scoringLegByLegAndAddingUpGivesTheWholeResult() {
        var race = race(points(), leg(1, "A", 6, pc("PC1", "A-1", "A-2", 10_000), co("CO1", "A-3", null, 10), ct("CT1", "A-4")),
                leg(2, "B", 5, pc("PC2", "B-1", "B-2", 15_000), co("CO2", "B-3", null, 20)));
        var facts = List.of(at(3, "A-0", t(0)), at(3, "A-1", t(60_000)), at(3, "A-2", t(70_020)), at(3, "A-3", t(600_000)),
                at(3, "A-2", t(70_900)), at(3, "X-9", t(1)), at(3, "B-0", t(86_400_000)), at(3, "B-1", t(86_460_000)),
                at(3, "B-2", t(86_475_110)), at(3, "B-3", t(86_400_000 + 25 * 60_000)));
        var rulings = List.of(new Ruling(9, Ruling.Type.STEWARD_PENALTY, 3, "PC2", 50, "late at the start", "rd", NOW));
        var scorer = new CrewScorer(race);
        CrewResult whole = scorer.score(crew(3, "1.40"), facts, rulings);
        List<LegResult> parts = new ArrayList<>();
        for (int leg : scorer.allLegs()) {
            var legFacts = facts.stream().filter(p -> scorer.legOf(p.point()) == leg).toList();
            parts.addAll(scorer.scoreLegs(crew(3, "1.40"), legFacts, rulings, java.util.Set.of(leg)));
        }
        assertEquals(whole, CrewResult.of(3, parts));
        assertEquals(List.of(Anomaly.Type.UNKNOWN_POINT, Anomaly.Type.DUPLICATE), whole.anomalies().stream().map(Anomaly::type).toList());
    }
}
