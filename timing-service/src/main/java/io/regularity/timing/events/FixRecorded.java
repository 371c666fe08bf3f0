package io.regularity.timing.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.regularity.timing.domain.Fix;

/**
 * A car's position as its crew's phone sent it, on {@code fixes} keyed {@code raceId/car} (a car's fixes in order on one
 * partition), sent straight to Kafka, not through the outbox (docs/architecture.md, "Fixes"). {@code speedMs},
 * {@code headingDeg} and {@code accuracyM} are left out when the fix did not say them. Idempotent by
 * {@code raceId/car/time}: the same fix sent twice (a batch sent again after a 503) is the same fact.
 */
public record FixRecorded(UUID eventId, String type, int schemaVersion, Instant occurredAt, String raceId, int car, String device,
        Instant time, double lat, double lon, @JsonInclude(JsonInclude.Include.NON_NULL) Double speedMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double headingDeg, @JsonInclude(JsonInclude.Include.NON_NULL) Double accuracyM,
        Fix.Source source, Instant receivedAt) {

    public static final String TYPE = "FixRecorded";
    public static final String TOPIC = "fixes";

    public static FixRecorded of(String raceId, int car, String device, Fix fix, Instant receivedAt) {
        return new FixRecorded(UUID.randomUUID(), TYPE, 1, receivedAt, raceId, car, device, fix.time(), fix.lat(), fix.lon(),
                fix.speedMs(), fix.headingDeg(), fix.accuracyM(), fix.source(), receivedAt);
    }

    /** The record's key: a car's fixes stay in order on one partition. */
    @JsonIgnore
    public String key() {
        return raceId + "/" + car;
    }
}
