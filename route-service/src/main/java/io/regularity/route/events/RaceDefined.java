package io.regularity.route.events;

import java.time.Instant;
import java.util.UUID;

import io.regularity.route.domain.Race;
import io.regularity.support.outbox.OutboxEvent;

/** The full current definition of a race, published to {@code route-events} after every change. */
public record RaceDefined(UUID eventId, String type, int schemaVersion, Instant occurredAt, Race race, long revision)
        implements OutboxEvent {

    public static final String TYPE = "RaceDefined";
    public static final String TOPIC = "route-events";

    @Override
    public String topic() {
        return TOPIC;
    }

    /** The race: compaction keeps its last definition. */
    @Override
    public String key() {
        return race.id();
    }

    public static RaceDefined of(Race race) {
        return new RaceDefined(UUID.randomUUID(), TYPE, 1, Instant.now(), race, race.revision());
    }
}
