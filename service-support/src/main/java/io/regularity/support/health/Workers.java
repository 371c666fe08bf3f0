package io.regularity.support.health;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;

/**
 * The service's own long-running workers (the outbox relay, the standings feed's ticker), watched. When one ends while
 * the service runs, whatever ended it, liveness goes DOWN naming it and why: Kubernetes restarts the pod, the local
 * stack restarts the service. A service half alive (taking writes it never relays, holding streams it never feeds) is
 * worse than one restarted. An out-of-memory error ends the process itself ({@code -XX:+ExitOnOutOfMemoryError} in every
 * launcher and image): it may have killed threads nobody here watches.
 */
@Liveness
@Default // injected by the workers' owners too, not only collected as a liveness check
@Singleton
public class Workers implements HealthCheck {

    /** Each worker by name: why it ended, or null while it runs. */
    private final Map<String, Supplier<String>> watched = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** Starts {@code body} on a daemon thread of that name, watched: its end, by return or by throw, is noted. */
    public Thread start(String name, Runnable body) {
        String[] ended = { null };
        Thread thread = new Thread(() -> {
            try {
                body.run();
                ended[0] = "it returned";
            } catch (Throwable t) { // said here and by liveness; the thread ends with it
                ended[0] = t.toString();
                Log.errorf(t, "%s ended", name);
            }
        }, name);
        thread.setDaemon(true);
        watched.put(name, () -> thread.isAlive() ? null : ended[0] != null ? ended[0] : "it ended");
        thread.start();
        return thread;
    }

    /** Watches a repeating task: its future is done only when a run threw (or it was cancelled). */
    public void watch(String name, Future<?> repeating) {
        watched.put(name, () -> {
            if (!repeating.isDone()) {
                return null;
            }
            try {
                repeating.get();
                return "it returned";
            } catch (ExecutionException e) {
                return e.getCause().toString();
            } catch (CancellationException e) {
                return "it was cancelled";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true; // workers end as the service stops: that is no fault
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("workers").up();
        for (Map.Entry<String, Supplier<String>> worker : watched.entrySet()) {
            String ended = worker.getValue().get();
            response.withData(worker.getKey(), ended == null ? "running" : "ended: " + ended);
            if (ended != null && !stopping) {
                response.down();
            }
        }
        return response.build();
    }
}
