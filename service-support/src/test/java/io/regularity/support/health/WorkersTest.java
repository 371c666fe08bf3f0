package io.regularity.support.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** A worker that ends while the service runs turns liveness DOWN, naming it and what ended it (issue 34). */
class WorkersTest {

    @Test
    void aThreadThatDiesIsNamedAndLivenessGoesDown() throws Exception {
        Workers workers = new Workers();
        CountDownLatch release = new CountDownLatch(1);
        Thread healthy = workers.start("healthy", () -> await(release));
        Thread dying = workers.start("outbox-relay", () -> {
            throw new StackOverflowError("deep");
        });
        dying.join(5000);
        HealthCheckResponse response = workers.call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("ended: java.lang.StackOverflowError: deep", response.getData().orElseThrow().get("outbox-relay"));
        assertEquals("running", response.getData().orElseThrow().get("healthy"));
        release.countDown();
        healthy.join(5000);
    }

    @Test
    void aRepeatingTaskThatThrowsIsNamedAndLivenessGoesDown() throws Exception {
        Workers workers = new Workers();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger ticks = new AtomicInteger();
        workers.watch("standings-feed", ticker.scheduleWithFixedDelay(() -> {
            if (ticks.incrementAndGet() == 3) {
                throw new LinkageError("gone");
            }
        }, 1, 1, TimeUnit.MILLISECONDS));
        assertEquals(HealthCheckResponse.Status.UP, workers.call().getStatus(), "ticking");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (workers.call().getStatus() == HealthCheckResponse.Status.UP && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(HealthCheckResponse.Status.DOWN, workers.call().getStatus());
        assertTrue(workers.call().getData().orElseThrow().get("standings-feed").toString().contains("LinkageError: gone"));
        ticker.shutdownNow();
    }

    @Test
    void workersEndingAsTheServiceStopsAreNoFault() throws Exception {
        Workers workers = new Workers();
        workers.start("outbox-relay", () -> { }).join(5000);
        assertEquals(HealthCheckResponse.Status.DOWN, workers.call().getStatus());
        workers.onStop(null);
        assertEquals(HealthCheckResponse.Status.UP, workers.call().getStatus());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
