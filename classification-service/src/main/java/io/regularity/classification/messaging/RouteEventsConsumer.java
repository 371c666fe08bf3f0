package io.regularity.classification.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
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
        long backoff = 100;
        while (true) {
            try {
                service.raceDefined(raceId, event.path("revision").asLong(), race.toString());
                return;
            } catch (RuntimeException e) {
                Log.warnf(e, "could not apply revision %d of race %s; retrying in %d ms", event.path("revision").asLong(),
                        raceId, backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }
}
