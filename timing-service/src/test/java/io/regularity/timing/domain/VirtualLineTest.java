package io.regularity.timing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.regularity.timing.domain.VirtualLine.Crossing;
import io.regularity.timing.domain.VirtualLine.Fix;

/** docs/rules.md, A crossing from the car's GPS: its worked examples, row by row, with the coordinates the table gives. */
class VirtualLineTest {

    /** The table's line: at 45.5, 10.2, the road running east, 10 m wide. */
    static final VirtualLine EAST = new VirtualLine(45.5, 10.2, 90, 10);
    static final Instant T1 = Instant.parse("2024-06-15T10:00:00.000Z");
    /** One metre east, and one metre north, in degrees at the line's latitude (R = 6,371,008.8 m). */
    static final double EAST_M = Math.toDegrees(1 / (VirtualLine.EARTH_RADIUS_M * Math.cos(Math.toRadians(45.5))));
    static final double NORTH_M = Math.toDegrees(1 / VirtualLine.EARTH_RADIUS_M);

    static Fix fix(Instant time, double lat, double lon, Double accuracyM) {
        return new Fix(time, lat, lon, null, null, accuracyM);
    }

    /** A fix {@code metresEast} east and {@code metresNorth} north of the line's centre. */
    static Fix at(long ms, double metresEast, double metresNorth) {
        return fix(T1.plusMillis(ms), 45.5 + metresNorth * NORTH_M, 10.2 + metresEast * EAST_M, 2.0);
    }

    static final Fix A = fix(T1, 45.5, 10.19990634, 2.0);
    static final Fix B = fix(T1.plusMillis(1000), 45.5, 10.20016295, 3.0);

    @Test
    void twoFixesASecondApartAt20MetresASecondCrossTheLine365MillisecondsAfterTheFirst() {
        Crossing c = EAST.crossing(A, B).orElseThrow();
        assertEquals(Instant.parse("2024-06-15T10:00:00.365Z"), c.time());
        assertEquals(0.365, c.fraction(), 0.0001);
        assertEquals(45.5, c.lat(), 1e-9);
        assertEquals(10.2, c.lon(), 1e-8, "on the line's centre");
        assertEquals(25.0, c.precisionMs(), "4 · 1² / (8 · 20) s");
        assertEquals(150.0, c.clockUncertaintyMs(), "3 m / 20 m/s");
    }

    @Test
    void atTenFixesASecondTheTimeIsMuchBetter() {
        Fix a = fix(T1, 45.5, 10.19998845, 1.0), b = fix(T1.plusMillis(100), 45.5, 10.20002053, 1.0);
        Crossing c = EAST.crossing(a, b).orElseThrow();
        assertEquals(Instant.parse("2024-06-15T10:00:00.036Z"), c.time());
        assertEquals(0.2, c.precisionMs(), "4 · 0.1² / (8 · 25) s");
        assertEquals(40.0, c.clockUncertaintyMs(), "1 m / 25 m/s");
    }

    /** rules.md, "The speed v": fixes that say their speed are taken at it, not at the speed their positions make. */
    @Test
    void fixesThatSayTheirSpeedAreTakenAtIt() {
        Fix a = new Fix(T1, 45.5, 10.19998845, 20.0, 90.0, 1.0), b = new Fix(T1.plusMillis(100), 45.5, 10.20002053, 20.0, 90.0, 1.0);
        Crossing c = EAST.crossing(a, b).orElseThrow();
        assertEquals(Instant.parse("2024-06-15T10:00:00.036Z"), c.time(), "the time is the positions' still");
        assertEquals(0.3, c.precisionMs(), "4 · 0.1² / (8 · 20) s = 0.25 ms");
        assertEquals(50.0, c.clockUncertaintyMs(), "1 m / 20 m/s");
        Fix standing = new Fix(T1.plusMillis(100), 45.5, 10.20002053, 0.5, 90.0, 1.0);
        assertEquals(Optional.empty(), EAST.crossing(new Fix(T1, 45.5, 10.19998845, 0.5, 90.0, 1.0), standing),
                "a car whose receiver says it stands crosses nothing, however its positions jump");
        Fix oneSays = new Fix(T1, 45.5, 10.19998845, 20.0, 90.0, 1.0);
        assertEquals(40.0, EAST.crossing(oneSays, fix(T1.plusMillis(100), 45.5, 10.20002053, 1.0)).orElseThrow().clockUncertaintyMs(),
                "only one says it: the positions' speed, 25 m/s");
    }

    @Test
    void aPairThatDoesNotReachTheLineCrossesNothing() {
        assertEquals(Optional.empty(), EAST.crossing(at(0, -25, 0), at(1000, -5, 0)));
        // already past it: nothing either
        assertEquals(Optional.empty(), EAST.crossing(at(0, 5, 0), at(1000, 25, 0)));
    }

    @Test
    void aPairPassingBesideTheLineCrossesNothing() {
        assertEquals(Optional.empty(), EAST.crossing(at(0, -7.3, 6), at(1000, 12.7, 6)), "6 m north of the centre of a 10 m line");
        assertEquals(Optional.empty(), EAST.crossing(at(0, -7.3, -6), at(1000, 12.7, -6)), "6 m south");
        Crossing atTheEnd = EAST.crossing(at(0, -7.3, 4.9), at(1000, 12.7, 4.9)).orElseThrow();
        assertEquals(45.5 + 4.9 * NORTH_M, atTheEnd.lat(), 1e-9, "4.9 m from the centre: on the line, near its end");
    }

    @Test
    void aCarDrivingTheOtherWayCrossesNothing() {
        assertEquals(Optional.empty(), EAST.crossing(fix(T1, 45.5, 10.20016295, 3.0), fix(T1.plusMillis(1000), 45.5, 10.19990634, 2.0)));
    }

    @Test
    void fixesMoreThanFiveSecondsApartCountForNothing() {
        assertEquals(Optional.empty(), EAST.crossing(at(0, -7.3, 0), at(6000, 12.7, 0)));
        assertTrue(EAST.crossing(at(0, -30, 0), at(5000, 70, 0)).isPresent(), "5 s apart still counts");
        // out of order or at the same moment: nothing
        assertEquals(Optional.empty(), EAST.crossing(at(1000, -7.3, 0), at(0, 12.7, 0)));
        assertEquals(Optional.empty(), EAST.crossing(at(0, -7.3, 0), at(0, 12.7, 0)));
    }

    @Test
    void aStandingCarCrossesNothing() {
        assertEquals(Optional.empty(), EAST.crossing(at(0, -0.25, 0), at(1000, 0.25, 0)), "0.5 m/s");
        assertTrue(EAST.crossing(at(0, -0.5, 0), at(1000, 0.6, 0)).isPresent(), "1.1 m/s counts");
    }

    @Test
    void aFixOnTheLineCountsOnceInThePairItStarts() {
        Fix w = at(0, -20, 0), x = at(1000, 0, 0), y = at(2000, 20, 0);
        assertEquals(Optional.empty(), EAST.crossing(w, x), "(W, X): X ends it");
        Crossing c = EAST.crossing(x, y).orElseThrow();
        assertEquals(x.time(), c.time());
        assertEquals(0.0, c.fraction());
    }

    @Test
    void anyBearingAnyWidth() {
        // the road running north-east (45°): a car along it, 10 m before and 10 m past the centre
        VirtualLine northEast = new VirtualLine(45.5, 10.2, 45, 8);
        double s = Math.sqrt(0.5);
        Crossing c = northEast.crossing(at(0, -10 * s, -10 * s), at(1000, 10 * s, 10 * s)).orElseThrow();
        assertEquals(T1.plusMillis(500), c.time());
        // the road running west (270°): the east-running car goes the other way, the west-running one crosses
        VirtualLine west = new VirtualLine(45.5, 10.2, 270, 10);
        assertEquals(Optional.empty(), west.crossing(at(0, -7.3, 0), at(1000, 12.7, 0)));
        assertEquals(T1.plusMillis(635), west.crossing(at(0, 12.7, 0), at(1000, -7.3, 0)).orElseThrow().time());
        // the road running north: a car going east along the line's own segment is parallel to it, it crosses nothing
        assertEquals(Optional.empty(), new VirtualLine(45.5, 10.2, 0, 10).crossing(at(0, -7.3, 0), at(1000, 12.7, 0)));
    }

    @Test
    void aFixThatDoesNotSayItsAccuracyLeavesTheClockUncertaintyUnknown() {
        Crossing c = EAST.crossing(fix(T1, 45.5, 10.19990634, null), B).orElseThrow();
        assertNull(c.clockUncertaintyMs());
        assertEquals(25.0, c.precisionMs());
    }

    @Test
    void aFixLessAccurateThanFiftyMetresOrNotANumberCountsForNothing() {
        assertEquals(Optional.empty(), EAST.crossing(fix(T1, 45.5, 10.19990634, 51.0), B));
        assertTrue(EAST.crossing(fix(T1, 45.5, 10.19990634, 50.0), B).isPresent());
        assertEquals(Optional.empty(), EAST.crossing(fix(T1, 45.5, 10.19990634, Double.NaN), B));
        assertEquals(Optional.empty(), EAST.crossing(fix(T1, Double.NaN, 10.19990634, 2.0), B));
        assertEquals(Optional.empty(), EAST.crossing(fix(null, 45.5, 10.19990634, 2.0), B));
        assertEquals(Optional.empty(), EAST.crossing(null, B));
        assertEquals(Optional.empty(), EAST.crossing(fix(Instant.MIN, 45.5, 10.19990634, 2.0), fix(Instant.MAX, 45.5, 10.20016295, 3.0)));
        assertEquals(Optional.empty(), new VirtualLine(45.5, 10.2, 90, 0).crossing(A, B), "a line route would refuse");
    }

    @Test
    void atTheSlowestAndWidestTheFiguresStayInsideWhatAPassageCarries() {
        // 5 s apart at just over 1 m/s, both fixes 50 m: 4 · 25 / (8 · 1.1) s and 50 / 1.1 s
        Crossing c = EAST.crossing(fix(T1, 45.5, 10.2 - 2.75 * EAST_M, 50.0), fix(T1.plusMillis(5000), 45.5, 10.2 + 2.75 * EAST_M, 50.0))
                .orElseThrow();
        assertTrue(c.precisionMs() <= 60_000 && c.clockUncertaintyMs() <= 60_000, c.toString());
        assertEquals(11_363.6, c.precisionMs(), 0.1);
        assertEquals(45_454.5, c.clockUncertaintyMs(), 0.1);
    }
}
