package io.regularity.deploy.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.regularity.deploy.Api;
import io.regularity.deploy.ServiceProcess;
import io.regularity.deploy.Stack;
import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.RaceFeed;

/**
 * {@code deploy/benchmark}: starts the whole stack on this machine, warms it up, and measures it the
 * way timing posts and the public use it, through the public API only. Each figure is measured three
 * times; the median is reported, as a Markdown table.
 */
public final class Benchmark {

    /**
     * HTTP/1.1, a connection per concurrent request, as separate timing posts have: the JDK client's
     * default (HTTP/2 over one upgraded connection) would funnel every device through one connection.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();
    static Api rd;
    static String tkToken;
    static final List<String[]> rows = new ArrayList<>();

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        boolean quick = options.contains("--quick");
        boolean profile = options.contains("--profile");
        int onlyAt = options.indexOf("--only");
        java.util.Set<String> only = onlyAt >= 0 && onlyAt + 1 < options.size() ? java.util.Set.of(options.get(onlyAt + 1).split(","))
                : java.util.Set.of("batch", "singles", "rebuild", "freshness", "pace", "reads", "audience", "ceilings");
        int audienceAt = options.indexOf("--audience");
        int audience = audienceAt >= 0 && audienceAt + 1 < options.size() ? Integer.parseInt(options.get(audienceAt + 1)) : 10_000;
        int repeats = quick ? 1 : 3;
        Duration warmup = quick ? Duration.ofSeconds(20) : Duration.ofSeconds(60);
        Path root = Path.of(System.getProperty("regularity.root", ".")).toAbsolutePath().normalize();
        try (Stack stack = Stack.start(root, root.resolve("deploy/target/bench"), Stack.Ports.free(), false,
                root.resolve("deploy/target/bench/tokens"))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stack-stop")); // also on Ctrl-C
            rd = stack.raceDirection();
            tkToken = "Bearer " + java.nio.file.Files.readString(stack.tokenDir().resolve("timekeeper.jwt")).trim();
            String timing = stack.timingUrl();
            String classification = stack.classificationUrl();

            DemoRace demo = DemoRace.generate(420, 2023);
            List<RaceFeed.Crossing> crossings = new RaceFeed(demo, 2023).crossings();
            log("demo race: 420 crews, " + crossings.size() + " passages");

            // ---- warm-up: every path the measures use, for at least a minute
            String warm = demo.publish(stack, "warmup");
            long warmUntil = System.nanoTime() + warmup.toNanos();
            int offset = 0;
            while (System.nanoTime() < warmUntil) {
                List<RaceFeed.Crossing> slice = crossings.subList(offset, Math.min(offset + 4000, crossings.size()));
                postBatches(timing, warm, slice, 4, true);
                singles(timing, warm, Duration.ofSeconds(3), 32, crossings.size() / 2 + offset);
                readers(classification + "/api/races/" + warm + "/standings?size=50", 50, Duration.ofSeconds(2));
                offset = (offset + 4000) % (crossings.size() / 2);
            }
            get(timing + "/api/time");
            log("warm-up done");
            if (profile) {
                Profiles.start(stack);
            }
            List<Double> batchRates = new ArrayList<>();
            List<Double> singleRates = new ArrayList<>();
            String singlesRace = null;
            String full = null;

            // ---- batch ingest and classification catch-up
            List<Double> consumeRates = new ArrayList<>();
            for (int run = 0; only.contains("batch") && run < repeats; run++) {
                String race = demo.publish(stack, "batch-" + run);
                List<RaceFeed.Crossing> slice = crossings.subList(0, Math.min(40_000, crossings.size()));
                long start = System.nanoTime();
                postBatches(timing, race, slice, 4, false);
                double postSeconds = (System.nanoTime() - start) / 1e9;
                batchRates.add(slice.size() / postSeconds);
                stack.awaitScored(Duration.ofMinutes(10));
                consumeRates.add(slice.size() / ((System.nanoTime() - start) / 1e9));
                log("batch run " + run + ": " + fmt(batchRates.get(run)) + " passages/s posted, " + fmt(consumeRates.get(run))
                        + " passages/s scored");
            }
            if (only.contains("batch")) {
                row("Ingest through `POST …/passages/batch` (1,000 per batch, 4 clients)", median(batchRates), "passages/s",
                        atLeast(median(batchRates), 20_000));
                row("Classification keeping up with that stream (post to standings, 40,000 passages)", median(consumeRates),
                        "passages/s", atLeast(median(consumeRates), 10_000));
            }

            // ---- single posts from many devices
            if (only.contains("singles") || only.contains("reads") || only.contains("audience")) {
                singlesRace = demo.publish(stack, "singles");
            }
            for (int run = 0; only.contains("singles") && run < repeats; run++) {
                singleRates.add(singles(timing, singlesRace, Duration.ofSeconds(20), 64, run * 30_000));
                log("single posts run " + run + ": " + fmt(singleRates.get(run)) + " /s");
            }
            if (only.contains("singles")) {
                row("Ingest through `POST …/passages` (64 concurrent devices)", median(singleRates), "passages/s", atLeast(median(singleRates), 3_000));
            }

            // ---- a whole race, then its rebuild
            if (only.contains("rebuild") || only.contains("reads")) {
                full = demo.publish(stack, "full");
                postBatches(timing, full, crossings, 4, false);
                stack.awaitScored(Duration.ofMinutes(10));
            }
            List<Double> rebuilds = new ArrayList<>();
            for (int run = 0; only.contains("rebuild") && run < repeats; run++) {
                JsonNode rebuilt = rd.ok("POST", classification + "/api/races/" + full + "/rebuild", null);
                rebuilds.add(rebuilt.get("durationMs").asDouble() / 1000.0);
            }
            if (only.contains("rebuild")) {
                row("Full rebuild of a 420-crew, 5-leg race (" + crossings.size() + " passages)", median(rebuilds), "s", below(median(rebuilds), 2, "s"));
            }

            // ---- freshness at a steady 1,000 passages/s
            List<long[]> freshness = new ArrayList<>();
            java.util.TreeMap<Double, Double> scoredBefore = buckets(get(classification + "/q/metrics"), "classification_freshness_seconds");
            for (int run = 0; only.contains("freshness") && run < repeats; run++) {
                freshness.add(freshness(stack, "freshness-" + run, 1_000, 20_000, 64, 190, 50)); // 20 s at 1,000/s
            }
            java.util.TreeMap<Double, Double> scoredAfter = buckets(get(classification + "/q/metrics"), "classification_freshness_seconds");
            if (only.contains("batch") || only.contains("freshness")) {
                // where the legs scored in this run came from: the copies kept in memory, or the database
                String metrics = get(classification + "/q/metrics");
                double memory = sample(metrics, "classification_leg_facts_total{found=\"memory\"");
                double database = sample(metrics, "classification_leg_facts_total{found=\"database\"");
                row("Crews' legs scored from the copies in memory (not read again)", fmt(100 * memory / Math.max(1, memory + database)), "%",
                        fmt(memory) + " of " + fmt(memory + database) + " since the start, the rebuilds' reads included");
            }
            if (only.contains("freshness")) {
                row("Freshness p50 at 1,000 passages/s (201 → visible in the standings)", medianOf(freshness, 0), "ms", "");
                row("Freshness p95", medianOf(freshness, 1), "ms", "");
                row("Freshness p99", medianOf(freshness, 2), "ms", below(medianOf(freshness, 2), 100, "ms"));
                row("Freshness: the rate the posts achieved (aim 1,000)", medianOf(freshness, 3), "passages/s", "");
                // the part inside the services: timing's receipt → classification's scoring committed (its own histogram)
                row("Freshness inside the services p50 / p99 (receipt → scored, `classification_freshness_seconds`)",
                        quantile(scoredBefore, scoredAfter, 0.50) + " / " + quantile(scoredBefore, scoredAfter, 0.99), "ms",
                        "upper bounds of the histogram's buckets; the rest of the figure above is the page and the reader");
            }

            // ---- freshness at a race's real pace: 20 passages/s from 190 posts, every one followed until it shows
            List<long[]> pace = new ArrayList<>();
            for (int run = 0; only.contains("pace") && run < repeats; run++) {
                pace.add(freshness(stack, "pace-" + run, 20, 1_200, 16, 190, 1)); // 60 s
            }
            if (only.contains("pace")) {
                row("Freshness at a race's real pace (20 passages/s from 190 posts) p50 / p95", Math.round(medianOf(pace, 0)) + " / " + Math.round(medianOf(pace, 1)),
                        "ms", "every passage followed until the standings show it");
                row("Freshness at a race's real pace p99", medianOf(pace, 2), "ms", below(medianOf(pace, 2), 50, "ms"));
            }

            // ---- standings reads while passages flow: a fixed arrival rate (open loop), plain and conditional
            List<long[]> reads = new ArrayList<>();
            List<long[]> conditional = new ArrayList<>();
            List<long[]> trivial = new ArrayList<>();
            String writesTo = singlesRace;
            String readsFrom = full;
            for (int run = 0; only.contains("reads") && run < repeats; run++) {
                AtomicInteger stop = new AtomicInteger();
                int base = 200_000 + run * 50_000;
                Thread writer = whileFlowing(timing, writesTo, base, stop);
                String url = classification + "/api/races/" + readsFrom + "/standings?size=50";
                reads.add(Audience.openLoop(HTTP, url, 2_000, Duration.ofSeconds(20), false));
                conditional.add(Audience.openLoop(HTTP, url, 2_000, Duration.ofSeconds(20), true));
                // the same load generator against a trivial endpoint: what it and the machine manage without our work
                trivial.add(Audience.openLoop(HTTP, timing + "/api/time", 2_000, Duration.ofSeconds(20), false));
                stop.set(1);
                writer.join();
                log("reads run " + run + ": p99 " + reads.get(run)[1] + " ms at " + reads.get(run)[3] + "/s; conditional p99 "
                        + conditional.get(run)[1] + " ms, " + conditional.get(run)[4] / 10.0 + " % 304");
            }
            if (only.contains("reads")) {
                row("Standings `GET` p50, open loop at 2,000 requests/s while passages flow (from the intended send time)",
                        medianOf(reads, 0), "ms", "");
                row("Standings `GET` p99, same", medianOf(reads, 1), "ms", below(medianOf(reads, 1), 20, "ms"));
                row("Standings `GET` p99.9, same", medianOf(reads, 2), "ms", "");
                row("Standings `GET`: the rate achieved (aim 2,000)", medianOf(reads, 3), "requests/s", "");
                row("Conditional `GET` (`If-None-Match`) p50, open loop at 2,000 requests/s", medianOf(conditional, 0), "ms", "");
                row("Conditional `GET` p99", medianOf(conditional, 1), "ms", below(medianOf(conditional, 1), 10, "ms")
                        + " (" + medianOf(conditional, 4) / 10.0 + " % answered 304)");
                row("Ceiling: the same open loop against a trivial endpoint (`GET /api/time`), p99", medianOf(trivial, 1), "ms",
                        "at " + fmt(medianOf(trivial, 3)) + " requests/s achieved");
            }

            // ---- the live audience: SSE subscribers of one instance while the race goes on
            if (only.contains("audience")) {
                AtomicInteger i = new AtomicInteger();
                long[] live = SseAudience.follow(classification + "/api/races/" + singlesRace + "/standings/stream?size=50", audience,
                        Duration.ofSeconds(Math.max(10, audience / 500)), Duration.ofSeconds(30),
                        () -> paced(timing, writesTo, 20, 400_000 + i.getAndIncrement() * 20)); // the race's pace, a second at a time
                log("audience: " + live[0] + " held, " + live[1] + " deliveries, p50 " + live[2] + " ms, p99 " + live[3] + " ms");
                row("Live audience: SSE subscribers held by one classification instance while the race goes on (20 passages/s)", live[0],
                        "subscribers",
                        atLeast(live[0], audience) + " (" + live[1] + " deliveries in 30 s)");
                row("Live audience: delivery p99 (list computed → at the subscriber)", live[3], "ms",
                        below(live[3], 1000, "ms") + " (p50 " + live[2] + ", max " + live[4] + ")");
            }
            if (profile) {
                Profiles.stopAndSummarise(stack);
            }

            // ---- memory
            for (String name : Stack.SERVICES) {
                ServiceProcess service = stack.service(name);
                double rss = peakRssMb(service.pid());
                row("Peak resident memory of " + name, rss, "MB", below(rss, 300, "MB") + " (heap capped at " + Stack.heap(name) + ")");
                if (ServiceProcess.jvmOptions().stream().anyMatch(o -> o.startsWith("-XX:NativeMemoryTracking="))) {
                    nativeMemory(name, service.pid());
                }
            }

            // ---- this machine's ceilings, in the same run
            if (only.contains("ceilings")) {
                ceilings(stack, repeats, batchRates, singleRates);
            }
            print(quick, repeats);
        }
        System.exit(0);
    }

    /** Kafka's own producer and a trivial endpoint on the same machine, in the same run, and our figures as a share of them. */
    static void ceilings(Stack stack, int repeats, List<Double> batchRates, List<Double> singleRates) throws Exception {
        String timing = stack.timingUrl();
        List<Double> producer = new ArrayList<>();
        for (int run = 0; run <= repeats; run++) {
            double rate = producerPerformance(stack.kafka().bootstrapServers(), run);
            if (run > 0) {
                producer.add(rate); // the first run warms the JIT
            }
        }
        List<Double> trivial = new ArrayList<>();
        for (int run = 0; run < repeats; run++) {
            trivial.add(readers(timing + "/api/time", 50, Duration.ofSeconds(10))[2] * 1.0);
        }
        row("Ceiling: Kafka `ProducerPerformance`, 200-byte records, acks=all, 12 partitions", median(producer), "records/s", "");
        row("Ceiling: a trivial Quarkus endpoint (`GET /api/time`, 50 connections)", median(trivial), "requests/s", "");
        if (!batchRates.isEmpty()) {
            row("Batch ingest as a share of the Kafka ceiling", 100 * median(batchRates) / median(producer), "%", "");
        }
        if (!singleRates.isEmpty()) {
            row("Single posts as a share of the trivial endpoint", 100 * median(singleRates) / median(trivial), "%", "");
        }
    }

    // ------------------------------------------------------------------ the measures

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

    /** One second of single posts at {@code perSecond}, each due at its own time (a race's pace: 20 a second). */
    static void paced(String timing, String race, int perSecond, int from) {
        String url = timing + "/api/races/" + race + "/passages";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        for (int k = 0; k < perSecond; k++) {
            int n = from + k;
            long wait = start + k * (1_000_000_000L / perSecond) - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            pool.submit(() -> post(url, startCrossing(race, n, 190)));
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

    /**
     * A race where every timing point is a CT, so each passage adds one to its crew's
     * {@code trialsScored}. Passages go in at 1,000/s; for one in fifty, the time from the 201 to the
     * overall standings showing it. One reader polls the standings back to back (a few ms a poll),
     * as a dashboard would, so the probe adds little load of its own.
     */
    /**
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
        java.sql.Timestamp runStart = java.sql.Timestamp.from(Instant.now());
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
        } catch (java.sql.SQLException e) {
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
    static void hops(Stack stack, java.sql.Timestamp since) throws java.sql.SQLException {
        Map<String, long[]> relayed = new HashMap<>();
        try (var c = java.sql.DriverManager.getConnection(stack.postgres().jdbcUrl("timing"), "timing", "timing");
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
        try (var c = java.sql.DriverManager.getConnection(stack.postgres().jdbcUrl("classification"), "classification", "classification");
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

    /** Logs a service's native memory by JVM area (committed MB), as {@code jcmd VM.native_memory summary} gives it. */
    static void nativeMemory(String name, long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid),
                    "VM.native_memory", "summary", "scale=MB").redirectErrorStream(true).start();
            StringBuilder areas = new StringBuilder();
            java.util.regex.Pattern area = java.util.regex.Pattern.compile("^(?:-\\s*)?([A-Z][A-Za-z ]*?):?\\s+\\(?reserved=\\d+MB, committed=(\\d+)MB");
            for (String line : new String(jcmd.getInputStream().readAllBytes()).split("\n")) {
                java.util.regex.Matcher m = area.matcher(line.trim());
                if (m.find() && !m.group(2).equals("0")) {
                    areas.append(areas.isEmpty() ? "" : ", ").append(m.group(1).trim()).append(' ').append(m.group(2));
                }
            }
            log("native memory of " + name + " (committed MB): " + areas);
        } catch (Exception e) {
            log("native memory of " + name + ": " + e.getMessage());
        }
    }

    /** The value of the first sample whose line starts with {@code prefix} (name and first labels), 0 if none. */
    static double sample(String metrics, String prefix) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** A Prometheus histogram's cumulative bucket counts by upper bound (seconds), from a /q/metrics text. */
    static java.util.TreeMap<Double, Double> buckets(String metrics, String name) {
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "_bucket{")) {
                int le = line.indexOf("le=\"");
                String bound = line.substring(le + 4, line.indexOf('"', le + 4));
                double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                buckets.merge(upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        return buckets;
    }

    /** The q-quantile (ms, a bucket's upper bound) of what was recorded between two snapshots of a histogram; -1 if nothing. */
    static long quantile(java.util.TreeMap<Double, Double> before, java.util.TreeMap<Double, Double> after, double q) {
        double total = after.lastEntry() == null ? 0 : after.lastEntry().getValue() - before.getOrDefault(after.lastKey(), 0.0);
        if (total <= 0) {
            return -1;
        }
        for (var bucket : after.entrySet()) {
            double count = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            if (count >= q * total) {
                return bucket.getKey().isInfinite() ? Long.MAX_VALUE : Math.round(bucket.getKey() * 1000);
            }
        }
        return -1;
    }

    static double producerPerformance(String bootstrap, int run) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance", "--topic", "perf-ceiling",
                "--num-records", "600000", "--record-size", "200", "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrap, "acks=all", "linger.ms=5");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String lastLine = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("records sent")) {
                    lastLine = line;
                }
            }
        }
        p.waitFor();
        // "600000 records sent, 151234.5 records/sec (28.85 MB/sec), …"
        String[] parts = lastLine.split(",");
        double rate = Double.parseDouble(parts[1].trim().split(" ")[0]);
        log("ProducerPerformance run " + run + ": " + fmt(rate) + " records/s");
        return rate;
    }

    static long peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    // ------------------------------------------------------------------ plumbing

    static int post(String url, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .header("Authorization", tkToken)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static double medianOf(List<long[]> runs, int index) {
        return median(runs.stream().map(r -> (double) r[index]).toList());
    }

    /** The note of a measure with an aim: the aim, and whether this run met it. */
    static String atLeast(double value, double aim) {
        return "target ≥ " + fmt(aim) + (value >= aim ? ": met" : ": **missed**");
    }

    static String below(double value, double aim, String unit) {
        return "target < " + fmt(aim) + " " + unit + (value < aim ? ": met" : ": **missed**");
    }

    static void row(String what, double value, String unit, String note) {
        rows.add(new String[] { what, fmt(value), unit, note });
    }

    static void row(String what, String value, String unit, String note) {
        rows.add(new String[] { what, value, unit, note });
    }

    static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
    }

    static void print(boolean quick, int repeats) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("\n| measure | value | unit | note |\n|---|---:|---|---|\n");
        for (String[] r : rows) {
            out.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" | ").append(r[3])
                    .append(" |\n");
        }
        out.append("\n").append(quick ? "Quick run: one repetition, 20 s warm-up." : "Median of " + repeats
                + " runs after a 60 s warm-up.").append(" Machine: ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(System.getProperty("os.name")).append(" ").append(System.getProperty("os.arch"))
                .append(", Java ").append(System.getProperty("java.version")).append(".\n");
        System.out.println(out);
        Path report = Path.of(System.getProperty("regularity.root", ".")).resolve("deploy/target/benchmark.md");
        Files.writeString(report, out.toString());
        log("report written to " + report);
    }
}
