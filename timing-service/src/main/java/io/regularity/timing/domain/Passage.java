package io.regularity.timing.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A passage as a timing post reported it: car {@code car} crossed {@code point} at {@code time} by its clock. */
public record Passage(UUID id, int car, String point, Instant time, String device, String source, long clockOffsetMs,
        Double precisionMs, Double clockUncertaintyMs) {

    /** A passage that does not say how good its time is (both qualities unknown). */
    public Passage(UUID id, int car, String point, Instant time, String device, String source, long clockOffsetMs) {
        this(id, car, point, time, device, source, clockOffsetMs, null, null);
    }

    /** Same crossing, reported again: what a retried upload sends. */
    public boolean sameAs(Passage other) {
        return id.equals(other.id) && car == other.car && point.equals(other.point) && time.equals(other.time)
                && device.equals(other.device) && source.equals(other.source) && clockOffsetMs == other.clockOffsetMs
                && Objects.equals(precisionMs, other.precisionMs) && Objects.equals(clockUncertaintyMs, other.clockUncertaintyMs);
    }
}
