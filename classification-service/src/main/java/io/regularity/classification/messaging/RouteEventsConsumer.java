package io.regularity.classification.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.persistence.FactStore;
import io.regularity.classification.service.ClassificationService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps classification's copy of each race definition from route-events (newer revisions only). */
@ApplicationScoped
public class RouteEventsConsumer {

    private final ClassificationService service;
    private final FactStore facts;
    private final ObjectMapper json;

    public RouteEventsConsumer(ClassificationService service, FactStore facts, ObjectMapper json) {
        this.service = service;
        this.facts = facts;
        this.json = json;
    }

    @Incoming("route-events")
    @Blocking
    public void consume(String payload) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (Exception e) {
            facts.reject("route-events", String.valueOf(payload), "unreadable event: " + e.getMessage());
            return;
        }
        if (!"RaceDefined".equals(event.path("type").asText())) {
            return;
        }
        JsonNode race = event.path("race");
        String raceId = race.path("id").asText("");
        if (raceId.isEmpty() || !event.path("revision").canConvertToLong()) {
            facts.reject("route-events", payload, "RaceDefined without race.id or revision");
            return;
        }
        long revision = event.path("revision").asLong();
        Retry.untilDone("apply revision " + revision + " of race " + raceId,
                () -> service.raceDefined(raceId, revision, race.toString()));
    }
}
