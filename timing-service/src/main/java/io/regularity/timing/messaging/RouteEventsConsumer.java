package io.regularity.timing.messaging;

import java.util.Objects;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.logging.Log;
import io.regularity.support.messaging.DatabaseRetry;
import io.regularity.support.security.RevokedTokens;
import io.regularity.timing.events.RaceDefinition;
import io.regularity.timing.events.RouteEvent;
import io.regularity.timing.service.PassageService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads route-events into timing's own copy of them ({@link RouteEvent}): keeps the posts' replica of the races (ids and
 * timing points), and refuses a revoked device's tokens from then on. An event it cannot read is logged and skipped.
 */
@ApplicationScoped
public class RouteEventsConsumer {

    /** Reads a record into timing's copy of route's events (one reader, made once). */
    private final ObjectReader routeEvents;
    private final PassageService passages;
    private final RevokedTokens revokedTokens;
    private final DatabaseRetry retry;

    public RouteEventsConsumer(ObjectMapper json, PassageService passages, RevokedTokens revokedTokens, DatabaseRetry retry) {
        this.routeEvents = json.readerFor(RouteEvent.class);
        this.passages = passages;
        this.revokedTokens = revokedTokens;
        this.retry = retry;
    }

    @Incoming("route-events")
    @Blocking
    public void consume(String payload) {
        RouteEvent event;
        try {
            event = routeEvents.readValue(payload);
        } catch (Exception e) {
            Log.errorf("skipped a route event: %s: %.200s", e.getMessage(), payload);
            return;
        }
        if (event instanceof RouteEvent.RaceDefined defined) {
            keep(defined.revision(), defined.race());
        } else if (event instanceof RouteEvent.DeviceRevoked revoked) {
            if (revoked.tokenId() == null || revoked.tokenId().isEmpty()) {
                Log.errorf("skipped a DeviceRevoked without tokenId: %.200s", payload);
                return;
            }
            try {
                retry.run("record the revocation of device " + revoked.device(), () -> revokedTokens.revoke(revoked.tokenId(),
                        Objects.toString(revoked.raceId(), ""), Objects.toString(revoked.device(), ""), revoked.at()));
            } catch (RuntimeException e) {
                Log.errorf(e, "skipped the revocation of device %s", revoked.device());
            }
        }
    }

    /** Keeps what a timing post needs of a race: its legs and their timing points, and the day of its first leg. */
    private void keep(long revision, RaceDefinition race) {
        retry.run("store revision " + revision + " of race " + race.id(),
                () -> passages.raceDefined(race.route(race.id()), revision, race.points(), race.firstDay(), race.gpsLines()));
    }
}
