package io.regularity.timing.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.logging.Log;
import io.regularity.support.messaging.DatabaseRetry;
import io.regularity.timing.events.GpsCrossing;
import io.regularity.timing.service.PassageService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records each crossing the stream processor found ({@link CrossingTopology}, topic {@code gps-crossings}) as a passage:
 * idempotent by the crossing's id, so one read again after a restart changes nothing. The database away: it waits
 * (retrying) and goes on where it was; a record it cannot read is logged and skipped.
 */
@ApplicationScoped
public class GpsCrossingsConsumer {

    private final ObjectReader crossings;
    private final PassageService passages;
    private final DatabaseRetry retry;

    public GpsCrossingsConsumer(ObjectMapper json, PassageService passages, DatabaseRetry retry) {
        this.crossings = json.readerFor(GpsCrossing.class);
        this.passages = passages;
        this.retry = retry;
    }

    @Incoming("gps-crossings")
    @Blocking
    public void consume(String payload) {
        GpsCrossing crossing;
        try {
            crossing = crossings.readValue(payload);
        } catch (Exception e) {
            Log.errorf("skipped a GPS crossing that does not read: %s: %.200s", e.getMessage(), payload);
            return;
        }
        if (crossing.id() == null || crossing.raceId() == null || crossing.point() == null || crossing.time() == null
                || crossing.evidence() == null) {
            Log.errorf("skipped an incomplete GPS crossing: %.200s", payload);
            return;
        }
        try {
            retry.run("record the GPS crossing of car " + crossing.car() + " at " + crossing.point(), () -> passages.recordCrossing(crossing));
        } catch (RuntimeException e) {
            Log.errorf(e, "skipped the GPS crossing of car %d at %s of race %s", crossing.car(), crossing.point(), crossing.raceId());
        }
    }
}
