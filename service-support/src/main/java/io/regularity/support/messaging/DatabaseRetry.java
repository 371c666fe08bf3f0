package io.regularity.support.messaging;

import java.time.temporal.ChronoUnit;

import io.quarkus.logging.Log;
import io.regularity.support.Database;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A consumer never skips an event because the database is away for a while: its work is tried again, backing off
 * from 100 ms to five seconds, for as long as the database stays away (the partition waits meanwhile). Any other
 * error is the event's own and is thrown at once: the consumer sets that event aside instead of blocking every
 * event behind it. A SmallRye Fault Tolerance guard does the retrying; the work must be its own transaction, so that
 * each try starts afresh.
 */
@ApplicationScoped
public class DatabaseRetry {

    private final Guard guard = Guard.create().withDescription("while the database is away")
            .withRetry().maxRetries(-1).maxDuration(0, ChronoUnit.MILLIS).delay(100, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
            .whenException(Database::unavailable)
            .withExponentialBackoff().factor(2).maxDelay(5, ChronoUnit.SECONDS).done()
            .done().build();

    /** Runs {@code work}, again and again while the database is away; {@code what} names it in the log. */
    public void run(String what, Runnable work) {
        guard.get(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                if (Database.unavailable(e)) {
                    Log.warnf("could not %s, the database is away (%s); trying again", what, e.getMessage());
                }
                throw e;
            }
            return null;
        }, Void.class);
    }
}
