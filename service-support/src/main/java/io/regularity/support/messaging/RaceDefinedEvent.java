package io.regularity.support.messaging;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code RaceDefined} record of {@code route-events} ({@link RouteEvents} reads it) as every consumer sees it: the race's id, the
 * revision, when it was made ({@code occurredAt}, null when missing or unreadable: the revision then counts as the
 * earliest) and the definition itself, which each consumer reads in its own terms. The event's shape is the
 * contract's (docs/events.md); each consumer keeps what it needs of the definition.
 */
public record RaceDefinedEvent(String raceId, long revision, Instant occurredAt, JsonNode race) {

    public static final String TYPE = "RaceDefined";

    static Instant occurredAt(JsonNode event) {
        try {
            return event.hasNonNull("occurredAt") ? Instant.parse(event.get("occurredAt").asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
