package io.regularity.classification.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.regularity.classification.service.ScoringService;
import io.regularity.support.messaging.DatabaseRetry;
import io.regularity.support.messaging.RouteEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps classification's copy of each race definition from route-events (newer revisions only). */
@ApplicationScoped
public class RouteEventsConsumer {

    private final ScoringService scoring;
    private final DatabaseRetry retry;
    private final RouteEvents routeEvents;

    public RouteEventsConsumer(ScoringService scoring, DatabaseRetry retry, RouteEvents routeEvents) {
        this.scoring = scoring;
        this.retry = retry;
        this.routeEvents = routeEvents;
    }

    @Incoming("route-events")
    @Blocking
    public void consume(String payload) {
        routeEvents.consume(payload, event -> {
            String what = "revision " + event.revision() + " of race " + event.raceId();
            try {
                retry.run("apply " + what, () -> scoring.raceDefined(event.raceId(), event.revision(), event.race().toString(),
                        event.occurredAt()));
            } catch (RuntimeException e) {
                Log.errorf(e, "%s set aside", what);
                setAside(payload, what, "could not be applied: " + e.getMessage());
            }
        }, reason -> setAside(payload, "an unreadable route event", reason));
    }

    /** Keeps an event classification cannot apply in rejected_event, with the reason, for the operator. */
    private void setAside(String payload, String what, String reason) {
        retry.run("set aside " + what, () -> scoring.reject("route-events", String.valueOf(payload), reason));
    }
}
