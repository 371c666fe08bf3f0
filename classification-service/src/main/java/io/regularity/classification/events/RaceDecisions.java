package io.regularity.classification.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.support.outbox.OutboxEvent;

/**
 * A race's decisions as race direction left them in classification (the entry list, the rulings, the anomalies
 * handled: the rows of its crew, ruling and anomaly_handled tables), published whole to the compacted
 * {@code race-decisions} topic after every change, so a lost database is rebuilt from Kafka alone.
 */
public record RaceDecisions(UUID eventId, String type, int schemaVersion, Instant occurredAt, String raceId, long version,
        JsonNode decisions) implements OutboxEvent {

    public static final String TYPE = "RaceDecisions";
    public static final String TOPIC = "race-decisions";

    @Override
    public String topic() {
        return TOPIC;
    }

    /** The race: compaction keeps its last publication. */
    @Override
    public String key() {
        return raceId;
    }

    public static RaceDecisions of(String raceId, long version, JsonNode decisions) {
        return new RaceDecisions(UUID.randomUUID(), TYPE, 1, Instant.now(), raceId, version, decisions);
    }
}
