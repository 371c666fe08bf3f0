package io.regularity.support.messaging;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A {@code RaceDefined} record of {@code route-events} as every consumer reads its envelope: the race's id, the
 * revision, when it was made ({@code occurredAt}, null when missing or unreadable: the revision then counts as the
 * earliest) and the definition itself, which each consumer reads in its own terms. The event's shape is the
 * contract's (docs/events.md); each consumer keeps what it needs of the definition.
 */
public record RaceDefinedEvent(String raceId, long revision, Instant occurredAt, JsonNode race) {

    public static final String TYPE = "RaceDefined";

    /** A record that is no event, or a RaceDefined without what names it: the reason, for whoever sets it aside. */
    public static class Unreadable extends RuntimeException {
        public Unreadable(String reason) {
            super(reason);
        }
    }

    /** The RaceDefined a record carries; empty for an event of another type; {@link Unreadable} when it cannot be read. */
    public static Optional<RaceDefinedEvent> read(ObjectMapper json, String payload) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new Unreadable("unreadable event: " + e.getMessage());
        }
        if (event == null || !TYPE.equals(event.path("type").asText())) {
            return Optional.empty();
        }
        JsonNode race = event.path("race");
        String raceId = race.path("id").asText("");
        if (raceId.isEmpty() || !event.path("revision").canConvertToLong()) {
            throw new Unreadable("RaceDefined without race.id or revision");
        }
        return Optional.of(new RaceDefinedEvent(raceId, event.path("revision").asLong(), occurredAt(event), race));
    }

    private static Instant occurredAt(JsonNode event) {
        try {
            return event.hasNonNull("occurredAt") ? Instant.parse(event.get("occurredAt").asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
