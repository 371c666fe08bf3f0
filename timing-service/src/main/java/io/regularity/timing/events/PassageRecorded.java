package io.regularity.timing.events;

import java.time.Instant;
import java.util.UUID;

import io.regularity.timing.domain.Passage;

/** A passage stored by timing-service, on {@code passages} keyed {@code raceId/car}. */
public record PassageRecorded(UUID eventId, String type, int schemaVersion, Instant occurredAt, UUID id, String raceId,
        int car, String point, Instant time, String device, String source, long clockOffsetMs, Instant receivedAt) {

    public static final String TYPE = "PassageRecorded";
    public static final String TOPIC = "passages";

    public static PassageRecorded of(String raceId, Passage p, Instant receivedAt) {
        return new PassageRecorded(UUID.randomUUID(), TYPE, 1, receivedAt, p.id(), raceId, p.car(), p.point(), p.time(),
                p.device(), p.source(), p.clockOffsetMs(), receivedAt);
    }

    public static String key(String raceId, int car) {
        return raceId + "/" + car;
    }
}
