package io.regularity.route.events;

import java.time.Instant;
import java.util.UUID;

import io.regularity.route.domain.Race;

/** The full current definition of a race, published to {@code route-events} after every change. */
public record RaceDefined(UUID eventId, String type, int schemaVersion, Instant occurredAt, Race race, long revision) {

    public static final String TYPE = "RaceDefined";
    public static final String TOPIC = "route-events";

    public static RaceDefined of(Race race) {
        return new RaceDefined(UUID.randomUUID(), TYPE, 1, Instant.now(), race, race.revision());
    }
}
