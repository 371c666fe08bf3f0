package io.regularity.timing.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.regularity.support.messaging.DatabaseRetry;
import io.regularity.support.messaging.RaceDefinedEvent;
import io.regularity.support.messaging.RouteEvents;
import io.regularity.timing.events.RaceDefinition;
import io.regularity.timing.service.PassageService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps timing-service's replica of the races (ids and timing points) from route-events. */
@ApplicationScoped
public class RouteEventsConsumer {

    private final RouteEvents routeEvents;
    private final PassageService passages;
    private final DatabaseRetry retry;
    private final ObjectMapper json;

    public RouteEventsConsumer(RouteEvents routeEvents, PassageService passages, DatabaseRetry retry, ObjectMapper json) {
        this.routeEvents = routeEvents;
        this.json = json;
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
        RaceDefinition race;
        try {
            race = json.treeToValue(event.race(), RaceDefinition.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Log.errorf("skipped revision %d of race %s: %s", event.revision(), event.raceId(), e.getMessage());
            return;
        }
        retry.run("store revision " + event.revision() + " of race " + event.raceId(),
                () -> passages.raceDefined(race.route(event.raceId()), event.revision(), race.points(), race.firstDay()));
    }
}
