package io.regularity.classification.domain;

import java.time.Instant;
import java.util.UUID;

/** A passage as PassageRecorded carries it: the device's time and its clock offset, as the timing post sent them. */
public record Passage(UUID id, String raceId, int car, String point, Instant time, long clockOffsetMs, String device,
        String source, Instant receivedAt) {
}
