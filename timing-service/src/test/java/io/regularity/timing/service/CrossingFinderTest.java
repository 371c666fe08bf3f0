package io.regularity.timing.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.regularity.timing.domain.Fix;
import io.regularity.timing.domain.GpsLine;
import io.regularity.timing.domain.VirtualLine;
import io.regularity.timing.events.FixRecorded;
import io.regularity.timing.events.GpsCrossing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A car's track and the crossings in it (docs/rules.md, "A car's track"), on the worked example's fixes. */
class CrossingFinderTest {

    static final Instant T1 = Instant.parse("2024-06-11T08:00:00Z");
    static final FixRecorded A = fix(T1, 10.19990634, 2.0);
    static final FixRecorded B = fix(T1.plusSeconds(1), 10.20016295, 3.0);
    static final GpsLine LINE = new GpsLine("L1-P01", new VirtualLine(45.5, 10.2, 90, 10), false);

    static FixRecorded fix(Instant time, double lon, double accuracy) {
        return FixRecorded.of("r", 7, "crew-7", new Fix(time, 45.5, lon, 20.0, 90.0, accuracy, Fix.Source.NMEA), time.plusSeconds(2));
    }

    @Test
    void theWorkedExamplesPairIsOneCrossingAsAPassageOfTheCarsUnitWithItsEvidence() {
        List<GpsCrossing> found = CrossingFinder.between(A, B, List.of(LINE));
        assertEquals(1, found.size());
        GpsCrossing c = found.get(0);
        assertEquals(Instant.parse("2024-06-11T08:00:00.365Z"), c.time());
        assertEquals(25.0, c.precisionMs());
        assertEquals(150.0, c.clockUncertaintyMs());
        assertEquals("crew-7", c.passage().device());
        assertEquals("GPS", c.passage().source());
        assertEquals(0, c.passage().clockOffsetMs());
        assertEquals(0.365, c.evidence().fraction(), 1e-4);
        assertEquals(T1, c.evidence().before().time());
        assertEquals(3.0, c.evidence().after().accuracyM());
        assertEquals("r/7", c.key());
    }

    @Test
    void theSameCrossingFoundAgainHasTheSameIdAndALineMovedAnother() {
        UUID once = CrossingFinder.between(A, B, List.of(LINE)).get(0).id();
        assertEquals(once, CrossingFinder.between(fix(A.time(), A.lon(), 2.0), fix(B.time(), B.lon(), 3.0), List.of(LINE)).get(0).id(),
                "the same fixes sent again, another FixRecorded event");
        GpsLine moved = new GpsLine("L1-P01", new VirtualLine(45.5, 10.20001, 90, 10), false);
        assertNotEquals(once, CrossingFinder.between(A, B, List.of(moved)).get(0).id());
        GpsLine other = new GpsLine("L1-P02", LINE.line(), true);
        GpsCrossing backup = CrossingFinder.between(A, B, List.of(other)).get(0);
        assertNotEquals(once, backup.id());
        assertTrue(backup.backup());
    }

    /** rules.md, "A car's track": the noise carrying the fixes back across the line and forward again is one crossing. */
    @Test
    void aLineCrossedAgainWithinTenSecondsIsTheSameCrossingTheFirstCounts() {
        double m = Math.toDegrees(1 / (VirtualLine.EARTH_RADIUS_M * Math.cos(Math.toRadians(45.5))));
        double[] metres = { -0.5, 1.5, -0.2, 2.5, 4.5 };
        CrossingFinder.Track track = null;
        List<GpsCrossing> found = new java.util.ArrayList<>();
        for (int i = 0; i < metres.length; i++) {
            CrossingFinder.Step step = CrossingFinder.next(track, fix(T1.plusMillis(100L * i), 10.2 + metres[i] * m, 1.0), List.of(LINE));
            found.addAll(step.crossings());
            track = step.track();
        }
        assertEquals(1, found.size(), "crossed at 0.1 s and again at 0.3 s: one crossing");
        assertEquals(T1.plusMillis(25), found.get(0).time(), "the first: 0.5 m of 2 m, a quarter of the way from 0 to 0.1 s");
        // eleven seconds later the car comes round again: a crossing of its own
        CrossingFinder.Step lap = CrossingFinder.next(track, fix(T1.plusMillis(11_000), 10.2 - 10 * m, 1.0), List.of(LINE));
        lap = CrossingFinder.next(lap.track(), fix(T1.plusMillis(11_500), 10.2 + 5 * m, 1.0), List.of(LINE));
        assertEquals(1, lap.crossings().size(), "a lap later");
        assertEquals(CrossingFinder.next(lap.track(), fix(T1.plusMillis(11_500), 10.3, 1.0), List.of(LINE)).track(), lap.track(),
                "a fix sent again changes nothing");
    }

    /** rules.md, "A car's track": a fix a clock gone wrong dates more than a minute after its receipt is left out. */
    @Test
    void aFixFromTheFutureIsNoPartOfTheTrack() {
        FixRecorded wrong = FixRecorded.of("r", 7, "crew-7", new Fix(T1.plusSeconds(3600), 45.5, 10.2, 20.0, 90.0, 2.0, Fix.Source.PHONE),
                T1.plusSeconds(2));
        CrossingFinder.Step step = CrossingFinder.next(new CrossingFinder.Track(A, java.util.Map.of()), wrong, List.of(LINE));
        assertEquals(A, step.track().last(), "the car's last fix is still A");
        assertEquals(1, CrossingFinder.next(step.track(), B, List.of(LINE)).crossings().size(), "and B after it crosses the line");
    }

    @Test
    void aFixSentAgainOrOlderThanTheLastIsNoPartOfTheTrack() {
        assertTrue(CrossingFinder.follows(null, A));
        assertTrue(CrossingFinder.follows(A, B));
        assertFalse(CrossingFinder.follows(B, fix(B.time(), B.lon(), 3.0)), "the same time: sent again");
        assertFalse(CrossingFinder.follows(B, A), "older than the last");
        assertEquals(List.of(), CrossingFinder.between(null, A, List.of(LINE)), "a car's first fix crosses nothing");
        assertEquals(List.of(), CrossingFinder.between(A, B, List.of()), "a race without lines");
    }
}
