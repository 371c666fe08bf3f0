package io.regularity.support.outbox;

import java.time.Duration;

import io.quarkus.arc.properties.IfBuildProperty;
import io.regularity.support.config.SupportConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Every hour, sent outbox rows older than {@code regularity.outbox.keep-sent} (7 days by default) are deleted. */
@ApplicationScoped
@IfBuildProperty(name = "regularity.outbox.enabled", stringValue = "true")
public class OutboxHousekeeping {

    private final OutboxRelay relay;
    private final Duration keep;

    public OutboxHousekeeping(OutboxRelay relay, SupportConfig config) {
        this.relay = relay;
        this.keep = config.outbox().keepSent();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int gone = relay.purgeSent(keep);
            if (gone > 0) {
                Log.infof("outbox: deleted %d rows sent more than %s ago", gone, keep);
            }
        } catch (RuntimeException e) {
            Log.warnf("outbox: could not delete old sent rows (%s); trying again in an hour", e.getMessage());
        }
    }
}
