package io.regularity.timing.messaging;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.regularity.support.messaging.DatabaseRetry;
import io.regularity.support.messaging.RaceDefinedEvent;
import io.regularity.support.messaging.RouteEvents;
import io.regularity.timing.domain.RaceRoute;
import io.regularity.timing.domain.RaceRoute.Leg;
import io.regularity.timing.domain.RaceRoute.Point;
import io.regularity.timing.service.PassageService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps timing-service's replica of the races (ids and timing points) from route-events. */
@ApplicationScoped
public class RouteEventsConsumer {

    private final RouteEvents routeEvents;
    private final PassageService passages;
    private final DatabaseRetry retry;

    public RouteEventsConsumer(RouteEvents routeEvents, PassageService passages, DatabaseRetry retry) {
        this.routeEvents = routeEvents;
        this.passages = passages;
        this.retry = retry;
    }

    @Incoming("route-events")
    @Blocking
    public void consume(String payload) {
        routeEvents.consume(payload, this::keep, reason -> Log.errorf("skipped a route event: %s: %.200s", reason, payload));
    }

    /** Keeps what a timing post needs of a race: its legs and their timing points, and the day of its first leg. */
    private void keep(RaceDefinedEvent event) {
        Set<String> points = new HashSet<>();
        LocalDate firstDay = null;
        List<Leg> legs = new ArrayList<>();
        for (JsonNode leg : event.race().path("legs")) {
            Set<String> pcLines = new HashSet<>();
            for (JsonNode trial : leg.path("trials")) {
                if ("PC".equals(trial.path("type").asText())) {
                    pcLines.add(trial.path("start").asText());
                    pcLines.add(trial.path("finish").asText());
                }
            }
            List<Point> route = new ArrayList<>();
            for (JsonNode point : leg.path("timingPoints")) {
                points.add(point.path("id").asText());
                route.add(new Point(point.path("id").asText(), point.path("town").asText(null),
                        point.path("km").isNumber() ? point.path("km").asDouble() : null, pcLines.contains(point.path("id").asText()) ? true : null));
            }
            legs.add(new Leg(leg.path("number").asInt(), leg.path("name").asText(null), leg.path("date").asText(null), route,
                    leg.path("laps").canConvertToInt() && leg.path("laps").asInt() > 1 ? leg.path("laps").asInt() : null,
                    leg.path("startPoint").asText(null)));
            try {
                LocalDate day = LocalDate.parse(leg.path("date").asText(""));
                firstDay = firstDay == null || day.isBefore(firstDay) ? day : firstDay;
            } catch (DateTimeParseException e) {
                // a leg without a date bounds nothing
            }
        }
        LocalDate first = firstDay;
        RaceRoute route = new RaceRoute(event.raceId(), event.race().path("name").asText(null),
                event.race().path("timeZone").asText("Europe/Rome"), legs);
        retry.run("store revision " + event.revision() + " of race " + event.raceId(),
                () -> passages.raceDefined(route, event.revision(), points, first));
    }
}
