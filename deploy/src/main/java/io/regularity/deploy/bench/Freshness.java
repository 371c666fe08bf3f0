package io.regularity.deploy.bench;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.regularity.deploy.Api;
import io.regularity.deploy.Stack;

import static io.regularity.deploy.bench.Report.fmt;
import static io.regularity.deploy.bench.Report.log;
import static io.regularity.deploy.bench.Session.rd;
import static io.regularity.deploy.bench.Measures.get;
import static io.regularity.deploy.bench.Measures.percentile;
import static io.regularity.deploy.bench.Measures.post;

/** Freshness: how long from a timing post's 201 to the standings showing its passage, and where that time goes between the services. */
final class Freshness {

    private Freshness() {
    }

    /**
     * A race where every timing point is a CT, so each passage adds one to its crew's {@code trialsScored}; one reader
     * polls the standings back to back (a few ms a poll), as a dashboard would, so the probe adds little load of its own.
     * Passages posted at {@code rate} per second ({@code total} of them, by {@code threads} devices each waiting for its
     * 201, from {@code posts} timing posts), every {@code probeEvery}-th followed until the standings show it: {p50, p95,
     * p99 ms, the rate reached}.
     */
    static long[] freshness(Stack stack, String race, int rate, int total, int threads, int posts, int probeEvery) throws Exception {
        ObjectNode def = Api.JSON.createObjectNode();
        def.put("id", race).put("name", race).put("year", 2023);
        ObjectNode leg = def.putArray("legs").addObject();
        leg.put("number", 1).put("name", "Leg 1").put("startPoint", "P000");
        ArrayNode points = leg.putArray("timingPoints");
        ArrayNode trials = leg.putArray("trials");
        for (int p = 0; p < 100; p++) {
            String id = String.format("P%03d", p);
            points.addObject().put("id", id).put("km", p * 1.0);
            trials.addObject().put("id", "CT" + p).put("type", "CT").put("point", id);
        }
        rd.ok("PUT", stack.routeUrl() + "/api/races/" + race, def);
        stack.awaitRaceKnown(race);
        List<Map<String, Object>> crews = new ArrayList<>();
        for (int car = 1; car <= 200; car++) {
            crews.add(Map.of("car", car, "driver", Map.of("name", "Driver " + car), "coefficient", 1.00));
        }
        rd.ok("POST", stack.classificationUrl() + "/api/races/" + race + "/crews", crews);

        String url = stack.timingUrl() + "/api/races/" + race + "/passages";
        record Probe(int car, int trials, long ackedAt) {
        }
        ConcurrentLinkedQueue<Probe> pending = new ConcurrentLinkedQueue<>();
        List<Long> latencies = new ArrayList<>();
        AtomicInteger posting = new AtomicInteger(1);
        Thread reader = new Thread(() -> {
            String standings = stack.classificationUrl() + "/api/races/" + race + "/standings?size=200";
            long deadline = Long.MAX_VALUE;
            while (!pending.isEmpty() || posting.get() == 1) {
                if (posting.get() == 0 && deadline == Long.MAX_VALUE) {
                    deadline = System.nanoTime() + 30_000_000_000L;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
                Map<Integer, Integer> scored = new HashMap<>();
                try {
                    Api.JSON.readTree(get(standings)).get("entries")
                            .forEach(e -> scored.put(e.get("car").asInt(), e.get("trialsScored").asInt()));
                } catch (Exception e) {
                    continue;
                }
                long seen = System.nanoTime();
                pending.removeIf(p -> {
                    if (scored.getOrDefault(p.car(), 0) >= p.trials()) {
                        latencies.add(seen - p.ackedAt());
                        return true;
                    }
                    return false;
                });
            }
        }, "freshness-reader");
        reader.start();
        ExecutorService posters = Executors.newFixedThreadPool(threads); // devices, each waiting for its 201
        long interval = 1_000_000_000L / rate;
        Timestamp runStart = Timestamp.from(Instant.now());
        long start = System.nanoTime();
        AtomicLong nextSlot = new AtomicLong();
        for (int w = 0; w < threads; w++) {
            posters.submit(() -> {
                long n;
                while ((n = nextSlot.getAndIncrement()) < total) {
                    long due = start + n * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    int car = 1 + (int) (n % 200);
                    int point = (int) (n / 200);
                    String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"car\":" + car + ",\"point\":\"" + String.format("P%03d", point)
                            + "\",\"time\":\"" + Instant.parse("2023-06-13T05:00:00Z").plusSeconds(n) + "\",\"device\":\"tk-" + (n % posts) + "\","
                            + "\"source\":\"HOSE\"}";
                    int status = post(url, body);
                    if (status == 201 && n % probeEvery == 0) {
                        pending.add(new Probe(car, point + 1, System.nanoTime()));
                    }
                }
                return null;
            });
        }
        posters.shutdown();
        posters.awaitTermination(5, TimeUnit.MINUTES);
        posting.set(0);
        reader.join();
        try {
            hops(stack, runStart);
        } catch (SQLException e) {
            log("freshness hops not measured: " + e.getMessage()); // a figure less, not a failed benchmark
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        log(race + ": " + sorted.size() + " samples (" + pending.size() + " never seen), p50 "
                + percentile(sorted, 50) / 1_000_000 + " ms, p99 " + percentile(sorted, 99) / 1_000_000 + " ms, posted in "
                + fmt((System.nanoTime() - start) / 1e9) + " s");
        return new long[] { percentile(sorted, 50) / 1_000_000, percentile(sorted, 95) / 1_000_000,
                percentile(sorted, 99) / 1_000_000, Math.round(total / ((System.nanoTime() - start) / 1e9)) };
    }

    /**
     * Where a passage's time went between the services, from the databases' own clocks (one PostgreSQL): timing's
     * transaction start (outbox {@code created_at}) → the relay's cycle that took it ({@code sent_at}, that cycle's
     * start) → classification's transaction that applied it ({@code processed_event.processed_at}, its start).
     */
    static void hops(Stack stack, Timestamp since) throws SQLException {
        Map<String, long[]> relayed = new HashMap<>();
        try (var c = DriverManager.getConnection(stack.postgres().jdbcUrl("timing"), "timing", "timing");
                var q = c.prepareStatement("select payload::json->>'eventId', created_at, sent_at from outbox "
                        + "where topic = 'passages' and created_at >= ? and sent_at is not null")) {
            q.setTimestamp(1, since);
            try (var rs = q.executeQuery()) {
                while (rs.next()) {
                    relayed.put(rs.getString(1), new long[] { rs.getTimestamp(2).getTime(), rs.getTimestamp(3).getTime() });
                }
            }
        }
        List<Long> toRelay = new ArrayList<>();
        List<Long> toClassification = new ArrayList<>();
        try (var c = DriverManager.getConnection(stack.postgres().jdbcUrl("classification"), "classification", "classification");
                var q = c.prepareStatement("select event_id::text, processed_at from processed_event where processed_at >= ?")) {
            q.setTimestamp(1, since);
            try (var rs = q.executeQuery()) {
                while (rs.next()) {
                    long[] t = relayed.get(rs.getString(1));
                    if (t != null) {
                        toRelay.add(t[1] - t[0]);
                        toClassification.add(rs.getTimestamp(2).getTime() - t[1]);
                    }
                }
            }
        }
        Collections.sort(toRelay);
        Collections.sort(toClassification);
        log("freshness hops over " + toRelay.size() + " passages: timing's transaction → the relay's cycle p50 "
                + percentile(toRelay, 50) + " / p99 " + percentile(toRelay, 99) + " ms; the relay's cycle → classification's transaction p50 "
                + percentile(toClassification, 50) + " / p99 " + percentile(toClassification, 99) + " ms");
    }
}
