package io.regularity.support.messaging;

import io.quarkus.logging.Log;
import io.regularity.support.Database;

/**
 * A consumer never skips an event because the database is away for a while: it tries again, backing
 * off up to five seconds, for as long as the database stays away (the partition waits meanwhile). Any
 * other error is the event's own and is thrown at once: the consumer sets that event aside instead of
 * blocking every event behind it.
 */
public final class Retry {

    private Retry() {
    }

    public static void whileDatabaseAway(String what, Runnable work) {
        long backoff = 100;
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (!Database.unavailable(e)) {
                    throw e;
                }
                Log.warnf("could not %s, the database is away (%s); retrying in %d ms", what, e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }
}
