package io.regularity.classification.messaging;

import io.quarkus.logging.Log;

/**
 * A consumer never skips an event because the database is away for a while: it tries again, backing
 * off up to five seconds, until the work is done (the partition waits meanwhile).
 */
final class Retry {

    private Retry() {
    }

    static void untilDone(String what, Runnable work) {
        long backoff = 100;
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                Log.warnf(e, "could not %s; retrying in %d ms", what, backoff);
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
