package io.regularity.timing.messaging;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.regularity.support.messaging.Retry;
import io.regularity.timing.domain.RaceRoute;
import io.regularity.timing.domain.RaceRoute.Leg;
import io.regularity.timing.domain.RaceRoute.Point;
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
    public void consume(String payload) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (Exception e) {
            Log.errorf("skipped an unreadable route event (%s): %.200s", e.getMessage(), payload);
            return;
        }
        if (!"RaceDefined".equals(event.path("type").asText())) {
            Log.debugf("ignoring route event of type %s", event.path("type").asText());
            return;
        }
        JsonNode race = event.path("race");
        String raceId = race.path("id").asText("");
        if (raceId.isEmpty() || !event.path("revision").canConvertToLong()) {
            Log.errorf("skipped a RaceDefined without race.id or revision: %.200s", payload);
            return;
        }
        Set<String> points = new HashSet<>();
        LocalDate firstDay = null;
        List<Leg> legs = new ArrayList<>();
        for (JsonNode leg : race.path("legs")) {
            List<Point> route = new ArrayList<>();
            for (JsonNode point : leg.path("timingPoints")) {
                points.add(point.path("id").asText());
                route.add(new Point(point.path("id").asText(), point.path("town").asText(null),
                        point.path("km").isNumber() ? point.path("km").asDouble() : null));
            }
            legs.add(new Leg(leg.path("number").asInt(), leg.path("name").asText(null), leg.path("date").asText(null), route));
            try {
                LocalDate day = LocalDate.parse(leg.path("date").asText(""));
                firstDay = firstDay == null || day.isBefore(firstDay) ? day : firstDay;
            } catch (java.time.format.DateTimeParseException e) {
                // a leg without a date bounds nothing
            }
        }
        long revision = event.path("revision").asLong();
        LocalDate first = firstDay;
        Retry.whileDatabaseAway("store revision " + revision + " of race " + raceId,
                () -> service.raceDefined(new RaceRoute(raceId, race.path("name").asText(null), legs), revision, points, first));
    }
}
