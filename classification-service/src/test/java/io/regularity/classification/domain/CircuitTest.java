package io.regularity.classification.domain;

import static io.regularity.classification.domain.RaceFixtures.crew;
import static io.regularity.classification.domain.RaceFixtures.leg;
import static io.regularity.classification.domain.RaceFixtures.pc;
import static io.regularity.classification.domain.RaceFixtures.penalties;
import static io.regularity.classification.domain.RaceFixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.regularity.classification.domain.Anomaly.Type;
import io.regularity.classification.domain.RaceDefinition.Detection;
import io.regularity.classification.domain.RaceDefinition.Leg;
import io.regularity.classification.domain.RaceDefinition.TimingPoint;
import io.regularity.classification.domain.RaceDefinition.Trial;
import io.regularity.classification.domain.RaceDefinition.TrialStatus;
import io.regularity.classification.domain.RaceDefinition.TrialType;
import io.regularity.classification.domain.TrialResult.State;

/** Circuits (rules.md, Circuits): every worked anchor, and the guarantees road legs have, lap by lap. */
class CircuitTest {

    /** The Trofeo's circuit: C-A the lap line, then C-B, C-C, C-D; {@code laps} laps. */
    static Leg circuit(int number, int laps, Trial... trials) {
        return new Leg(number, "Trofeo", "C-A", laps, List.of(new TimingPoint("C-A"), new TimingPoint("C-B"), new TimingPoint("C-C"),
                new TimingPoint("C-D")), List.of(trials));
    }

    static Trial lapPc(String id, String start, int startLap, String finish, int finishLap, long targetMs) {
        return new Trial(id, TrialType.PC, start, finish, targetMs, null, null, null, null, null, TrialStatus.OPEN, startLap, finishLap, null);
    }

    static Trial lapCt(String id, String point, int lap) {
        return new Trial(id, TrialType.CT, null, null, null, null, null, point, null, null, TrialStatus.OPEN, null, null, lap);
    }

    static RaceDefinition race(Leg... legs) {
        return RaceFixtures.race(penalties(), legs);
    }

    /** A crossing with an id of its own (the same car may cross the same point many times). */
    static PassageFact cross(int car, String point, Instant time, String device) {
        return new PassageFact(UUID.nameUUIDFromBytes((car + "|" + point + "|" + time + "|" + device).getBytes()), car, point, time, false);
    }

    static PassageFact cross(String point, long ms) {
        return cross(1, point, t(ms), "tk-" + point);
    }

    static TrialResult trial(CrewResult result, String id) {
        return result.trials().stream().filter(t -> t.trial().equals(id)).findFirst().orElseThrow();
    }

    static List<Anomaly> of(CrewResult result, Type type) {
        return result.anomalies().stream().filter(a -> a.type() == type).toList();
    }

    @Test
    void aPcOnLapTwoCountsTheLinesMainCrossingAndFoldsItsBackupFiveSecondsLaterIntoIt() {
        // rules.md: PC on lap 2 from C-A to C-B, the line's backup chronometer 5 s after the main one
        var race = race(circuit(1, 6, lapPc("PC1", "C-A", 2, "C-B", 2, 20_000)));
        PassageFact main = cross("C-A", 60_000);
        PassageFact backup = cross(1, "C-A", t(65_000), "tk-C-A-backup");
        var result = new CrewScorer(race).score(crew(1, "1.00"), List.of(cross("C-A", 0), cross("C-B", 20_000), main, backup,
                cross("C-B", 80_030)), List.of());
        TrialResult pc = trial(result, "PC1");
        assertEquals(State.MEASURED, pc.state());
        assertEquals(3, pc.penalty()); // 20.03 s for 20.00 s
        assertEquals(main.id(), pc.measure().start().id());
        Anomaly duplicate = of(result, Type.DUPLICATE).get(0);
        assertEquals(backup.id(), duplicate.passageId());
        assertEquals(main.id(), duplicate.counted());
        assertEquals(2, duplicate.lap());
        assertEquals(List.of(), of(result, Type.LAP_LINE_MISSED)); // the backup is no lap of its own
        Map<UUID, Integer> laps = new CrewScorer(race).laps(1, List.of(cross("C-A", 0), main, backup));
        assertEquals(2, laps.get(main.id()));
        assertEquals(2, laps.get(backup.id()));
    }

    @Test
    void aPcFromTheLastHoseOfLapThreeToTheLineThatEndsItIsMeasured() {
        // rules.md: PC from C-D on lap 3 to C-A on lap 4, target 41.00 s, crossings 41.034 s apart: 3
        var race = race(circuit(1, 6, lapPc("PC1", "C-D", 3, "C-A", 4, 41_000)));
        List<PassageFact> passages = new ArrayList<>();
        for (int lap = 0; lap < 3; lap++) {
            passages.add(cross("C-A", lap * 200_000L));
            passages.add(cross("C-D", lap * 200_000L + 150_000));
        }
        passages.add(cross("C-A", 2 * 200_000L + 150_000 + 41_034)); // lap 4 starts 41.034 s after lap 3's C-D
        var result = new CrewScorer(race).score(crew(1, "1.00"), passages, List.of());
        TrialResult pc = trial(result, "PC1");
        assertEquals(State.MEASURED, pc.state());
        assertEquals(3, pc.penalty());
        assertEquals(41_034L, pc.measure().elapsedMs());
    }

    @Test
    void aMissedLapLineCrossingNumbersTheLapsAsTheCrossingsSayAndIsRaised() {
        // rules.md: line crossings at 0, 60, 180 s (120 s not recorded); C-B at 20, 80, 140, 200 s
        var race = race(circuit(1, 6, lapCt("CT1", "C-B", 2), lapCt("CT2", "C-B", 3)));
        PassageFact late = cross("C-B", 140_000);
        var result = new CrewScorer(race).score(crew(1, "1.00"), List.of(cross("C-A", 0), cross("C-A", 60_000), cross("C-A", 180_000),
                cross("C-B", 20_000), cross("C-B", 80_000), late, cross("C-B", 200_000)), List.of());
        List<Anomaly> missed = of(result, Type.LAP_LINE_MISSED);
        assertEquals(1, missed.size());
        assertEquals(2, missed.get(0).lap());
        assertEquals(1, missed.get(0).car());
        assertEquals(late.id(), of(result, Type.MULTIPLE_CROSSINGS).get(0).passageId());
        // the crossing at 180 s starts lap 3: C-B at 200 s is lap 3's
        assertEquals(t(80_000), trial(result, "CT1").measure().crossing().officialTime());
        assertEquals(t(200_000), trial(result, "CT2").measure().crossing().officialTime());
        assertEquals(Anomaly.Severity.ACTION, missed.get(0).severity());
    }

    @Test
    void aCrossingBeforeTheFirstLineCrossingCountsForNothingAndIsOutsideTheLaps() {
        // rules.md: C-B crossed 30 s before the car's first lap-line crossing
        var race = race(circuit(1, 6, lapCt("CT1", "C-B", 1)));
        PassageFact early = cross("C-B", -30_000);
        var pending = new CrewScorer(race).score(crew(1, "1.00"), List.of(early, cross("C-A", 0)), List.of());
        assertEquals(State.PENDING, trial(pending, "CT1").state()); // waits for the lap-1 crossing of C-B
        Anomaly outside = of(pending, Type.OUTSIDE_LAPS).get(0);
        assertEquals(early.id(), outside.passageId());
        assertEquals(Anomaly.Severity.ACTION, outside.severity());
        var measured = new CrewScorer(race).score(crew(1, "1.00"), List.of(early, cross("C-A", 0), cross("C-B", 25_000)), List.of());
        assertEquals(t(25_000), trial(measured, "CT1").measure().crossing().officialTime());
    }

    @Test
    void aCrossingAfterTheLineThatEndsTheLastLapIsOutsideTheLaps() {
        var race = race(circuit(1, 2, lapCt("CT1", "C-B", 2)));
        var result = new CrewScorer(race).score(crew(1, "1.00"), List.of(cross("C-A", 0), cross("C-A", 100_000), cross("C-A", 200_000),
                cross("C-B", 220_000), cross("C-A", 300_000)), List.of());
        assertEquals(2, of(result, Type.OUTSIDE_LAPS).size()); // the cool-down lap's hose and its fourth line crossing
        assertEquals(State.MISSED, trial(result, "CT1").state()); // seen further along: the line ending lap 2
    }

    @Test
    void aPointOnALapIsMissedOnceTheCarIsSeenLaterInCircuitOrder() {
        var race = race(circuit(1, 6, lapPc("PC1", "C-B", 2, "C-C", 2, 30_000)));
        // seen at the line starting lap 2 only: lap 2's C-B may still come
        var result = new CrewScorer(race).score(crew(1, "1.00"), List.of(cross("C-A", 0), cross("C-B", 20_000), cross("C-A", 100_000)),
                List.of());
        assertEquals(State.PENDING, trial(result, "PC1").state());
        // lap 2's C-B and C-C not recorded, seen at C-D on lap 2: the PC is missed (lap 1's C-B does not count for lap 2)
        var later = new CrewScorer(race).score(crew(1, "1.00"), List.of(cross("C-A", 0), cross("C-B", 20_000), cross("C-A", 100_000),
                cross("C-D", 170_000)), List.of());
        assertEquals(State.MISSED, trial(later, "PC1").state());
        assertEquals(300, trial(later, "PC1").penalty());
    }

    @Test
    void theSameCrossingsInAnyOrderGiveTheSameResult() {
        var race = race(circuit(1, 4, lapPc("PC1", "C-A", 1, "C-B", 1, 20_000), lapPc("PC2", "C-D", 2, "C-A", 3, 40_000),
                lapCt("CT1", "C-C", 3)));
        List<PassageFact> passages = new ArrayList<>();
        for (int lap = 0; lap < 5; lap++) {
            long base = lap * 200_000L;
            passages.add(cross("C-A", base));
            passages.add(cross(1, "C-A", t(base + 300), "backup"));
            if (lap < 4) {
                passages.add(cross("C-B", base + 20_050));
                passages.add(cross("C-C", base + 90_000));
                passages.add(cross("C-D", base + 160_000 - 30));
            }
        }
        CrewResult first = new CrewScorer(race).score(crew(1, "1.25"), passages, List.of());
        Random random = new Random(24);
        for (int i = 0; i < 20; i++) {
            List<PassageFact> shuffled = new ArrayList<>(passages);
            Collections.shuffle(shuffled, random);
            CrewResult again = new CrewScorer(race).score(crew(1, "1.25"), shuffled, List.of());
            assertEquals(first.score(), again.score());
            assertEquals(first.trials(), again.trials());
            assertEquals(first.anomalies(), again.anomalies());
        }
        assertEquals(State.MEASURED, trial(first, "PC2").state());
        assertEquals(new BigDecimal("10.00"), first.score()); // PC1 20.05 s (5 cs), PC2 40.03 s (3 cs): 8 × 1.25
    }

    @Test
    void aCircuitLegAndRoadLegsInOneRaceAreEachScoredByTheirOwnRules() {
        // leg 1 a road (A-0 … A-3), leg 2 the circuit: a second crossing of a road point is MULTIPLE_CROSSINGS and does not
        // count; on the circuit the same point crossed a lap later counts for that lap
        var race = race(leg(1, "A", 4, pc("PC1", "A-1", "A-2", 12_000)),
                circuit(2, 3, lapPc("PC2", "C-B", 1, "C-C", 1, 30_000), lapPc("PC3", "C-B", 2, "C-C", 2, 30_000)));
        PassageFact again = cross("A-1", 600_000);
        var result = new CrewScorer(race).score(crew(1, "1.00"), List.of(cross("A-0", 0), cross("A-1", 60_000), cross("A-2", 72_010), again,
                cross("A-3", 700_000), cross("C-A", 1_000_000), cross("C-B", 1_020_000), cross("C-C", 1_050_020), cross("C-A", 1_200_000),
                cross("C-B", 1_220_000), cross("C-C", 1_249_950)), List.of());
        assertEquals(1, trial(result, "PC1").penalty());
        assertEquals(2, trial(result, "PC2").penalty());
        assertEquals(5, trial(result, "PC3").penalty());
        Anomaly road = of(result, Type.MULTIPLE_CROSSINGS).get(0);
        assertEquals(again.id(), road.passageId());
        assertNull(road.lap());
        assertEquals(List.of(), of(result, Type.LAP_LINE_MISSED));
        assertEquals(new BigDecimal("8.00"), result.score());
    }

    @Test
    void aPmOnACircuitTakesEachDetectionOnItsLap() {
        // a PM from C-C on lap 1 across the line: C-A (the line starting lap 2) and C-B, both on lap 2
        Trial valid = new Trial("PM1", TrialType.PM, "C-C", null, null, 36.0, List.of(new Detection("C-A", 1_000, 2), new Detection("C-B", 1_500, 2)),
                null, null, null, TrialStatus.OPEN, 1, null, null);
        var race = race(circuit(1, 3, valid));
        // 36 km/h = 10 m/s: C-A 100 s after C-C, C-B 150 s after
        var result = new CrewScorer(race).score(crew(1, "1.00"), List.of(cross("C-A", 0), cross("C-B", 10_000), cross("C-C", 50_000),
                cross("C-A", 150_000), cross("C-B", 200_020)), List.of());
        assertEquals(2, trial(result, "PM1").penalty()); // 0 + 2 cs
        // a detection without a lap is on the PM's start lap
        Trial defaulted = new Trial("PM2", TrialType.PM, "C-B", null, null, 36.0, List.of(new Detection("C-C", 800, null)), null, null, null, TrialStatus.OPEN,
                3, null, null);
        assertEquals(3, defaulted.lapOf(defaulted.detections().get(0)));
    }
}
