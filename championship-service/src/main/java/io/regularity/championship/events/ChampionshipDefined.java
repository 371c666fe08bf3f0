package io.regularity.championship.events;

import java.time.Instant;
import java.util.UUID;

import io.regularity.championship.domain.Championship;
import io.regularity.support.outbox.OutboxEvent;

/**
 * A revision of a championship's definition as race direction saved it, on the compacted {@code championships} topic
 * keyed {@code id/revision} (so compaction keeps every revision: the history). The service reads the topic back at
 * every start: a database lost is rebuilt from it and from {@code race-results} alone.
 */
public record ChampionshipDefined(UUID eventId, String type, int schemaVersion, Instant occurredAt, String id, long revision,
        Instant savedAt, String savedBy, Championship definition) implements OutboxEvent {

    public static final String TYPE = "ChampionshipDefined";
    public static final String TOPIC = "championships";

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public String key() {
        return id + "/" + revision;
    }

    public static ChampionshipDefined of(String id, long revision, Instant savedAt, String savedBy, Championship definition) {
        return new ChampionshipDefined(UUID.randomUUID(), TYPE, 1, Instant.now(), id, revision, savedAt, savedBy, definition);
    }
}
