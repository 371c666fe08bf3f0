package io.regularity.classification.messaging;

import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.regularity.classification.service.ScoringService;
import io.regularity.support.messaging.DatabaseRetry;
import io.regularity.support.messaging.RaceDefinedEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps classification's copy of each race definition from route-events (newer revisions only). */
@ApplicationScoped
public class RouteEventsConsumer {

    private final ScoringService service;
    private final ObjectMapper json;
    private final DatabaseRetry retry;

    public RouteEventsConsumer(ScoringService service, ObjectMapper json, DatabaseRetry retry) {
        this.service = service;
        this.json = json;
        this.retry = retry;
    }

    @Incoming("route-events")
    @Blocking
    public void consume(String payload) {
        Optional<RaceDefinedEvent> read;
        try {
            read = RaceDefinedEvent.read(json, payload);
        } catch (RaceDefinedEvent.Unreadable e) {
            retry.run("set aside an unreadable route event", () -> service.reject("route-events", String.valueOf(payload), e.getMessage()));
            return;
        }
        if (read.isEmpty()) {
            return;
        }
        RaceDefinedEvent event = read.get();
        String what = "revision " + event.revision() + " of race " + event.raceId();
        try {
            retry.run("apply " + what, () -> service.raceDefined(event.raceId(), event.revision(), event.race().toString(), event.occurredAt()));
        } catch (RuntimeException e) {
            Log.errorf(e, "%s set aside", what);
            retry.run("set aside " + what, () -> service.reject("route-events", payload, "could not be applied: " + e.getMessage()));
        }
    }
}
