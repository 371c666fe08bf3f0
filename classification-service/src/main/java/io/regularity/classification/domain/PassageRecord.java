package io.regularity.classification.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A passage with all timing-service said about it (its device's time, the clock offset, the official time they make,
 * the device and source, when it was received, how good its time is, a GPS passage's evidence) and its void, if it was
 * voided at the moment asked.
 */
public record PassageRecord(UUID id, int car, String point, Instant time, long clockOffsetMs, Instant officialTime, String device,
        String source, Instant receivedAt, Voided voided, Double precisionMs, Double clockUncertaintyMs, Evidence evidence) {

    /** A passage without evidence (a post's). */
    public PassageRecord(UUID id, int car, String point, Instant time, long clockOffsetMs, Instant officialTime, String device,
            String source, Instant receivedAt, Voided voided, Double precisionMs, Double clockUncertaintyMs) {
        this(id, car, point, time, clockOffsetMs, officialTime, device, source, receivedAt, voided, precisionMs, clockUncertaintyMs, null);
    }

    /** A passage that does not say how good its time is. */
    public PassageRecord(UUID id, int car, String point, Instant time, long clockOffsetMs, Instant officialTime, String device,
            String source, Instant receivedAt, Voided voided) {
        this(id, car, point, time, clockOffsetMs, officialTime, device, source, receivedAt, voided, null, null, null);
    }

    /** Who voided the passage, when and why. */
    public record Voided(String reason, String by, Instant at) {
    }
}
