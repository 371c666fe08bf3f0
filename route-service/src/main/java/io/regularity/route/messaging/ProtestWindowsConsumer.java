package io.regularity.route.messaging;

import java.time.Instant;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.regularity.route.service.RaceService;
import io.regularity.support.messaging.DatabaseRetry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads classification's {@code ProtestWindowClosed} (topic {@code protest-windows}): a posted list whose protest window
 * closed with no protest open is published as official, if that posting still stands (docs/rules.md, The protest
 * window). The same event twice, or one for a posting since taken down, changes nothing. An event it cannot read, or
 * one whose publication fails for another reason than the database being away, is logged and skipped: the consumer
 * never stops on one race.
 */
@ApplicationScoped
public class ProtestWindowsConsumer {

    private final ObjectMapper json;
    private final RaceService races;
    private final DatabaseRetry retry;

    public ProtestWindowsConsumer(ObjectMapper json, RaceService races, DatabaseRetry retry) {
        this.json = json;
        this.races = races;
        this.retry = retry;
    }

    @Incoming("protest-windows")
    @Blocking
    public void consume(String payload) {
        JsonNode event;
        String raceId;
        Integer leg;
        long postedRevision;
        Instant at;
        try {
            event = json.readTree(payload);
            if (event == null || !"ProtestWindowClosed".equals(event.path("type").asText()) || !event.path("raceId").isTextual()
                    || !event.path("postedRevision").canConvertToLong() || !event.path("at").isTextual()) {
                Log.errorf("skipped a protest-windows event that is not a ProtestWindowClosed: %.200s", payload);
                return;
            }
            raceId = event.get("raceId").asText();
            leg = event.path("leg").isInt() ? event.get("leg").asInt() : null;
            postedRevision = event.get("postedRevision").asLong();
            at = Instant.parse(event.get("at").asText());
        } catch (Exception e) {
            Log.errorf("skipped an unreadable protest-windows event: %s: %.200s", e.getMessage(), payload);
            return;
        }
        try {
            retry.run("publish " + (leg == null ? "race " + raceId : "leg " + leg + " of " + raceId) + " after its protest window",
                    () -> {
                        if (races.windowClosed(raceId, leg, postedRevision, at)) {
                            Log.infof("%s of %s published as official: its protest window closed", leg == null ? "the race" : "leg " + leg,
                                    raceId);
                        }
                    });
        } catch (RuntimeException e) {
            // a race that cannot be published (its stored definition refused today, or too large): said, and the
            // consumer goes on with the other races; race direction publishes it by hand
            Log.errorf(e, "skipped the publication of %s of %s after its protest window", leg == null ? "the race" : "leg " + leg, raceId);
        }
    }
}
