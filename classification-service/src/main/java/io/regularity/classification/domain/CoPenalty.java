package io.regularity.classification.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A time control (CO): the crew is due in a given minute; each whole minute early costs 100 (no cap),
 * each whole minute late 100 up to 300, and later than the maximum lateness 1000, or exclusion on the
 * last leg.
 */
public record CoPenalty(int penalty, boolean excluded) {

    public static final int PER_MINUTE = 100;
    public static final int LATE_CAP = 300;
    public static final int BEYOND_MAX_LATENESS = 1000;

    /** Due time: the reference passage plus the sector's duration, truncated to the whole minute. */
    public static Instant due(Instant reference, int durationMinutes) {
        return reference.plus(durationMinutes, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
    }

    /** {@code m = floor((arrival − due) / 60 s)}: negative early, 0 inside the due minute. */
    public static long minutes(Instant due, Instant arrival) {
        return Math.floorDiv(arrival.toEpochMilli() - due.toEpochMilli(), 60_000L);
    }

    public static CoPenalty of(Instant due, Instant arrival, int maxLatenessMinutes, boolean lastLeg) {
        long m = minutes(due, arrival);
        if (m > maxLatenessMinutes) {
            return beyondMaxLateness(lastLeg);
        }
        if (m < 0) {
            return new CoPenalty((int) Math.min(Integer.MAX_VALUE, PER_MINUTE * -m), false);
        }
        return new CoPenalty((int) Math.min(PER_MINUTE * m, LATE_CAP), false);
    }

    /** Later than the maximum lateness, or never arrived: 1000, or, on the last leg, exclusion instead (not as well). */
    public static CoPenalty beyondMaxLateness(boolean lastLeg) {
        return lastLeg ? new CoPenalty(0, true) : new CoPenalty(BEYOND_MAX_LATENESS, false);
    }
}
