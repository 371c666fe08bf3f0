package io.regularity.deploy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.regularity.deploy.demo.RaceFeed;

import static io.regularity.deploy.bench.Measures.get;
import static io.regularity.deploy.bench.Measures.percentile;
import static io.regularity.deploy.bench.Measures.post;

/** The load the benchmark puts on the services: batches and single posts as timing posts send them, a race's pace, readers of the standings. */
final class Load {

    private Load() {
    }

    static UUID idFor(String race, RaceFeed.Crossing c) {
        return UUID.nameUUIDFromBytes((race + "|" + c.id()).getBytes());
    }

    static String json(String race, RaceFeed.Crossing c) {
        return "{\"id\":\"" + idFor(race, c) + "\",\"car\":" + c.car() + ",\"point\":\"" + c.point() + "\",\"time\":\"" + c.time()
                + "\",\"device\":\"" + c.device() + "\",\"source\":\"HOSE\",\"clockOffsetMs\":" + c.clockOffsetMs() + "}";
    }

    /** Posts the crossings in batches of 1,000 from {@code clients} threads, in order within each client. */
    static void postBatches(String timing, String race, List<RaceFeed.Crossing> crossings, int clients, boolean lenient)
            throws InterruptedException {
        String url = timing + "/api/races/" + race + "/passages/batch";
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        int batches = (crossings.size() + 999) / 1000;
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                int b;
                while ((b = next.getAndIncrement()) < batches) {
                    StringBuilder body = new StringBuilder("[");
                    for (int i = b * 1000; i < Math.min((b + 1) * 1000, crossings.size()); i++) {
                        body.append(i == b * 1000 ? "" : ",").append(json(race, crossings.get(i)));
                    }
                    int status = post(url, body.append("]").toString());
                    if (status != 200 && !lenient) {
                        throw new IllegalStateException("batch answered " + status);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
    }

    /** Single posts from {@code devices} threads for a while; returns passages/s acknowledged. */
    static double singles(String timing, String race, Duration duration, int devices, int from) {
        String url = timing + "/api/races/" + race + "/passages";
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger seq = new AtomicInteger(from);
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(devices);
        long start = System.nanoTime();
        for (int d = 0; d < devices; d++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    int n = seq.getAndIncrement();
                    int status = post(url, startCrossing(race, n, 64));
                    if (status == 201 || status == 200) {
                        sent.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sent.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** The {@code n}-th single post of a race: a crossing of the leg's start, by one of {@code posts} devices. */
    static String startCrossing(String race, int n, int posts) {
        return "{\"id\":\"" + UUID.nameUUIDFromBytes((race + "#" + n).getBytes()) + "\",\"car\":" + (1 + n % 420)
                + ",\"point\":\"L1-START\",\"time\":\"2023-06-13T05:00:00Z\",\"device\":\"tk-" + (n % posts) + "\",\"source\":\"HOSE\"}";
    }

    /**
     * One second of a race's own crossings posted singly at {@code perSecond} from {@code from} on (each due at its own
     * time); adds to {@code created} those the service took as new.
     */
    static void pacedCrossings(String timing, String race, List<RaceFeed.Crossing> crossings, int perSecond, int from,
            AtomicInteger created) {
        String url = timing + "/api/races/" + race + "/passages";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        for (int k = 0; k < perSecond; k++) {
            RaceFeed.Crossing crossing = crossings.get((from + k) % crossings.size());
            long wait = start + k * (1_000_000_000L / perSecond) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pool.submit(() -> {
                if (post(url, json(race, crossing)) == 201) {
                    created.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A writer posting single passages (four devices) until {@code stop} is set: the race going on under the reads. */
    static Thread whileFlowing(String timing, String race, int base, AtomicInteger stop) {
        Thread writer = new Thread(() -> {
            int i = 0;
            while (stop.get() == 0) {
                singles(timing, race, Duration.ofSeconds(1), 4, base + (i++) * 2000);
            }
        }, "bench-writer");
        writer.start();
        return writer;
    }

    /** {@code readers} threads GET a URL for a while: {p50 ms, p99 ms, requests/s}. */
    static long[] readers(String url, int readers, Duration duration) {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        long start = System.nanoTime();
        for (int r = 0; r < readers; r++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    get(url);
                    latencies.add(System.nanoTime() - t);
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new long[] { percentile(sorted, 50) / 1_000_000, percentile(sorted, 99) / 1_000_000,
                Math.round(sorted.size() / seconds) };
    }
}
