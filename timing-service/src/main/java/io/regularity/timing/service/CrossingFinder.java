package io.regularity.timing.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.regularity.timing.domain.GpsEvidence;
import io.regularity.timing.domain.GpsLine;
import io.regularity.timing.domain.VirtualLine;
import io.regularity.timing.events.FixRecorded;
import io.regularity.timing.events.GpsCrossing;

/**
 * A car's crossings between two of its consecutive fixes, of every virtual line of its race (docs/rules.md, "A crossing
 * from the car's GPS"): what the stream processor does with each new fix, and a re-processing with each fix again.
 */
public final class CrossingFinder {

    private CrossingFinder() {
    }

    /**
     * Whether {@code next} follows {@code last} in the car's track: later than it. The same fix again (a batch sent twice)
     * or one older than the last (out of order) is left out, so the track is the same however often fixes are sent.
     */
    public static boolean follows(FixRecorded last, FixRecorded next) {
        return last == null || next.time().isAfter(last.time());
    }

    /** The crossings of {@code lines} between fix {@code a} and the next fix {@code b} of the same car. */
    public static List<GpsCrossing> between(FixRecorded a, FixRecorded b, Collection<GpsLine> lines) {
        if (a == null || lines.isEmpty()) {
            return List.of();
        }
        VirtualLine.Fix before = fix(a), after = fix(b);
        List<GpsCrossing> found = new ArrayList<>();
        for (GpsLine gps : lines) {
            gps.line().crossing(before, after).ifPresent(c -> {
                GpsEvidence evidence = new GpsEvidence(gps.line(), before, after, Math.round(c.fraction() * 1e6) / 1e6,
                        new GpsEvidence.Place(c.lat(), c.lon()));
                found.add(new GpsCrossing(GpsCrossing.idOf(b.raceId(), b.car(), gps.point(), evidence), b.raceId(), b.car(), gps.point(),
                        b.device(), c.time(), c.precisionMs(), c.clockUncertaintyMs(), gps.backup(), evidence));
            });
        }
        return found;
    }

    static VirtualLine.Fix fix(FixRecorded f) {
        return new VirtualLine.Fix(f.time(), f.lat(), f.lon(), f.speedMs(), f.headingDeg(), f.accuracyM());
    }
}
