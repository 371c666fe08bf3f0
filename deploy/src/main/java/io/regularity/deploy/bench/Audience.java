package io.regularity.deploy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * How the public is served: reads at a fixed arrival rate (open loop); the live audience is {@link SseAudience}.
 * Open-loop latency is measured from the moment each request was due, not from when a free thread sent it, so a
 * queue that builds up in the server or in the client shows in the figures (coordinated omission accounted for,
 * as wrk2 does).
 */
final class Audience {

    private Audience() {
    }

    /**
     * Requests at {@code rate} per second for {@code duration}, each due at {@code start + i / rate}: {p50 ms, p99 ms,
     * p99.9 ms, achieved requests/s, share answered 304 in per mille}. {@code conditional}: each request carries the last
     * ETag seen ({@code If-None-Match}), as a polling dashboard does.
     */
    static long[] openLoop(HttpClient http, String url, int rate, Duration duration, boolean conditional) {
        ExecutorService senders = Executors.newFixedThreadPool(128);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicReference<String> etag = new AtomicReference<>();
        AtomicInteger notModified = new AtomicInteger();
        long total = rate * duration.toSeconds();
        long start = System.nanoTime() + 50_000_000L;
        long interval = 1_000_000_000L / rate;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            senders.execute(() -> {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
                String tag = etag.get();
                if (conditional && tag != null) {
                    request.header("If-None-Match", tag);
                }
                try {
                    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                    response.headers().firstValue("ETag").ifPresent(etag::set);
                    if (response.statusCode() == 304) {
                        notModified.incrementAndGet();
                    }
                } catch (Exception e) {
                    // a failed request counts with the time it took to fail
                }
                latencies.add(System.nanoTime() - due);
            });
        }
        senders.shutdown();
        try {
            senders.awaitTermination(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new long[] { Measures.percentile(sorted, 50) / 1_000_000, Measures.percentile(sorted, 99) / 1_000_000,
                permille(sorted, 999) / 1_000_000, Math.round(sorted.size() / seconds),
                sorted.isEmpty() ? 0 : 1000L * notModified.get() / sorted.size() };
    }

    private static long permille(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 1000.0 * sorted.size()) - 1));
    }
}
