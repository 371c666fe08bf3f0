package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.demo.RaceFeed.Crossing;
import io.regularity.deploy.demo.RaceFeed.Retirement;
import io.regularity.deploy.demo.Referee;
import io.regularity.deploy.demo.Referee.Expected;

/** The simulator's own scorer reproduces the worked anchors of rules.md, so its verdict on the standings means something. */
class RefereeTest {

    static final Instant T0 = Instant.parse("2024-06-11T08:00:00Z");

    /** One leg S, A, B, C, D, E: PC1 S→A (12 s), PM1 from A detected at B (1,000 m at 40 km/h: 90 s), CO1 at C (10 min from S), CT1 at D. */
    static JsonNode race(String model) throws Exception {
        return Api.JSON.readTree("""
                {"id": "r", "scoring": {"model": "%s"}, "legs": [{"number": 1, "startPoint": "S",
                 "timingPoints": [{"id": "S"}, {"id": "A"}, {"id": "B"}, {"id": "C"}, {"id": "D"}, {"id": "E"}],
                 "trials": [{"id": "PC1", "type": "PC", "start": "S", "finish": "A", "targetMs": 12000},
                            {"id": "PM1", "type": "PM", "start": "A", "averageKmh": 40, "detections": [{"point": "B", "distanceM": 1000}]},
                            {"id": "CO1", "type": "CO", "point": "C", "durationMinutes": 10},
                            {"id": "CT1", "type": "CT", "point": "D"}]}]}""".formatted(model));
    }

    static Map<String, Object> crew(int car, String coefficient) {
        return Map.of("car", car, "coefficient", new BigDecimal(coefficient));
    }

    static final List<Crossing> crossings = new ArrayList<>();

    static void cross(int car, String point, long millisAfterT0, long clockOffsetMs) {
        Instant official = T0.plusMillis(millisAfterT0);
        crossings.add(new Crossing(UUID.randomUUID(), car, point, official.minusMillis(clockOffsetMs), "tk-" + point, clockOffsetMs,
                official));
    }

    @Test
    void itScoresTheWorkedAnchorsAndRanksAsTheRulesSay() throws Exception {
        crossings.clear();
        // car 1, coefficient 1.25: PC 12.034 s (3 cs: T = 370), PM 90.01 s (1 cs: T = 395), CO due 08:10 arrives 08:09:59 (−100), CT passed
        cross(1, "S", 0, -40);
        cross(1, "A", 12_034, 25);
        cross(1, "A", 12_400, 0); // a backup chronometer: the earlier one counts
        cross(1, "B", 12_034 + 90_010, 0);
        cross(1, "C", 599_000, 0);
        cross(1, "D", 700_000, 0);
        // car 2, coefficient 1.80: PC exact (756), PM 90.00 s, CO on time, CT missed (−300) since it was seen at E
        cross(2, "S", 0, 0);
        cross(2, "A", 12_000, 0);
        cross(2, "B", 102_000, 0);
        cross(2, "C", 600_500, 0);
        cross(2, "E", 800_000, 0);
        // car 3 stops after A and retires; car 4 has the same score as car 1... by being car 1's twin
        cross(3, "S", 0, 0);
        cross(3, "A", 12_000, 0);
        List<Retirement> retired = List.of(new Retirement(3, 1, "A", T0.plusSeconds(900)));
        for (Crossing c : List.copyOf(crossings)) {
            if (c.car() == 1) {
                crossings.add(new Crossing(UUID.randomUUID(), 4, c.point(), c.time(), c.device(), c.clockOffsetMs(), c.availableAt()));
            }
        }

        Map<Integer, Expected> points = Referee.score(race("POINTS"), List.of(crew(1, "1.25"), crew(2, "1.80"), crew(3, "1.50"),
                crew(4, "1.25")), crossings, retired);
        assertEquals(new BigDecimal("856.25"), points.get(1).score()); // 1.25 × (370 + 395) − 100
        assertEquals(new BigDecimal("1212.00"), points.get(2).score()); // 1.80 × (420 + 420) − 300
        assertEquals(1, points.get(2).rank());
        assertEquals(2, points.get(1).rank());
        assertEquals(2, points.get(4).rank()); // ties share the rank
        assertEquals("RETIRED", points.get(3).state());
        assertNull(points.get(3).rank());
        assertEquals(new BigDecimal("630.00"), points.get(3).score()); // PC exact; PM pending: it was seen no further

        Map<Integer, Expected> penalties = Referee.score(race("PENALTIES"), List.of(crew(1, "1.25"), crew(2, "1.80")), crossings,
                List.of());
        assertEquals(new BigDecimal("130.00"), penalties.get(1).score()); // (3 + 1 + 100 + 0) × 1.25
        assertEquals(new BigDecimal("540.00"), penalties.get(2).score()); // 300 × 1.80
        assertEquals(1, penalties.get(1).rank());
    }

    @Test
    void aCoMissedOnTheLastLegExcludesAndTheComparisonNamesEveryDifference() throws Exception {
        crossings.clear();
        cross(5, "S", 0, 0);
        cross(5, "E", 900_000, 0); // went on past C without being seen there
        Map<Integer, Expected> expected = Referee.score(race("POINTS"), List.of(crew(5, "1.00")), crossings, List.of());
        assertEquals("EXCLUDED", expected.get(5).state());
        // PC and PM missed earn T(300) = 0; the CO excludes (instead of −1000: one or the other); CT −300
        assertEquals(new BigDecimal("-300.00"), expected.get(5).score());

        JsonNode published = Api.JSON.readTree("""
                [{"car": 5, "rank": null, "score": -300.00, "state": "EXCLUDED"}, {"car": 6, "rank": 1, "score": 0, "state": "RUNNING"}]""");
        List<JsonNode> entries = new ArrayList<>();
        published.forEach(entries::add);
        Referee.Verdict verdict = Referee.compare(expected, entries);
        assertEquals(List.of("car 6 is listed but was never entered"), verdict.differences());
        assertEquals(true, Referee.compare(expected, entries.subList(0, 1)).agree());
    }

    /** The circuit of rules.md: C-A the line, C-B, C-C, C-D; six laps; a PC across the line and CTs on laps 2 and 3. */
    static JsonNode circuit() throws Exception {
        return Api.JSON.readTree("""
                {"id": "c", "scoring": {"model": "PENALTIES"}, "legs": [{"number": 1, "startPoint": "C-A", "laps": 6,
                 "timingPoints": [{"id": "C-A", "km": 0}, {"id": "C-B", "km": 0.7}, {"id": "C-C", "km": 1.5}, {"id": "C-D", "km": 2.2}],
                 "trials": [{"id": "PC1", "type": "PC", "start": "C-A", "startLap": 2, "finish": "C-B", "finishLap": 2, "targetMs": 20000},
                            {"id": "CT1", "type": "CT", "point": "C-B", "lap": 2},
                            {"id": "CT2", "type": "CT", "point": "C-B", "lap": 3},
                            {"id": "PC2", "type": "PC", "start": "C-D", "startLap": 3, "finish": "C-A", "finishLap": 4, "targetMs": 41000},
                            {"id": "PC3", "type": "PC", "start": "C-A", "startLap": 3, "finish": "C-B", "finishLap": 3, "targetMs": 20000}]}]}""");
    }

    @Test
    void onACircuitItNumbersTheLapsByTheLineAsTheRulesSay() throws Exception {
        crossings.clear();
        // car 7: laps 1 to 4 every 200 s, the line's backup 5 s after lap 2's (folded: no lap of its own); PC1 20.03 s (3);
        // PC2 from lap 3's C-D at 550 s to the line ending lap 3 at 591.034 s (41.034 s: 3)
        for (int lap = 0; lap < 4; lap++) {
            cross(7, "C-A", lap * 200_000L + (lap == 3 ? -8_966 : 0), 0);
            cross(7, "C-B", lap * 200_000L + 20_000 + (lap == 1 ? 30 : 0), 0);
            cross(7, "C-D", lap * 200_000L + 150_000, 0);
        }
        cross(7, "C-A", 205_000, 0);
        // car 8: the line crossing at 400 s (starting lap 3) not recorded: lap 2 runs 200–600 s and its C-B at 445 s does
        // not count; the crossing at 600 s starts lap 3, whose C-B at 620.5 s makes PC3 20.5 s (50)
        long[] cB = { 20_000, 20_000, 45_000, 20_500 };
        for (int lap = 0; lap < 4; lap++) {
            if (lap != 2) {
                cross(8, "C-A", lap * 200_000L, 0);
            }
            cross(8, "C-B", lap * 200_000L + cB[lap], 0);
        }
        Map<Integer, Expected> expected = Referee.score(circuit(), List.of(crew(7, "1.00"), crew(8, "1.00")), crossings, List.of());
        assertEquals(new BigDecimal("6.00"), expected.get(7).score()); // PC3: 20.000 s on lap 3, 0
        // car 8: PC1 and the CTs exact; PC2 pending (never seen at lap 3's C-D, nor beyond it); PC3 50
        assertEquals(new BigDecimal("50.00"), expected.get(8).score());
    }

    @Test
    void itScoresPcsAtTheRacesResolutionAndEachCrewByItsBand() throws Exception {
        crossings.clear();
        JsonNode race = Api.JSON.readTree("""
                {"id": "r", "scoring": {"model": "PENALTIES", "resolution": "TENTH"}, "legs": [{"number": 1, "startPoint": "S",
                 "timingPoints": [{"id": "S"}, {"id": "A"}, {"id": "B"}, {"id": "C"}, {"id": "D"}],
                 "trials": [{"id": "PC1", "type": "PC", "start": "S", "finish": "A", "targetMs": 12000},
                            {"id": "PM1", "type": "PM", "start": "A", "averageKmh": 40, "averageKmhByBand": {"HIGH": 50},
                             "detections": [{"point": "B", "distanceM": 1000}]},
                            {"id": "CO1", "type": "CO", "point": "C", "durationMinutes": 10, "durationMinutesByBand": {"HIGH": 5}},
                            {"id": "CT1", "type": "CT", "point": "D"}]}]}""");
        for (int car = 1; car <= 3; car++) {
            cross(car, "S", 0, 0);
            cross(car, "A", 12_340, 0); // 12.3 s against 12.0 s at the tenth: 3
            cross(car, "B", 12_340 + 72_500, 0); // HIGH: 0.5 s off its 72 s (50); the others: 17.5 s off 90 s (the cap, 300)
            cross(car, "C", 330_000, 0); // 08:05:30: HIGH due 08:05 (0); the others due 08:10, 5 minutes early (500)
            cross(car, "D", 400_000, 0);
        }
        Map<Integer, Expected> scored = Referee.score(race, List.of(Map.of("car", 1, "coefficient", BigDecimal.ONE, "band", "HIGH"),
                crew(2, "1.00"), Map.of("car", 3, "coefficient", BigDecimal.ONE, "band", "LOW")), crossings, List.of());
        assertEquals(new BigDecimal("53.00"), scored.get(1).score());
        assertEquals(new BigDecimal("803.00"), scored.get(2).score());
        assertEquals(new BigDecimal("803.00"), scored.get(3).score(), "a band the trials do not name: the plain values");
    }
}
