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
