package io.regularity.classification.domain;

import static io.regularity.classification.domain.RaceFixtures.at;
import static io.regularity.classification.domain.RaceFixtures.co;
import static io.regularity.classification.domain.RaceFixtures.crew;
import static io.regularity.classification.domain.RaceFixtures.leg;
import static io.regularity.classification.domain.RaceFixtures.pc;
import static io.regularity.classification.domain.RaceFixtures.penalties;
import static io.regularity.classification.domain.RaceFixtures.points;
import static io.regularity.classification.domain.RaceFixtures.race;
import static io.regularity.classification.domain.RaceFixtures.resolution;
import static io.regularity.classification.domain.RaceFixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.regularity.classification.domain.TrialResult.State;

/** Every worked anchor of rules.md, one test each. */
class WorkedAnchorsTest {

    @ParameterizedTest(name = "PC target 12.00 s, elapsed {0} ms → {1}")
    @CsvSource({ "12034, 3", "11970, 3", "17000, 300", "12000, 0", "12009, 0", "12010, 1" })
    void pcPenalty(long elapsedMs, int expected) {
        assertEquals(expected, CrewScorer.pcPenalty(elapsedMs, 12_000, 300));
    }

    @ParameterizedTest(name = "CO due 10:15, arrive {0} → {1}")
    @CsvSource({ "10:14:59, 100", "10:15:59.990, 0", "10:16:00, 100", "10:25:00, 300", "10:05:00, 1000", "10:15:00, 0" })
    void coPenalty(String arrival, int expected) {
        Instant due = Instant.parse("2024-06-11T10:15:00Z");
        CoPenalty penalty = CoPenalty.of(due, Instant.parse("2024-06-11T" + arrival + "Z"), 30, false);
        assertEquals(expected, penalty.penalty());
        assertFalse(penalty.excluded());
    }

    @Test
    void coThirtyOneMinutesLateOnLegTwoOfFiveCosts1000() {
        CoPenalty penalty = CoPenalty.of(Instant.parse("2024-06-11T10:15:00Z"), Instant.parse("2024-06-11T10:46:00Z"), 30, false);
        assertEquals(new CoPenalty(1000, false), penalty);
    }

    @Test
    void coThirtyOneMinutesLateOnTheLastLegExcludesTheCrew() {
        // leg 2 of 2, CO due 10:15 (start at 09:45 + 30 min), arrival 10:46
        var race = race(penalties(), leg(1, "A", 2), leg(2, "B", 2, co("CO1", "B-1", null, 30)));
        var result = new CrewScorer(race).score(crew(1, "1.00"), List.of(at(1, "B-0", Instant.parse("2024-06-11T09:45:00Z")),
                at(1, "B-1", Instant.parse("2024-06-11T10:46:00Z"))), List.of());
        assertEquals(CrewResult.State.EXCLUDED, result.state());
    }

    @Test
    void exclusionReplacesTheThousandItDoesNotAddToIt() {
        // last leg: a PC 0.84 s off (84) and a CO 31 min late; coefficient 1.34: 84 × 1.34 = 112.56, not 1084 × 1.34
        var race = race(penalties(), leg(1, "A", 2), leg(2, "B", 4, pc("PC1", "B-1", "B-2", 12_000), co("CO1", "B-3", null, 30)));
        var result = new CrewScorer(race).score(crew(1, "1.34"), List.of(at(1, "B-0", Instant.parse("2024-06-11T09:45:00Z")),
                at(1, "B-1", Instant.parse("2024-06-11T10:00:00Z")), at(1, "B-2", Instant.parse("2024-06-11T10:00:12.840Z")),
                at(1, "B-3", Instant.parse("2024-06-11T10:46:00Z"))), List.of());
        assertEquals(CrewResult.State.EXCLUDED, result.state());
        assertEquals(new java.math.BigDecimal("112.56"), result.score());
        assertEquals(new CoPenalty(0, true), CoPenalty.of(Instant.parse("2024-06-11T10:15:00Z"), Instant.parse("2024-06-11T10:46:00Z"), 30, true));
    }

    @Test
    void coDueTimeIsTruncatedToTheWholeMinute() {
        assertEquals(Instant.parse("2024-06-11T10:15:00Z"), CoPenalty.due(Instant.parse("2024-06-11T09:45:42.300Z"), 30));
    }

    @Test
    void pointsCoefficient180ExactPcEarns756() {
        var race = race(points(), leg(1, "A", 3, pc("PC1", "A-1", "A-2", 12_000)));
        var result = new CrewScorer(race).score(crew(1, "1.80"), List.of(at(1, "A-1", t(0)), at(1, "A-2", t(12_000))), List.of());
        assertEquals(new BigDecimal("756.00"), result.score());
    }

    @Test
    void pointsCoefficient125PcOneHundredthOffEarns49375() {
        var race = race(points(), leg(1, "A", 3, pc("PC1", "A-1", "A-2", 12_000)));
        var result = new CrewScorer(race).score(crew(1, "1.25"), List.of(at(1, "A-1", t(0)), at(1, "A-2", t(12_010))), List.of());
        assertEquals(new BigDecimal("493.75"), result.score());
        assertEquals(1, result.trials().get(0).penalty());
    }

    @Test
    void chainWithNoCrossingAtL1MissesPc1AndPc2AndMeasuresPc3() {
        var race = race(penalties(), leg(1, "L", 4, pc("PC1", "L-0", "L-1", 10_000), pc("PC2", "L-1", "L-2", 10_000),
                pc("PC3", "L-2", "L-3", 10_000)));
        var result = new CrewScorer(race).score(crew(1, "1.00"),
                List.of(at(1, "L-0", t(0)), at(1, "L-2", t(20_000)), at(1, "L-3", t(30_050))), List.of());
        assertEquals(List.of(State.MISSED, State.MISSED, State.MEASURED), result.trials().stream().map(TrialResult::state).toList());
        assertEquals(List.of(300, 300, 5), result.trials().stream().map(TrialResult::penalty).toList());
    }

    @Test
    void samePointOnePointTwoSecondsApartIsOneCrossingTheEarlierCountsTheLaterIsDuplicate() {
        var race = race(penalties(), leg(1, "A", 3, pc("PC1", "A-1", "A-2", 12_000)));
        PassageFact earlier = at(1, "A-2", t(12_000));
        PassageFact later = at(1, "A-2", t(13_200));
        var result = new CrewScorer(race).score(crew(1, "1.00"), List.of(later, at(1, "A-1", t(0)), earlier), List.of());
        assertEquals(0, result.trials().get(0).penalty());
        assertTrue(result.trials().get(0).passages().contains(earlier.id()));
        assertEquals(List.of(new Anomaly(Anomaly.Type.DUPLICATE, 1, "A-2", null, later.id(),
                "duplicate of " + earlier.id() + " (1200 ms later)", earlier.id())), result.anomalies());
    }

    // ---- resolution (rules.md, Resolution)

    @ParameterizedTest(name = "PC target 12.00 s, elapsed 12.34 s at {0} → {1}")
    @CsvSource({ "HUNDREDTH, 34", "TENTH, 3", "SECOND, 0" })
    void pcAtEachResolution(Resolution resolution, int expected) {
        assertEquals(expected, CrewScorer.pcPenalty(12_340, 12_000, 300, resolution));
    }

    @ParameterizedTest(name = "PC target 12.00 s, elapsed {0} ms at {1} → {2}")
    @CsvSource({ "12099, TENTH, 0", "11999, TENTH, 1", "12999, SECOND, 0", "11999, SECOND, 1", "50000, TENTH, 300", "50000, HUNDREDTH, 300",
            "50000, SECOND, 38" })
    void truncationAndCapCountInTheRaceUnit(long elapsedMs, Resolution resolution, int expected) {
        assertEquals(expected, CrewScorer.pcPenalty(elapsedMs, 12_000, 300, resolution));
    }

    @Test
    void aRaceAtTheTenthScoresItsPcsInTenthsAndSaysTheDifferenceToTheTenth() {
        var race = race(resolution(Resolution.TENTH), leg(1, "A", 3, pc("PC1", "A-1", "A-2", 12_000)));
        var result = new CrewScorer(race).score(crew(1, "1.50"), List.of(at(1, "A-1", t(0)), at(1, "A-2", t(12_340))), List.of());
        TrialResult pc = result.trials().get(0);
        assertEquals(3, pc.penalty());
        assertEquals(30, pc.measure().deltaCs(), "12.3 s against 12.0 s, said in hundredths");
        assertEquals(new BigDecimal("4.50"), result.score());
    }

    @Test
    void aRaceAtTheSecondCapsItsPcsInSeconds() {
        var race = race(resolution(Resolution.SECOND), leg(1, "A", 3, pc("PC1", "A-1", "A-2", 12_000)));
        var result = new CrewScorer(race).score(crew(1, "1.00"), List.of(at(1, "A-1", t(0)), at(1, "A-2", t(1_000_000))), List.of());
        assertEquals(300, result.trials().get(0).penalty(), "988 s off: the cap, 300 seconds");
    }

    // ---- average bands (rules.md, Average bands)

    /** PM1 at 40 km/h, 50 for HIGH, one detection at 1,000 m; CO1 30 minutes after the start, 25 for HIGH. */
    private static RaceDefinition banded() {
        var pm = new RaceDefinition.Trial("PM1", RaceDefinition.TrialType.PM, "A-0", null, null, 40.0,
                List.of(new RaceDefinition.Detection("A-1", 1000)), null, null, null, RaceDefinition.TrialStatus.OPEN, null, null, null,
                java.util.Map.of("HIGH", 50.0), null);
        var co = new RaceDefinition.Trial("CO1", RaceDefinition.TrialType.CO, null, null, null, null, null, "A-2", null, 30,
                RaceDefinition.TrialStatus.OPEN, null, null, null, null, java.util.Map.of("HIGH", 25));
        return race(penalties(), leg(1, "A", 3, pm, co));
    }

    private static Crew banded(int car, String band) {
        Crew c = crew(car, "1.00");
        return new Crew(c.car(), c.driver(), c.codriver(), c.carModel(), c.carYear(), c.coefficient(), c.category(), c.team(), band);
    }

    @ParameterizedTest(name = "band {0}, detection at {1} ms, CO at 09:{2} → PM {3}, CO {4}")
    @CsvSource(nullValues = "none", value = { "HIGH, 72500, 25:30, 50, 0", "none, 90200, 25:30, 20, 500", "LOW, 90200, 30:10, 20, 0",
            "HIGH, 90200, 30:10, 300, 300" })
    void eachCrewIsScoredAgainstTheIdealTimesOfItsBand(String band, long detectionMs, String coArrival, int pm, int co) {
        var start = Instant.parse("2024-06-11T09:00:00Z");
        var result = new CrewScorer(banded()).score(banded(1, band), List.of(at(1, "A-0", start), at(1, "A-1", start.plusMillis(detectionMs)),
                at(1, "A-2", Instant.parse("2024-06-11T09:" + coArrival + "Z"))), List.of());
        assertEquals(List.of(pm, co), result.trials().stream().map(TrialResult::penalty).toList());
        assertEquals(band != null && band.equals("HIGH") ? 72_000L : 90_000L, result.trials().get(0).measure().detections().get(0).idealMs());
    }
}
