package io.regularity.classification.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A passage as PassageRecorded carries it: the device's time and its clock offset, as the timing post sent them, and how
 * good that time is ({@code precisionMs}, {@code clockUncertaintyMs}; null when the post did not say); a GPS passage's
 * {@code evidence} (null for a post's).
 */
public record Passage(UUID id, String raceId, int car, String point, Instant time, long clockOffsetMs, String device,
        String source, Instant receivedAt, Double precisionMs, Double clockUncertaintyMs, Evidence evidence) implements PassageChange {

    /** A passage without evidence (a post's). */
    public Passage(UUID id, String raceId, int car, String point, Instant time, long clockOffsetMs, String device, String source,
            Instant receivedAt, Double precisionMs, Double clockUncertaintyMs) {
        this(id, raceId, car, point, time, clockOffsetMs, device, source, receivedAt, precisionMs, clockUncertaintyMs, null);
    }

    /** A passage that does not say how good its time is. */
    public Passage(UUID id, String raceId, int car, String point, Instant time, long clockOffsetMs, String device, String source,
            Instant receivedAt) {
        this(id, raceId, car, point, time, clockOffsetMs, device, source, receivedAt, null, null, null);
    }
}
