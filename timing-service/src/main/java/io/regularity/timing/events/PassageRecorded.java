package io.regularity.timing.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.regularity.timing.domain.GpsEvidence;
import io.regularity.timing.domain.Passage;

/**
 * A passage stored by timing-service, on {@code passages} keyed {@code raceId/car} ({@link OnPassages}). {@code precisionMs} and
 * {@code clockUncertaintyMs} are left out when the passage did not say them (version 1 stands: optional fields).
 */
public record PassageRecorded(UUID eventId, String type, int schemaVersion, Instant occurredAt, UUID id, String raceId,
        int car, String point, Instant time, String device, String source, long clockOffsetMs, Instant receivedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double precisionMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double clockUncertaintyMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) GpsEvidence evidence) implements OnPassages {

    public static final String TYPE = "PassageRecorded";

    public static PassageRecorded of(String raceId, Passage p, Instant receivedAt) {
        return of(raceId, p, receivedAt, null);
    }

    /** A GPS crossing's passage, with what it was computed from. */
    public static PassageRecorded of(String raceId, Passage p, Instant receivedAt, GpsEvidence evidence) {
        return new PassageRecorded(UUID.randomUUID(), TYPE, 1, receivedAt, p.id(), raceId, p.car(), p.point(), p.time(),
                p.device(), p.source(), p.clockOffsetMs(), receivedAt, p.precisionMs(), p.clockUncertaintyMs(), evidence);
    }
}
