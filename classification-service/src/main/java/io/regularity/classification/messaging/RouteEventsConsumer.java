package io.regularity.classification.messaging;

import java.util.Objects;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.regularity.classification.events.RouteEvent;
import io.regularity.classification.service.ScoringService;
import io.regularity.support.messaging.DatabaseRetry;
import io.regularity.support.security.RevokedTokens;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads route-events into classification's own copy of them ({@link RouteEvent}): keeps each race definition (newer
 * revisions only, every crew scored again), and refuses a revoked device's tokens from then on. An event it cannot read
 * or apply is set aside in rejected_event with the reason.
 */
@ApplicationScoped
public class RouteEventsConsumer {

    private final ScoringService scoring;
    private final RevokedTokens revokedTokens;
    private final DatabaseRetry retry;
    private final ObjectMapper json;

    public RouteEventsConsumer(ScoringService scoring, RevokedTokens revokedTokens, DatabaseRetry retry, ObjectMapper json) {
        this.scoring = scoring;
        this.revokedTokens = revokedTokens;
        this.retry = retry;
        this.json = json;
    }

    @Incoming("route-events")
    @Blocking
    public void consume(String payload) {
        RouteEvent event;
        String raceId = null;
        try {
            event = json.readValue(payload, RouteEvent.class);
            if (event instanceof RouteEvent.RaceDefined defined) {
                raceId = defined.raceId();
            } else if (event instanceof RouteEvent.DeviceRevoked revoked && (revoked.tokenId() == null || revoked.tokenId().isEmpty())) {
                throw new IllegalArgumentException("DeviceRevoked without tokenId");
            }
        } catch (Exception e) {
            setAside(payload, "an unreadable route event", "unreadable event: " + e.getMessage());
            return;
        }
        if (event instanceof RouteEvent.RaceDefined defined) {
            String id = raceId;
            String what = "revision " + defined.revision() + " of race " + id;
            try {
                retry.run("apply " + what, () -> scoring.raceDefined(id, defined.revision(), defined.race().toString(), defined.definedAt()));
            } catch (RuntimeException e) {
                Log.errorf(e, "%s set aside", what);
                setAside(payload, what, "could not be applied: " + e.getMessage());
            }
        } else if (event instanceof RouteEvent.DeviceRevoked revoked) {
            String what = "the revocation of device " + revoked.device();
            try {
                retry.run("record " + what, () -> revokedTokens.revoke(revoked.tokenId(), Objects.toString(revoked.raceId(), ""),
                        Objects.toString(revoked.device(), ""), revoked.at()));
            } catch (RuntimeException e) {
                Log.errorf(e, "%s set aside", what);
                setAside(payload, what, "could not be applied: " + e.getMessage());
            }
        }
    }

    /** Keeps an event classification cannot apply in rejected_event, with the reason, for the operator. */
    private void setAside(String payload, String what, String reason) {
        retry.run("set aside " + what, () -> scoring.reject("route-events", String.valueOf(payload), reason));
    }
}
