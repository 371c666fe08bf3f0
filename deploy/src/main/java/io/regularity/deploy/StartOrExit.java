package io.regularity.deploy;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * How deploy's commands start what they run: within a deadline, or the process ends non-zero saying what failed. A
 * start that throws leaves threads behind (an embedded broker's controller, a database's): without an exit the command
 * would hang for ever with nothing listening.
 */
public final class StartOrExit {

    private StartOrExit() {
    }

    public static <T> T within(Duration deadline, String what, Callable<T> start) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(deadline.toMillis());
                exit(what + " did not start within " + deadline.toMinutes() + " minutes", null);
            } catch (InterruptedException started) {
                // started in time
            }
        }, "start-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            T started = start.call();
            watchdog.interrupt();
            return started;
        } catch (Throwable e) {
            exit(what + " could not start", e);
            throw new IllegalStateException(e); // not reached
        }
    }

    /** Says why on standard error and exits with 1, halting if the shutdown hooks themselves hang. */
    static void exit(String message, Throwable cause) {
        StringBuilder why = new StringBuilder("[stack] " + message);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            why.append(t == cause ? ": " : "\n  because ").append(t);
        }
        System.err.println(why);
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(1);
        }, "halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(1);
    }
}
