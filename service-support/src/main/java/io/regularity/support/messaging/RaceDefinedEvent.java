package io.regularity.support.messaging;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Consumer;

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

    /**
     * The RaceDefined a record carries; empty for an event of another type, and for a record that is no event or a
     * RaceDefined without what names it, whose reason goes to {@code unreadable} (for whoever sets it aside).
     */
    public static Optional<RaceDefinedEvent> read(ObjectMapper json, String payload, Consumer<String> unreadable) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            unreadable.accept("unreadable event: " + e.getMessage());
            return Optional.empty();
        }
        if (event == null || !TYPE.equals(event.path("type").asText())) {
            return Optional.empty();
        }
        JsonNode race = event.path("race");
        String raceId = race.path("id").asText("");
        if (raceId.isEmpty() || !event.path("revision").canConvertToLong()) {
            unreadable.accept("RaceDefined without race.id or revision");
            return Optional.empty();
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
