package io.regularity.support.outbox;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event a service announces through the {@link Outbox}: it says which topic it goes to and the key of its record
 * (what keeps its aggregate's events in order on one partition); the outbox writes it as JSON. Neither is part of the
 * event's JSON.
 */
public interface OutboxEvent {

    @JsonIgnore
    String topic();

    @JsonIgnore
    String key();
}
