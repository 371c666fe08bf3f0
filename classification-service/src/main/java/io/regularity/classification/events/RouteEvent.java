package io.regularity.classification.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.support.messaging.EventTime;

/**
 * What classification reads from {@code route-events}, in its own copy of route's events (their shape pinned by the
 * golden samples): a race's definition, kept whole and read by {@code domain/RaceDefinition} when it is scored, and a
 * device's revocation. Read with Jackson by {@code type}; a type this version does not know reads as {@link Other}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = RouteEvent.Other.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = RouteEvent.RaceDefined.class, name = "RaceDefined"),
        @JsonSubTypes.Type(value = RouteEvent.DeviceRevoked.class, name = "DeviceRevoked") })
public sealed interface RouteEvent {

    /**
     * A race's definition at a revision, made at {@code occurredAt} (null when missing or unreadable: the revision then
     * counts as the earliest, for lists as of a past moment).
     */
    record RaceDefined(Long revision, String occurredAt, JsonNode race) implements RouteEvent {

        /** The race's id, checked with the revision: an IllegalArgumentException says what is missing. */
        public String raceId() {
            String id = race == null ? "" : race.path("id").asText("");
            if (id.isEmpty() || revision == null) {
                throw new IllegalArgumentException("RaceDefined without race.id or revision");
            }
            return id;
        }

        public Instant definedAt() {
            return EventTime.read(occurredAt).orElse(null);
        }
    }

    /** A device's tokens revoked by race direction: refused here too from now on. */
    record DeviceRevoked(String tokenId, String raceId, String device, String occurredAt) implements RouteEvent {

        /** When the tokens stopped counting: the event's moment, or now when it has none that can be read. */
        public Instant at() {
            return EventTime.read(occurredAt).orElseGet(Instant::now);
        }
    }

    /** A type this version does not know: left alone. */
    record Other() implements RouteEvent {
    }
}
