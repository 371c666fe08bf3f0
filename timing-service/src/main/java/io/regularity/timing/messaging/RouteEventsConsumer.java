package io.regularity.timing.messaging;

import java.util.HashSet;
import java.util.Set;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.regularity.timing.service.PassageService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps timing-service's replica of the races (ids and timing points) from route-events. */
@ApplicationScoped
public class RouteEventsConsumer {

    private final PassageService service;
    private final ObjectMapper json;

    public RouteEventsConsumer(PassageService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Incoming("route-events")
    @Blocking
    public void consume(String payload) throws Exception {
        JsonNode event = json.readTree(payload);
        if (!"RaceDefined".equals(event.path("type").asText())) {
            Log.debugf("ignoring route event of type %s", event.path("type").asText());
            return;
        }
        JsonNode race = event.path("race");
        Set<String> points = new HashSet<>();
        for (JsonNode leg : race.path("legs")) {
            for (JsonNode point : leg.path("timingPoints")) {
                points.add(point.path("id").asText());
            }
        }
        service.raceDefined(race.path("id").asText(), event.path("revision").asLong(), points);
    }
}
