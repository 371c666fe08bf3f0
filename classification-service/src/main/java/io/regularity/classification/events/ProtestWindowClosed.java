package io.regularity.classification.events;

import java.time.Instant;
import java.util.UUID;

import io.regularity.support.outbox.OutboxEvent;

/**
 * A posted list's protest window closed with none of its protests still open: route-service, which holds the
 * publications, publishes it as official, stamped {@code at} (the window's end, or the last decision of its protests
 * when that came later) and by whoever posted it, if the posting of revision {@code postedRevision} still stands.
 * {@code leg} null: the whole race's posting.
 */
public record ProtestWindowClosed(UUID eventId, String type, int schemaVersion, Instant occurredAt, String raceId, Integer leg,
        long postedRevision, Instant protestsUntil, Instant at) implements OutboxEvent {

    public static final String TYPE = "ProtestWindowClosed";
    public static final String TOPIC = "protest-windows";

    @Override
    public String topic() {
        return TOPIC;
    }

    /** The race and the posting: compaction keeps the last closing of each. */
    @Override
    public String key() {
        return raceId + "/" + (leg == null ? "race" : "leg/" + leg);
    }

    public static ProtestWindowClosed of(String raceId, Integer leg, long postedRevision, Instant protestsUntil, Instant at) {
        return new ProtestWindowClosed(UUID.randomUUID(), TYPE, 1, Instant.now(), raceId, leg, postedRevision, protestsUntil, at);
    }
}
