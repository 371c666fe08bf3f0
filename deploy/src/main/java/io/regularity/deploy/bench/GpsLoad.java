package io.regularity.deploy.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.Api;
import io.regularity.deploy.Stack;
import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.GpsFeed;
import io.regularity.deploy.demo.GpsMeasure;
import io.regularity.deploy.demo.RaceFeed;
import io.regularity.deploy.demo.RoutePath;

import static io.regularity.deploy.bench.Measures.percentile;
import static io.regularity.deploy.bench.Report.log;
import static io.regularity.deploy.bench.Session.HTTP;

/**
 * The GPS load (issue 39): {@code cars} cars driving the 1000 Miglia's virtual PM ({@link DemoRace#withVirtualPm}) with
 * their fixes at {@code hz} (10: a GNSS receiver, σ 1 m), each car's unit sending what it took every second (open loop:
 * a slow answer does not slow the fixes), with the fixes' times the wall clock's, for {@code duration}; beside it the
 * rest of a race (its crossings at the race's pace, 20 passages a second, and readers of the standings). Each car starts
 * up to half the run's distance before the PM's start line, so every car crosses it. Measured: the fixes a second
 * acknowledged (202), the 202's latency, from the crossing's last fix to its passage in timing ({@code receivedAt} less
 * the time of the fix after the line, {@code evidence.after.time}: what the phone's batching and the stream processor
 * took), and every true crossing found once.
 */
final class GpsLoad {

    /** What a run measured. */
    record Outcome(int cars, int hz, double seconds, long fixesSent, long fixesAcknowledged, long batchesFailed, long ackP50Ms,
            long ackP99Ms, long passageP50Ms, long passageP99Ms, long passageMaxMs, GpsMeasure.Result accuracy, int atTheEdges,
            MapFollower.Delays map, long mapServerP99Ms, String cpu) {

        double fixesPerSecond() {
            return fixesAcknowledged / seconds;
        }

        /**
         * Whether the stack kept up with the load: every fix sent was acknowledged (98 %: the last batches may be cut),
         * no batch failed, every true crossing was found, and the passages and the map stayed within {@link #BEHIND} of
         * the fixes (a backlog that grows for the whole run ends far beyond it).
         */
        boolean keptUp() {
            return fixesAcknowledged >= 0.98 * fixesSent && batchesFailed == 0 && accuracy.missing() == 0 && accuracy.repeated() == 0
                    && passageP99Ms >= 0 && map.moves() > 0 && passageP99Ms <= BEHIND.toMillis()
                    && map.p99Ms() <= BEHIND.toMillis();
        }
    }

    /**
     * How far behind the fixes the passages or the map may be at p99 for a run to count as kept up with: the unit's batching
     * (up to 1 s), the stream's tick (1 s) and a few seconds more; a backlog beyond it is the machine not keeping up.
     */
    static final Duration BEHIND = Duration.ofSeconds(5);

    /** The runs so far in this JVM: each publishes a race of its own. */
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** Classification's histogram of a fix's time to its sending on the positions stream (the server's part of fix to map). */
    private static final String MAP_DELAY = "classification_positions_fix_delay_seconds";

    private GpsLoad() {
    }

    static Outcome run(Stack stack, int cars, Duration duration, int hz) throws Exception {
        GpsFeed.Rate rate = GpsFeed.Rate.of(hz);
        DemoRace race = DemoRace.generate(cars, 2023).withVirtualPm();
        int run = RUNS.incrementAndGet();
        String raceId = race.publish(stack, "gps-" + run + "-" + cars); // a race of its own for each run: the warm-up and the steps do not mix
        // the PM's lines, by km of their leg, and that leg's path
        JsonNode leg = null;
        List<String> points = new ArrayList<>();
        List<Double> kms = new ArrayList<>();
        for (JsonNode l : race.definition.get("legs")) {
            for (JsonNode p : l.get("timingPoints")) {
                if (p.has("virtual")) {
                    leg = l;
                    points.add(p.get("id").asText());
                    kms.add(p.get("km").asDouble());
                }
            }
        }
        RoutePath path = RoutePath.of(leg);
        double kmh = 47; // a PM's average, km of the road an hour
        long start = System.currentTimeMillis() + 2_000;
        long end = start + duration.toMillis();
        double spread = kmh * duration.toMillis() / 3_600_000.0 / 2;
        Random random = new Random(2023);
        List<GpsFeed.Drive> drives = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<GpsFeed.Truth> truths = new ArrayList<>();
        Set<String> edges = new HashSet<>(); // car|point crossed within a second of the run's start or end: found or not, both right
        for (int car = 1; car <= cars; car++) {
            GpsFeed.Drive drive = GpsFeed.Drive.steady(start, kms.get(0) - 0.05 - spread * random.nextDouble(), kmh, duration.toMillis() + 60_000, 0.25,
                    random);
            drives.add(drive);
            tokens.add("Bearer " + stack.crewToken(raceId, car));
            for (int i = 0; i < points.size(); i++) {
                double at = drive.timeAt(kms.get(i));
                // a crossing with fixes on both sides of it sent before the end
                if (!Double.isNaN(at) && at > start + 1_000 && at < end - 1_000) {
                    truths.add(new GpsFeed.Truth(car, points.get(i), Instant.ofEpochMilli(Math.round(at))));
                } else if (!Double.isNaN(at) && at > start - 1_000 && at < end + 1_000) {
                    edges.add(car + "|" + points.get(i)); // the noise may put the fix either side of the line
                }
            }
        }
        log("gps: " + cars + " cars at " + hz + " Hz for " + duration.toSeconds() + " s on " + raceId + " (" + String.join(", ", points)
                + "), " + truths.size() + " true crossings to find");

        // the rest of the race: its crossings at the race's pace and readers of its standings
        String rest = race.publish(stack, "gps-" + run + "-" + cars + "-rest");
        List<RaceFeed.Crossing> crossings = new RaceFeed(DemoRace.generate(cars, 2023), 2023).crossings();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread raceLoad = new Thread(() -> {
            AtomicInteger created = new AtomicInteger();
            int i = 0;
            while (running.get()) {
                Load.pacedCrossings(stack.timingUrl(), rest, crossings, 20, i, created);
                i += 20;
                Measures.get(stack.classificationUrl() + "/api/races/" + rest + "/standings?size=50");
            }
        }, "gps-race-load");
        raceLoad.start();

        ExecutorService units = Executors.newFixedThreadPool(64); // enough that the generator is not what falls behind at 1,000+ cars
        ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>();
        AtomicLong sent = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[] lastSent = new long[cars];
        Arrays.fill(lastSent, start - 1);
        Random[] noise = new Random[cars];
        for (int c = 0; c < cars; c++) {
            noise[c] = new Random(7_919L * (c + 1));
        }
        String metrics = stack.managementUrl("classification-service") + "/q/metrics";
        TreeMap<Double, Double> mapBefore = Measures.buckets(Measures.get(metrics), MAP_DELAY);
        MapFollower map = MapFollower.follow(stack.classificationUrl() + "/api/races/" + raceId + "/positions/stream", start, end);
        Cpu before = Cpu.now(stack);
        long wallStart = System.nanoTime();
        while (System.currentTimeMillis() < end) {
            long tick = System.currentTimeMillis() + 1_000;
            long upTo = Math.min(end, System.currentTimeMillis());
            for (int c = 0; c < cars; c++) {
                int car = c + 1;
                long from = lastSent[c] + 1;
                lastSent[c] = upTo;
                if (upTo < from) {
                    continue;
                }
                units.submit(() -> {
                    List<GpsFeed.Fix> fixes;
                    synchronized (noise[car - 1]) {
                        fixes = GpsFeed.fixes(path, drives.get(car - 1), rate, from, upTo, noise[car - 1]);
                    }
                    if (fixes.isEmpty()) {
                        return;
                    }
                    sent.addAndGet(fixes.size());
                    String body = new GpsFeed.Batch(car, fixes.get(fixes.size() - 1).time(), fixes).json();
                    long t = System.nanoTime();
                    int status = post(stack.timingUrl() + "/api/races/" + raceId + "/cars/" + car + "/fixes", tokens.get(car - 1), body);
                    if (status == 202) {
                        acks.add((System.nanoTime() - t) / 1_000_000);
                        acknowledged.addAndGet(fixes.size());
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
            long wait = tick - System.currentTimeMillis();
            if (wait > 0) {
                LockSupport.parkNanos(wait * 1_000_000);
            }
        }
        units.shutdown();
        units.awaitTermination(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        String cpu = Cpu.now(stack).since(before);
        running.set(false);
        raceLoad.join();
        MapFollower.Delays mapDelays = map.stop();
        long mapServerP99 = Measures.quantile(mapBefore, Measures.buckets(Measures.get(metrics), MAP_DELAY), 0.99);

        // every true crossing and those at the run's edges (found or not: then the wait ends after 30 s with nothing new)
        List<GpsMeasure.Measured> passages = GpsMeasure.await(new Api(), stack.timingUrl(), raceId, points, truths.size() + edges.size(),
                Duration.ofSeconds(30));
        List<GpsMeasure.Measured> measured = new ArrayList<>();
        int atTheEdges = 0;
        for (GpsMeasure.Measured m : passages) {
            if (edges.contains(m.car() + "|" + m.point())) {
                atTheEdges++;
            } else {
                measured.add(m);
            }
        }
        passages = measured;
        List<Long> toPassage = new ArrayList<>();
        TreeMap<Long, Long> worstByMinute = new TreeMap<>();
        for (GpsMeasure.Measured m : passages) {
            JsonNode after = m.evidence() == null ? null : m.evidence().path("after").get("time");
            Instant fixTime = after == null ? m.at() : Instant.parse(after.asText());
            if (m.receivedAt() != null) {
                long delay = Duration.between(fixTime, m.receivedAt()).toMillis();
                toPassage.add(delay);
                worstByMinute.merge((fixTime.toEpochMilli() - start) / 60_000, delay, Math::max);
            }
        }
        log("gps: fix to passage, the worst of each minute of the run: " + worstByMinute);
        log("gps: fix to map (at the positions stream's subscriber) " + mapDelays + "; the server's part p99 " + mapServerP99 + " ms");
        Collections.sort(toPassage);
        List<Long> ackSorted = new ArrayList<>(acks);
        Collections.sort(ackSorted);
        GpsMeasure.Result accuracy = GpsMeasure.of(hz + " Hz", truths, passages);
        log("gps: " + accuracy + "; " + atTheEdges + " more of " + edges.size() + " crossings within a second of the run's start or end");
        for (GpsMeasure.Measured m : GpsMeasure.unmatched(truths, passages)) {
            log("gps: a passage where no car crossed: car " + m.car() + " at " + m.point() + " " + m.at() + ", evidence " + m.evidence());
        }
        return new Outcome(cars, hz, seconds, sent.get(), acknowledged.get(), failed.get(), percentile(ackSorted, 50), percentile(ackSorted, 99),
                percentile(toPassage, 50), percentile(toPassage, 99), toPassage.isEmpty() ? -1 : toPassage.get(toPassage.size() - 1), accuracy,
                atTheEdges, mapDelays, mapServerP99, cpu);
    }

    private static int post(String url, String token, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").header("Authorization", token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The report's rows. */
    static void report(Outcome o) {
        String load = o.cars() + " cars at " + o.hz() + " Hz";
        Report.row("GPS: fixes acknowledged (202) a second, " + load + " for " + Math.round(o.seconds()) + " s, a batch a car a second, "
                + "with a race's crossings (20/s) and standings readers", o.fixesPerSecond(), "fixes/s",
                Report.atLeast(o.fixesPerSecond(), 0.98 * o.cars() * o.hz()) + " (" + o.fixesSent() + " sent, " + o.batchesFailed()
                        + " batches failed)");
        Report.row("GPS: a batch's 202 (the broker acknowledged it) p50 / p99", o.ackP50Ms() + " / " + o.ackP99Ms(), "ms", "");
        Report.row("GPS: fix to passage (the fix after the line taken → the passage received in timing) p50 / p99 / max",
                o.passageP50Ms() + " / " + o.passageP99Ms() + " / " + o.passageMaxMs(), "ms",
                "includes the unit's batching, up to 1 s");
        Report.row("GPS: fix to map (the fix taken → its car's move at a subscriber of the positions stream) p50 / p99 / max",
                o.map().p50Ms() + " / " + o.map().p99Ms() + " / " + o.map().maxMs(), "ms", o.map().moves() + " moves; the server's part "
                        + "(classification_positions_fix_delay_seconds) p99 ≤ " + o.mapServerP99Ms() + " ms; includes the unit's batching, up to 1 s, and the stream's tick, 1 s");
        GpsMeasure.Result a = o.accuracy();
        Report.row("GPS: true crossings found once (of " + a.truths() + ")", a.found() - a.repeated(), "crossings",
                (a.missing() == 0 && a.repeated() == 0 && a.extra() == 0 ? "nothing lost, nothing twice: met" : "**missed**") + " (" + a.missing()
                        + " missing, " + a.repeated() + " found more than once, " + a.extra() + " where no car crossed; " + o.atTheEdges()
                        + " more within a second of the run's start or end, where either is right)");
        Report.row("GPS: crossing |error| against the truth p50 / p95 / max, " + o.hz() + " Hz", Math.round(a.p50Ms()) + " / "
                + Math.round(a.p95Ms()) + " / " + Math.round(a.maxMs()), "ms", String.format(Locale.ROOT,
                        "true time within precisionMs + clockUncertaintyMs: %.1f %% (aim ≥ 95 %%)", a.withinPercent()));
        Report.row("Where the cores went in the GPS load", o.cpu(), "CPU s", "");
    }

    /** A step of the ramp: a shorter run with more cars, one row. */
    static void reportStep(Outcome o) {
        GpsMeasure.Result a = o.accuracy();
        Report.row("GPS ramp: " + o.cars() + " cars at " + o.hz() + " Hz for " + Math.round(o.seconds()) + " s: fixes acknowledged a second; "
                + "fix to passage p50 / p99; fix to map p50 / p99 (ms); crossings found of true", Math.round(o.fixesPerSecond()) + "; "
                        + o.passageP50Ms() + " / " + o.passageP99Ms() + "; " + o.map().p50Ms() + " / " + o.map().p99Ms() + "; "
                        + (a.found() - a.repeated()) + " of " + a.truths(), "",
                (o.keptUp() ? "kept up" : "**fell behind**") + " (" + o.batchesFailed() + " batches failed, " + a.missing() + " missing, "
                        + a.repeated() + " twice); cores: " + o.cpu());
    }
}
