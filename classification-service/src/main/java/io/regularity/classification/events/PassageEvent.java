package io.regularity.classification.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.regularity.classification.domain.Evidence;
import io.regularity.classification.domain.Passage;
import io.regularity.classification.domain.PassageChange;
import io.regularity.classification.domain.PassageVoid;

/**
 * What classification reads from {@code passages}: timing's events, in classification's own copy (their shape pinned by
 * the golden samples). Read with Jackson by {@code type}; a type this version does not know reads as {@link Other} and
 * is skipped, fields it does not know are ignored, and a field it needs that is missing makes the event unreadable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = PassageEvent.Other.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = PassageEvent.Recorded.class, name = "PassageRecorded"),
        @JsonSubTypes.Type(value = PassageEvent.Voided.class, name = "PassageVoided"),
        @JsonSubTypes.Type(value = PassageEvent.Restored.class, name = "PassageRestored") })
public sealed interface PassageEvent {

    UUID eventId();

    /** The fact it tells, checked: an IllegalArgumentException names a field that is missing or impossible; null for {@link Other}. */
    PassageChange fact();

    /**
     * A crossing, as the timing post sent it and timing received it; a GPS crossing with its {@code evidence} (optional:
     * an event without it, every post's and every older one, reads as before).
     */
    record Recorded(UUID eventId, Instant occurredAt, UUID id, String raceId, Integer car, String point, Instant time, Long clockOffsetMs,
            String device, String source, Instant receivedAt, Double precisionMs, Double clockUncertaintyMs, Evidence evidence)
            implements PassageEvent {
        @Override
        public PassageChange fact() {
            return new Passage(required(id, "id"), required(raceId, "raceId"), positiveCar(car), required(point, "point"), required(time, "time"),
                    clockOffsetMs == null ? 0 : clockOffsetMs, device, source, receivedAt, precisionMs, clockUncertaintyMs, evidence);
        }
    }

    /** A crossing race direction voided: it no longer counts. */
    record Voided(UUID eventId, Instant occurredAt, UUID passageId, String raceId, Integer car, String reason, String by)
            implements PassageEvent {
        @Override
        public PassageChange fact() {
            return new PassageVoid(required(passageId, "passageId"), required(raceId, "raceId"), positiveCar(car), reason, by, occurredAt, false);
        }
    }

    /** A void undone: the crossing counts again. */
    record Restored(UUID eventId, Instant occurredAt, UUID passageId, String raceId, Integer car, String reason, String by)
            implements PassageEvent {
        @Override
        public PassageChange fact() {
            return new PassageVoid(required(passageId, "passageId"), required(raceId, "raceId"), positiveCar(car), reason, by, occurredAt, true);
        }
    }

    /** A type this version does not know (a newer timing's): skipped. */
    record Other(UUID eventId) implements PassageEvent {
        @Override
        public PassageChange fact() {
            return null;
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value;
    }

    private static int positiveCar(Integer car) {
        if (car == null || car < 1) {
            throw new IllegalArgumentException(car == null ? "missing field car" : "car must be a positive number");
        }
        return car;
    }
}
