package io.regularity.deploy.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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
            long ackP99Ms, long passageP50Ms, long passageP99Ms, long passageMaxMs, GpsMeasure.Result accuracy, String cpu) {

        double fixesPerSecond() {
            return fixesAcknowledged / seconds;
        }
    }

    private GpsLoad() {
    }

    static Outcome run(Stack stack, int cars, Duration duration, int hz) throws Exception {
        GpsFeed.Rate rate = GpsFeed.Rate.of(hz);
        DemoRace race = DemoRace.generate(cars, 2023).withVirtualPm();
        String raceId = race.publish(stack, "gps");
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
                }
            }
        }
        log("gps: " + cars + " cars at " + hz + " Hz for " + duration.toSeconds() + " s on " + raceId + " (" + String.join(", ", points)
                + "), " + truths.size() + " true crossings to find");

        // the rest of the race: its crossings at the race's pace and readers of its standings
        String rest = race.publish(stack, "gps-rest");
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

        ExecutorService units = Executors.newFixedThreadPool(16);
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

        List<GpsMeasure.Measured> passages = GpsMeasure.await(new Api(), stack.timingUrl(), raceId, points, truths.size(),
                Duration.ofSeconds(30));
        List<Long> toPassage = new ArrayList<>();
        for (GpsMeasure.Measured m : passages) {
            JsonNode after = m.evidence() == null ? null : m.evidence().path("after").get("time");
            Instant fixTime = after == null ? m.at() : Instant.parse(after.asText());
            if (m.receivedAt() != null) {
                toPassage.add(Duration.between(fixTime, m.receivedAt()).toMillis());
            }
        }
        Collections.sort(toPassage);
        List<Long> ackSorted = new ArrayList<>(acks);
        Collections.sort(ackSorted);
        GpsMeasure.Result accuracy = GpsMeasure.of(hz + " Hz", truths, passages);
        log("gps: " + accuracy);
        return new Outcome(cars, hz, seconds, sent.get(), acknowledged.get(), failed.get(), percentile(ackSorted, 50), percentile(ackSorted, 99),
                percentile(toPassage, 50), percentile(toPassage, 99), toPassage.isEmpty() ? -1 : toPassage.get(toPassage.size() - 1), accuracy,
                cpu);
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
        GpsMeasure.Result a = o.accuracy();
        Report.row("GPS: true crossings found once (of " + a.truths() + ")", a.found() - a.repeated(), "crossings",
                (a.missing() == 0 && a.repeated() == 0 && a.extra() == 0 ? "nothing lost, nothing twice: met" : "**missed**") + " (" + a.missing()
                        + " missing, " + a.repeated() + " found more than once, " + a.extra() + " where no car crossed)");
        Report.row("GPS: crossing |error| against the truth p50 / p95 / max, " + o.hz() + " Hz", Math.round(a.p50Ms()) + " / "
                + Math.round(a.p95Ms()) + " / " + Math.round(a.maxMs()), "ms", String.format(Locale.ROOT,
                        "true time within precisionMs + clockUncertaintyMs: %.1f %% (aim ≥ 95 %%)", a.withinPercent()));
        Report.row("Where the cores went in the GPS load", o.cpu(), "CPU s", "");
    }
}
