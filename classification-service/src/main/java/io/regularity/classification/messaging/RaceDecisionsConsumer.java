package io.regularity.classification.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.regularity.classification.events.RaceDecisions;
import io.regularity.classification.service.ScoringService;
import io.regularity.support.messaging.DatabaseRetry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads back classification's own publications of each race's decisions: nothing changes while the database holds
 * them (the usual case: it wrote them); a database restored from an old backup, or lost and started empty, takes the
 * newer ones.
 */
@ApplicationScoped
public class RaceDecisionsConsumer {

    private final ScoringService scoring;
    private final ObjectMapper json;
    private final DatabaseRetry retry;

    public RaceDecisionsConsumer(ScoringService scoring, ObjectMapper json, DatabaseRetry retry) {
        this.scoring = scoring;
        this.json = json;
        this.retry = retry;
    }

    @Incoming(RaceDecisions.TOPIC)
    @Blocking
    public void consume(String payload) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (Exception e) {
            retry.run("set aside an unreadable decisions event", () -> scoring.reject(RaceDecisions.TOPIC, String.valueOf(payload),
                    "unreadable event: " + e.getMessage()));
            return;
        }
        if (event == null || !RaceDecisions.TYPE.equals(event.path("type").asText()) || !event.hasNonNull("raceId")
                || !event.path("decisions").isObject()) {
            Log.warnf("a %s event that is not %s, skipped", RaceDecisions.TOPIC, RaceDecisions.TYPE);
            return;
        }
        String raceId = event.get("raceId").asText();
        long version = event.path("version").asLong();
        String decisions = event.get("decisions").toString();
        retry.run("apply decisions version " + version + " of race " + raceId, () -> scoring.decisionsRead(raceId, version, decisions));
    }
}
