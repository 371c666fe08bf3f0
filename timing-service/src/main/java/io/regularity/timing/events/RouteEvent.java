package io.regularity.timing.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.regularity.support.messaging.EventTime;

/**
 * What timing reads from {@code route-events}, in its own copy of route's events (their shape pinned by the golden
 * samples): a race's definition, as much of it as a timing post needs ({@link RaceDefinition}), and a device's
 * revocation. Read with Jackson by {@code type}; a type this version does not know reads as {@link Other}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = RouteEvent.Other.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = RouteEvent.RaceDefined.class, name = "RaceDefined"),
        @JsonSubTypes.Type(value = RouteEvent.DeviceRevoked.class, name = "DeviceRevoked") })
public sealed interface RouteEvent {

    /** A race at a revision; one without its id or revision is not read (the reading fails, saying so). */
    record RaceDefined(Long revision, RaceDefinition race) implements RouteEvent {
        public RaceDefined {
            if (revision == null || race == null || race.id() == null || race.id().isEmpty()) {
                throw new IllegalArgumentException("RaceDefined without race.id or revision");
            }
        }
    }

    /** The tokens of a device race direction revoked, refused from {@code occurredAt} on. */
    record DeviceRevoked(String tokenId, String raceId, String device, String occurredAt) implements RouteEvent {

        /** When the tokens stopped counting: the event's moment, or now when it has none that can be read. */
        public Instant at() {
            return EventTime.read(occurredAt).orElseGet(Instant::now);
        }
    }

    /** Any other type: nothing for timing. */
    record Other() implements RouteEvent {
    }
}
