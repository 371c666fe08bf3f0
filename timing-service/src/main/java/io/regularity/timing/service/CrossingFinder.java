package io.regularity.timing.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.regularity.timing.domain.GpsEvidence;
import io.regularity.timing.domain.GpsLine;
import io.regularity.timing.domain.VirtualLine;
import io.regularity.timing.events.FixRecorded;
import io.regularity.timing.events.GpsCrossing;

/**
 * A car's crossings of the virtual lines of its race, fix after fix (docs/rules.md, "A crossing from the car's GPS" and
 * "A car's track"): what the stream processor does with each new fix, and a re-processing with each fix again.
 */
public final class CrossingFinder {

    /**
     * A car crossing a line again this soon after its last crossing of it is the same crossing: its fixes' noise carrying
     * them back and forth across the line (at 10 Hz a car moves about as far between fixes as their noise).
     */
    public static final Duration SAME_CROSSING = Duration.ofSeconds(10);
    /** A fix later than this after timing received it is left out ({@link #ahead}). */
    public static final Duration AHEAD = Duration.ofMinutes(1);

    private CrossingFinder() {
    }

    /**
     * A car's track as far as it goes: its last fix, and when it last crossed each line (those within
     * {@link #SAME_CROSSING} of the last fix). What the stream processor keeps per car.
     */
    public record Track(FixRecorded last, Map<String, Instant> crossed) {

        public Track {
            crossed = crossed == null ? Map.of() : Map.copyOf(crossed);
        }
    }

    /** The track one fix further, and the crossings that fix made. */
    public record Step(Track track, List<GpsCrossing> crossings) {
    }

    /**
     * The next fix of a car on its track: a fix not later than the last (the same fix sent again, or one out of order)
     * changes nothing; otherwise the crossings between the last fix and it of {@code lines}, each line's once within
     * {@link #SAME_CROSSING}.
     */
    public static Step next(Track track, FixRecorded fix, Collection<GpsLine> lines) {
        FixRecorded last = track == null ? null : track.last();
        if (!follows(last, fix) || ahead(fix)) {
            return new Step(track, List.of());
        }
        Map<String, Instant> crossed = new HashMap<>();
        if (track != null) {
            // a crossing between this fix and the next is at most MAX_FIX_GAP_MS before the next: older ones cannot matter
            Duration kept = SAME_CROSSING.plusMillis(VirtualLine.MAX_FIX_GAP_MS);
            track.crossed().forEach((point, at) -> {
                if (Duration.between(at, fix.time()).compareTo(kept) < 0) {
                    crossed.put(point, at);
                }
            });
        }
        List<GpsCrossing> found = new ArrayList<>();
        for (GpsCrossing crossing : between(last, fix, lines)) {
            Instant before = crossed.get(crossing.point());
            if (before == null || Duration.between(before, crossing.time()).compareTo(SAME_CROSSING) >= 0) {
                crossed.put(crossing.point(), crossing.time());
                found.add(crossing);
            }
        }
        return new Step(new Track(fix, crossed), found);
    }

    /**
     * Whether {@code next} follows {@code last} in the car's track: later than it. The same fix again (a batch sent twice)
     * or one older than the last (out of order) is left out, so the track is the same however often fixes are sent.
     */
    public static boolean follows(FixRecorded last, FixRecorded next) {
        return last == null || next.time().isAfter(last.time());
    }

    /**
     * Whether a fix says a time more than {@link #AHEAD} after timing received it: a phone's clock or a receiver's date
     * gone wrong. Taken as the car's last fix it would leave out every true fix after it for as long; it is no part of the
     * track (the same for the stream processor and a re-processing: both times are in the record).
     */
    static boolean ahead(FixRecorded fix) {
        return fix.receivedAt() != null && fix.time().isAfter(fix.receivedAt().plus(AHEAD));
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
