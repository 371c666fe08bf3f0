package io.regularity.classification.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.service.ScoringService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.quarkus.logging.Log;
import io.regularity.support.messaging.Retry;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps classification's copy of each race definition from route-events (newer revisions only). */
@ApplicationScoped
public class RouteEventsConsumer {

    private final ScoringService service;
    private final ObjectMapper json;

    public RouteEventsConsumer(ScoringService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Incoming("route-events")
    @Blocking
    public void consume(String payload) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (Exception e) {
            service.reject("route-events", String.valueOf(payload), "unreadable event: " + e.getMessage());
            return;
        }
        if (!"RaceDefined".equals(event.path("type").asText())) {
            return;
        }
        JsonNode race = event.path("race");
        String raceId = race.path("id").asText("");
        if (raceId.isEmpty() || !event.path("revision").canConvertToLong()) {
            service.reject("route-events", payload, "RaceDefined without race.id or revision");
            return;
        }
        long revision = event.path("revision").asLong();
        java.time.Instant definedAt = occurredAt(event);
        try {
            Retry.whileDatabaseAway("apply revision " + revision + " of race " + raceId,
                    () -> service.raceDefined(raceId, revision, race.toString(), definedAt));
        } catch (RuntimeException e) {
            Log.errorf(e, "revision %d of race %s set aside", revision, raceId);
            Retry.whileDatabaseAway("set aside revision " + revision + " of race " + raceId, () -> service.reject("route-events",
                    payload, "could not be applied: " + e.getMessage()));
        }
    }

    /** The envelope's occurredAt, or null when it is missing or unreadable (the revision then counts as the earliest). */
    static java.time.Instant occurredAt(JsonNode event) {
        try {
            return event.hasNonNull("occurredAt") ? java.time.Instant.parse(event.get("occurredAt").asText()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
