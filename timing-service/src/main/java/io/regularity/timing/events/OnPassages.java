package io.regularity.timing.events;

import io.regularity.support.outbox.OutboxEvent;

/**
 * An event about one crew's passage (recorded, voided, restored): on {@code passages}, keyed {@code raceId/car}, so a
 * crew's passages, voids and restores stay in order on one partition.
 */
public interface OnPassages extends OutboxEvent {

    String TOPIC = "passages";

    String raceId();

    int car();

    @Override
    default String topic() {
        return TOPIC;
    }

    @Override
    default String key() {
        return raceId() + "/" + car();
    }
}
