package io.regularity.classification.service;

import java.time.Duration;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.regularity.classification.config.ClassificationConfig;
import io.regularity.classification.persistence.EventLog;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every hour, the ids of events applied more than {@code regularity.keep-processed-events} ago (30 days by
 * default) are forgotten. They guard against a redelivery, which comes within minutes of the last committed
 * offset; a replay of the whole topic applies the same facts again and changes nothing anyway (passages and
 * voids are stored once by their own id).
 */
@ApplicationScoped
public class Housekeeping {

    private final EventLog log;
    private final Duration keep;

    public Housekeeping(EventLog log,
            ClassificationConfig config) {
        this.log = log;
        this.keep = config.keepProcessedEvents();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldEventIds() {
        try {
            int gone = log.forgetProcessedBefore(keep);
            if (gone > 0) {
                Log.infof("forgot %d processed event ids older than %s", gone, keep);
            }
        } catch (RuntimeException e) {
            Log.warnf("could not forget old processed event ids (%s); trying again in an hour", e.getMessage());
        }
    }
}
