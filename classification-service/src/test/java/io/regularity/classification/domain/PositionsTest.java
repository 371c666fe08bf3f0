package io.regularity.classification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.regularity.classification.domain.Positions.Position;
import io.regularity.classification.domain.Positions.Runner;
import io.regularity.classification.domain.RaceDefinition.Leg;
import io.regularity.classification.domain.RaceDefinition.TimingPoint;
import io.regularity.classification.domain.RaceDefinition.Town;
import io.regularity.classification.domain.RaceDefinition.Trial;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.RaceDefinition.TrialStatus;
import io.regularity.classification.domain.RaceDefinition.TrialType;

/** The worked examples of docs/rules.md, Where a car is now. */
class PositionsTest {

    static final Instant T = Instant.parse("2024-06-11T08:00:00Z"); // 10:00:00 in Brescia

    static final Leg LEG = new Leg(1, "Brescia – Ghedi", "S", null,
            List.of(new TimingPoint("S", 0.0), new TimingPoint("A", 24.0), new TimingPoint("B", 24.6), new TimingPoint("C", 30.6)),
            List.of(new Trial("PC1", TrialType.PC, "A", "B", 36_000L, null, null, null, null, null, TrialStatus.OPEN)), 40.0,
            List.of(new Town("Brescia", 0.0, 45.54, 10.21), new Town("Ghedi", 40.0, 45.40, 10.27)));

    static PassageFact at(int car, String point, Instant time) {
        return new PassageFact(UUID.randomUUID(), car, point, time, false);
    }

    static Position only(List<Position> positions) {
        assertEquals(1, positions.size());
        return positions.get(0);
    }

    @Test
    void insideAPcACarMovesAtThePcsSpeed() {
        Position p = only(Positions.of(LEG, List.of(new Runner(7, "Rossi / Bianchi", List.of(at(7, "A", T)))), T.plusSeconds(18), 10_000));
        assertEquals(24.3, p.km(), 1e-9);
        assertTrue(p.estimated());
        assertEquals(60.0, p.speedKmh(), 1e-9);
        assertEquals(24.6, p.untilKm());
        assertEquals("A", p.point());
        assertEquals(45.54 + (45.40 - 45.54) * 24.3 / 40, p.lat(), 1e-6);
    }

    @Test
    void insideAPmACrewMovesAtItsBandsAverage() {
        Leg leg = new Leg(1, "Brescia – Ghedi", "S", null,
                List.of(new TimingPoint("S", 0.0), new TimingPoint("A", 24.0), new TimingPoint("B", 25.0)),
                List.of(new Trial("PM1", TrialType.PM, "A", null, null, 40.0, List.of(new RaceDefinition.Detection("B", 1000)), null, null,
                        null, TrialStatus.OPEN, null, null, null, java.util.Map.of("HIGH", 50.0), null)), 40.0, List.of());
        // 36 s after A: 0.5 km at 50 km/h, 0.4 km at the plain 40 km/h
        assertEquals(24.5, only(Positions.of(leg, List.of(new Runner(7, "R", List.of(at(7, "A", T)), "HIGH")), T.plusSeconds(36), 10_000)).km(),
                1e-9);
        assertEquals(24.4, only(Positions.of(leg, List.of(new Runner(8, "R", List.of(at(8, "A", T)))), T.plusSeconds(36), 10_000)).km(), 1e-9);
    }

    @Test
    void itStopsAtTheNextPointUntilSeenThere() {
        assertEquals(24.6, only(Positions.of(LEG, List.of(new Runner(7, "R", List.of(at(7, "A", T)))), T.plusSeconds(50), 10_000)).km());
    }

    @Test
    void atItsCrossingItIsNotAnEstimate() {
        Instant crossed = T.plusSeconds(37);
        Position p = only(Positions.of(LEG, List.of(new Runner(7, "R", List.of(at(7, "A", T), at(7, "B", crossed)))), crossed, 10_000));
        assertEquals(24.6, p.km());
        assertFalse(p.estimated());
        assertEquals("B", p.point());
    }

    @Test
    void betweenTrialsItMovesAtTheTransferSpeed() {
        Instant crossed = T.plusSeconds(37);
        Position p = only(Positions.of(LEG, List.of(new Runner(7, "R", List.of(at(7, "A", T), at(7, "B", crossed)))),
                crossed.plusSeconds(90), 10_000));
        assertEquals(25.85, p.km(), 1e-9);
        assertEquals(50.0, p.speedKmh());
        assertEquals(30.6, p.untilKm());
    }

    @Test
    void aCarNotSeenOnTheLegIsNotOnItsMapAndAVoidedCrossingDoesNotCount() {
        assertTrue(Positions.of(LEG, List.of(new Runner(8, "R", List.of())), T, 10_000).isEmpty());
        PassageFact voided = new PassageFact(UUID.randomUUID(), 9, "B", T.plusSeconds(30), true);
        assertEquals("A", only(Positions.of(LEG, List.of(new Runner(9, "R", List.of(at(9, "A", T), voided))), T, 10_000)).point());
    }

    @Test
    void onACircuitTheLapIsTheLapLineCrossingsAndTheLapWrapsToTheLine() {
        Leg circuit = new Leg(1, "Trofeo", "C-A", 3, List.of(new TimingPoint("C-A", 0.0), new TimingPoint("C-B", 1.0)), List.of(), 6.0,
                List.of(new Town("Piazza Vittoria", 0.0, 45.539, 10.219), new Town("Castello", 1.0, 45.543, 10.227)));
        Position p = only(Positions.of(circuit, List.of(new Runner(5, "R", List.of(at(5, "C-A", T), at(5, "C-B", T.plusSeconds(72)),
                at(5, "C-A", T.plusSeconds(240)), at(5, "C-A", T.plusSeconds(243)), at(5, "C-B", T.plusSeconds(312))))), T.plusSeconds(312), 10_000));
        assertEquals(2, p.lap(), "two lap-line crossings (the one 3 s later is the same)");
        assertEquals(1.0, p.km());
        assertEquals(2.0, p.untilKm(), "after the last point, the line at the lap's length (6 km / 3 laps)");
        assertNull(only(Positions.of(LEG, List.of(new Runner(7, "R", List.of(at(7, "A", T)))), T, 10_000)).lap());
    }

    /** docs/rules.md, Where a car is now: a car that sends fixes is where its latest fix says, while the fix is fresh. */
    @Test
    void aCarWithAFreshFixIsWhereItsFixSaysAndAnOldFixFallsBackToTheEstimate() {
        List<Position> estimated = Positions.of(LEG, List.of(new Runner(7, "R", List.of(at(7, "A", T))), new Runner(8, "V",
                List.of(at(8, "A", T)))), T.plusSeconds(30), 10_000);
        java.util.Map<Integer, Positions.Fix> fixes = java.util.Map.of(
                7, new Positions.Fix(7, T.plusSeconds(29), 45.47, 10.24, 16.4, 212.5, 3.5, T.plusSeconds(29)),
                8, new Positions.Fix(8, T.minusSeconds(150), 45.50, 10.22, null, null, null, T.minusSeconds(150)));
        List<Position> placed = Positions.placedByFixes(LEG, estimated, fixes, T.plusSeconds(30), java.time.Duration.ofMinutes(2));
        Position seven = placed.get(0);
        assertFalse(seven.estimated());
        assertEquals(45.47, seven.lat());
        assertEquals(10.24, seven.lon());
        assertEquals(T.plusSeconds(29), seven.fixAt());
        assertEquals(1000L, seven.ageMs());
        assertEquals(16.4, seven.speedMs());
        assertEquals(212.5, seven.headingDeg());
        assertEquals(3.5, seven.accuracyM());
        assertEquals(20.0, seven.km(), 1e-9, "halfway between Brescia (km 0) and Ghedi (km 40)");
        assertEquals("A", seven.point(), "what the crossing says stays");
        assertEquals(24.0, seven.crossedKm());
        // car 8's fix is 3 min old: older than 2 minutes, its estimate stands
        assertEquals(estimated.get(1), placed.get(1));
        assertTrue(placed.get(1).estimated());
        assertNull(placed.get(1).fixAt());
    }

    @Test
    void aFixIsBroughtOntoTheNearestStretchOfTheTownsAndOnACircuitTheClosingOne() {
        List<io.regularity.support.geo.Along.Place> places = List.of(new io.regularity.support.geo.Along.Place(0, 10.0, 45.0),
                new io.regularity.support.geo.Along.Place(10, 10.0, 45.1), new io.regularity.support.geo.Along.Place(20, 10.1, 45.1));
        assertEquals(5.0, Positions.kmNear(places, 45.05, 9.99, null), 1e-6);
        assertEquals(15.0, Positions.kmNear(places, 45.11, 10.05, null), 1e-2);
        assertEquals(0.0, Positions.kmNear(places, 44.9, 10.0, null), 1e-9, "before the first town: at it");
        // a circuit of 30 km: the stretch from the last town back to the first is km 20 to 30
        double closing = Positions.kmNear(places, 45.05, 10.06, 30.0);
        assertTrue(closing > 20 && closing < 30, "on the closing stretch: " + closing);
    }
}
