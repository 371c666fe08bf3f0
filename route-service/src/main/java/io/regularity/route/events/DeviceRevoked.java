package io.regularity.route.events;

import io.regularity.support.outbox.OutboxEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * Race direction revoked a device's token (a lost phone): every service refuses it from then on. On {@code route-events},
 * keyed {@code raceId/device/<device>}, so compaction keeps every revocation beside the race's definition.
 */
public record DeviceRevoked(UUID eventId, String type, int schemaVersion, Instant occurredAt, String raceId, String device, String tokenId,
        String by) implements OutboxEvent {

    public static final String TYPE = "DeviceRevoked";

    public static DeviceRevoked of(String raceId, String device, String tokenId, String by, Instant at) {
        return new DeviceRevoked(UUID.randomUUID(), TYPE, 1, at, raceId, device, tokenId, by);
    }

    /** On route-events, beside the race's definition. */
    @Override
    public String topic() {
        return RaceDefined.TOPIC;
    }

    @Override
    public String key() {
        return raceId + "/device/" + device;
    }
}
