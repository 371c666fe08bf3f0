package io.regularity.deploy.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.Api;
import io.regularity.deploy.ServiceProcess;
import io.regularity.deploy.Stack;
import io.regularity.deploy.StartOrExit;
import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.RaceFeed;

import static io.regularity.deploy.bench.Freshness.freshness;
import static io.regularity.deploy.bench.Load.pacedCrossings;
import static io.regularity.deploy.bench.Load.postBatches;
import static io.regularity.deploy.bench.Load.readers;
import static io.regularity.deploy.bench.Load.singles;
import static io.regularity.deploy.bench.Load.whileFlowing;
import static io.regularity.deploy.bench.Measures.buckets;
import static io.regularity.deploy.bench.Measures.get;
import static io.regularity.deploy.bench.Measures.median;
import static io.regularity.deploy.bench.Measures.medianOf;
import static io.regularity.deploy.bench.Measures.nativeMemory;
import static io.regularity.deploy.bench.Measures.peakRssMb;
import static io.regularity.deploy.bench.Measures.percentile;
import static io.regularity.deploy.bench.Measures.rssMb;
import static io.regularity.deploy.bench.Measures.quantile;
import static io.regularity.deploy.bench.Measures.sample;
import static io.regularity.deploy.bench.Report.atLeast;
import static io.regularity.deploy.bench.Report.below;
import static io.regularity.deploy.bench.Report.fmt;
import static io.regularity.deploy.bench.Report.log;
import static io.regularity.deploy.bench.Report.print;
import static io.regularity.deploy.bench.Report.row;

/**
 * {@code deploy/benchmark}: starts the whole stack on this machine, warms it up, and measures it the
 * way timing posts and the public use it, through the public API only. Each figure is measured three
 * times; the median is reported, as a Markdown table.
 */
public final class Benchmark {


    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        boolean quick = options.contains("--quick");
        boolean profile = options.contains("--profile");
        int onlyAt = options.indexOf("--only");
        Set<String> only = onlyAt >= 0 && onlyAt + 1 < options.size() ? Set.of(options.get(onlyAt + 1).split(","))
                : Set.of("batch", "singles", "rebuild", "scale", "freshness", "pace", "reads", "audience", "gps", "ceilings");
        int audienceAt = options.indexOf("--audience");
        int audience = audienceAt >= 0 && audienceAt + 1 < options.size() ? Integer.parseInt(options.get(audienceAt + 1)) : 10_000;
        int crewsAt = options.indexOf("--crews");
        int crews = crewsAt >= 0 && crewsAt + 1 < options.size() ? Integer.parseInt(options.get(crewsAt + 1)) : 420;
        int gpsCarsAt = options.indexOf("--gps-cars");
        int gpsCars = gpsCarsAt >= 0 && gpsCarsAt + 1 < options.size() ? Integer.parseInt(options.get(gpsCarsAt + 1)) : 420;
        int gpsSecondsAt = options.indexOf("--gps-seconds");
        int gpsSeconds = gpsSecondsAt >= 0 && gpsSecondsAt + 1 < options.size() ? Integer.parseInt(options.get(gpsSecondsAt + 1)) : 600;
        int gpsRampAt = options.indexOf("--gps-ramp");
        List<Integer> gpsRamp = gpsRampAt >= 0 && gpsRampAt + 1 < options.size()
                ? Stream.of(options.get(gpsRampAt + 1).split(",")).map(Integer::valueOf).toList() : List.of();
        int gpsRampSecondsAt = options.indexOf("--gps-ramp-seconds");
        int gpsRampSeconds = gpsRampSecondsAt >= 0 && gpsRampSecondsAt + 1 < options.size() ? Integer.parseInt(options.get(gpsRampSecondsAt + 1))
                : 180;
        int repeats = quick ? 1 : 3;
        Duration warmup = quick ? Duration.ofSeconds(20) : Duration.ofSeconds(60);
        Path root = Path.of(System.getProperty("regularity.root", ".")).toAbsolutePath().normalize();
        try (Stack stack = StartOrExit.within(Duration.ofMinutes(6), "the benchmark's stack", () -> Stack.start(root,
                root.resolve("deploy/target/bench"), Stack.Ports.free(), false, root.resolve("deploy/target/bench/tokens")))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stack-stop")); // also on Ctrl-C
            Session.open(stack);
            Api rd = Session.rd;
            String timing = stack.timingUrl();
            String classification = stack.classificationUrl();
            String classificationMetrics = stack.managementUrl("classification-service") + "/q/metrics";

            DemoRace demo = DemoRace.generate(crews, 2023);
            List<RaceFeed.Crossing> crossings = new RaceFeed(demo, 2023).crossings();
            log("demo race: " + crews + " crews, " + crossings.size() + " passages");

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
            List<Double> batchRates = new ArrayList<>();
            List<Double> singleRates = new ArrayList<>();
            String singlesRace = null;
            String full = null;
            List<RaceFeed.Crossing> batch = crossings.subList(0, Math.min(40_000, crossings.size()));

            // ---- classification keeping up with one consumer (one thread scoring), to compare with the configured ones:
            // restarted with one, a catch-up to warm it, the measure; restarted as configured, a catch-up to warm it
            List<Double> oneThread = new ArrayList<>();
            String oneThreadCpu = "";
            int consumers = Integer.parseInt(System.getenv().getOrDefault("MP_MESSAGING_INCOMING_PASSAGES_CONCURRENCY", "2"));
            if (only.contains("batch")) {
                stack.restartWith("classification-service", Map.of("MP_MESSAGING_INCOMING_PASSAGES_CONCURRENCY", "1"));
                CatchUp.run(stack, demo, batch, "one-warm");
                for (int run = 0; run < repeats; run++) {
                    CatchUp one = CatchUp.run(stack, demo, batch, "one-" + run);
                    oneThread.add(one.scored());
                    oneThreadCpu = one.cpu();
                    log("one consumer, run " + run + ": " + fmt(one.scored()) + " passages/s scored");
                }
                stack.restartWith("classification-service", Map.of());
                CatchUp.run(stack, demo, batch, "batch-warm");
            }
            if (profile) {
                Profiles.start(stack);
            }

            // ---- batch ingest and classification catch-up
            List<Double> consumeRates = new ArrayList<>();
            List<Double> classificationUs = new ArrayList<>();
            List<Double> databaseUs = new ArrayList<>();
            String consumersCpu = "";
            for (int run = 0; only.contains("batch") && run < repeats; run++) {
                CatchUp rates = CatchUp.run(stack, demo, batch, "batch-" + run);
                batchRates.add(rates.posted());
                consumeRates.add(rates.scored());
                consumersCpu = rates.cpu();
                classificationUs.add(rates.classificationUs());
                databaseUs.add(rates.itsDatabaseUs());
                log("batch run " + run + ": " + fmt(batchRates.get(run)) + " passages/s posted, " + fmt(consumeRates.get(run))
                        + " passages/s scored");
            }
            if (only.contains("batch")) {
                row("Ingest through `POST …/passages/batch` (1,000 per batch, 4 clients)", median(batchRates), "passages/s",
                        "its aim is a share of the Kafka ceiling (below)");
                double scaling = median(consumeRates) / median(oneThread);
                row("Classification keeping up with that stream (post to standings, 40,000 passages), " + consumers + " consumers",
                        median(consumeRates), "passages/s", atLeast(median(consumeRates), 10_000) + "; " + fmt(scaling)
                                + "× one consumer's, target ≥ 1.60×" + (scaling >= 1.6 ? ": met" : ": **missed**"));
                row("The same with one consumer (one thread scoring; classification restarted for it)", median(oneThread), "passages/s",
                        "");
                row("Where the cores went in the last catch-up, " + consumers + " consumers", consumersCpu, "CPU s", "");
                row("Where the cores went in the last catch-up, one consumer", oneThreadCpu, "CPU s", "");
                Aims.add("classification CPU per passage in a catch-up", "95-145 µs", median(classificationUs), "µs", 25, true, consumersCpu);
                Aims.add("its PostgreSQL's CPU per passage", "~110-125 µs", median(databaseUs), "µs", 40, true, consumersCpu);
                Aims.add("catch-up, passages/s (" + consumers + " consumers)", "5,293-5,662", median(consumeRates), "passages/s", 10_000,
                        false, consumersCpu);
            }

            // ---- single posts from many devices
            if (only.contains("singles") || only.contains("reads") || only.contains("audience")) {
                singlesRace = demo.publish(stack, "singles");
            }
            for (int run = 0; only.contains("singles") && run < repeats; run++) {
                singleRates.add(singles(timing, singlesRace, Duration.ofSeconds(20), 64, SINGLES + run * STEP)); // new passages only
                log("single posts run " + run + ": " + fmt(singleRates.get(run)) + " /s");
            }
            if (only.contains("singles")) {
                row("Ingest through `POST …/passages` (64 concurrent devices)", median(singleRates), "passages/s",
                        "its aim is a share of the trivial endpoint (below)");
            }

            // ---- a whole race, then its rebuild
            if (only.contains("rebuild") || only.contains("reads")) {
                full = demo.publish(stack, "full");
                postBatches(timing, full, crossings, 4, false);
                stack.awaitScored(Duration.ofMinutes(10));
            }
            List<Double> rebuilds = new ArrayList<>();
            String rebuildCpu = "";
            for (int run = 0; only.contains("rebuild") && run < repeats; run++) {
                Cpu before = Cpu.now(stack);
                JsonNode rebuilt = rd.ok("POST", classification + "/api/races/" + full + "/rebuild", null);
                rebuilds.add(rebuilt.get("durationMs").asDouble() / 1000.0);
                rebuildCpu = Cpu.now(stack).since(before);
            }
            if (only.contains("rebuild")) {
                row("Full rebuild of a " + crews + "-crew, 5-leg race (" + crossings.size() + " passages)", median(rebuilds), "s",
                        below(median(rebuilds), 1.5 * crews / 420, "s"));
                row("Where the cores went in the last rebuild", rebuildCpu, "CPU s", "");
                List<Long> replays = Measures.replays(classification, full, 20);
                if (crews == 420) {
                    Aims.add("rebuild, 420 crews", "2.98 s", median(rebuilds), "s", 1.0, true, rebuildCpu);
                    Aims.add("replay (`asOf`) 420 crews, p99 of 20", "1.0-1.3 s", percentile(replays, 99), "ms", 400, true, "");
                }
                row("Replay of that race (`…/standings?asOf=`, every passage received by then) p50 / p99 of 20",
                        percentile(replays, 50) + " / " + percentile(replays, 99), "ms", below(percentile(replays, 99), 1000, "ms"));
            }

            // ---- freshness at a steady 1,000 passages/s
            List<long[]> freshness = new ArrayList<>();
            TreeMap<Double, Double> scoredBefore = buckets(get(classificationMetrics), "classification_freshness_seconds");
            for (int run = 0; only.contains("freshness") && run < repeats; run++) {
                freshness.add(freshness(stack, "freshness-" + run, 1_000, 20_000, 64, 190, 50)); // 20 s at 1,000/s
            }
            TreeMap<Double, Double> scoredAfter = buckets(get(classificationMetrics), "classification_freshness_seconds");
            if (only.contains("batch") || only.contains("freshness")) {
                // where the legs scored in this run came from: the copies kept in memory, or the database
                String metrics = get(classificationMetrics);
                double memory = sample(metrics, "classification_leg_facts_total{found=\"memory\"");
                double database = sample(metrics, "classification_leg_facts_total{found=\"database\"");
                row("Crews' legs scored from the copies in memory (not read again)", fmt(100 * memory / Math.max(1, memory + database)), "%",
                        fmt(memory) + " of " + fmt(memory + database) + " since the start, the rebuilds' reads included");
            }
            if (only.contains("freshness")) {
                row("Freshness p50 at 1,000 passages/s (201 → visible in the standings)", medianOf(freshness, 0), "ms", "");
                row("Freshness p95", medianOf(freshness, 1), "ms", "");
                row("Freshness p99", medianOf(freshness, 2), "ms", below(medianOf(freshness, 2), 100, "ms"));
                Aims.add("freshness at 1,000 passages/s, p99", "1.1-1.7 s", medianOf(freshness, 2), "ms", 250, true, "");
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
                row("Freshness at a race's real pace p99", medianOf(pace, 2), "ms", below(medianOf(pace, 2), 25, "ms"));
            }

            // ---- standings reads while passages flow: a fixed arrival rate (open loop), plain and conditional
            List<long[]> reads = new ArrayList<>();
            List<long[]> conditional = new ArrayList<>();
            List<long[]> trivial = new ArrayList<>();
            String writesTo = singlesRace;
            String readsFrom = full;
            for (int run = 0; only.contains("reads") && run < repeats; run++) {
                AtomicInteger stop = new AtomicInteger();
                int base = FLOWING + run * STEP;
                Thread writer = whileFlowing(timing, writesTo, base, stop);
                String url = classification + "/api/races/" + readsFrom + "/standings?size=50";
                reads.add(Audience.openLoop(Session.HTTP, url, 2_000, Duration.ofSeconds(20), false));
                conditional.add(Audience.openLoop(Session.HTTP, url, 2_000, Duration.ofSeconds(20), true));
                // the same load generator against a trivial endpoint: what it and the machine manage without our work
                trivial.add(Audience.openLoop(Session.HTTP, timing + "/api/time", 2_000, Duration.ofSeconds(20), false));
                stop.set(1);
                writer.join();
                log("reads run " + run + ": p99 " + reads.get(run)[1] + " ms at " + reads.get(run)[3] + "/s; conditional p99 "
                        + conditional.get(run)[1] + " ms, " + conditional.get(run)[4] / 10.0 + " % 304");
            }
            if (only.contains("reads")) {
                row("Standings `GET` p50, open loop at 2,000 requests/s while passages flow (from the intended send time)",
                        medianOf(reads, 0), "ms", "");
                row("Standings `GET` p99, same", medianOf(reads, 1), "ms", below(medianOf(reads, 1), 1.5 * medianOf(trivial, 1), "ms")
                        + " (1.5× the trivial endpoint's p99 under the same loop, below)");
                row("Standings `GET` p99.9, same", medianOf(reads, 2), "ms", "");
                row("Standings `GET`: the rate achieved (aim 2,000)", medianOf(reads, 3), "requests/s", "");
                row("Conditional `GET` (`If-None-Match`) p50, open loop at 2,000 requests/s", medianOf(conditional, 0), "ms", "");
                row("Conditional `GET` p99", medianOf(conditional, 1), "ms", medianOf(conditional, 4) / 10.0 + " % answered 304");
                row("Ceiling: the same open loop against a trivial endpoint (`GET /api/time`), p99", medianOf(trivial, 1), "ms",
                        "at " + fmt(medianOf(trivial, 3)) + " requests/s achieved");
            }

            // ---- the live audience: SSE subscribers of one instance while the race goes on
            if (only.contains("audience")) {
                // a race of its own, its first morning scored, then its crossings at the race's pace: the race the others
                // hammered holds thousands of crossings of one start line per car, still being scored when this began (a
                // full run once measured 20,000 deliveries there: each subscriber's first list and one more)
                String followed = demo.publish(stack, "audience");
                postBatches(timing, followed, crossings.subList(0, 4_000), 4, false);
                stack.awaitScored(Duration.ofMinutes(10));
                AtomicInteger i = new AtomicInteger(4_000);
                AtomicInteger created = new AtomicInteger();
                long[] live = SseAudience.follow(classification + "/api/races/" + followed + "/standings/stream?size=50", audience,
                        Duration.ofSeconds(Math.max(10, audience / 500)), Duration.ofSeconds(30),
                        () -> pacedCrossings(timing, followed, crossings, 20, i.getAndAdd(20), created)); // the race's pace, a second at a time
                int wholeCreated = created.getAndSet(0);
                log("audience: " + live[0] + " held, " + live[1] + " deliveries, p50 " + live[2] + " ms, p99 " + live[3] + " ms");
                row("Live audience: SSE subscribers held by one classification instance while the race goes on (20 passages/s)", live[0],
                        "subscribers",
                        atLeast(live[0], audience) + " (" + live[1] + " deliveries in 30 s, " + wholeCreated
                                + " new passages; a subscriber gets at most 4 lists a second)");
                row("Live audience: delivery p99 (list computed → at the subscriber)", live[3], "ms",
                        below(live[3], 1000, "ms") + " (p50 " + live[2] + ", max " + live[4] + ")");
                // the same audience on the compact event (the embeddable widget): the whole list once, then the ranks that moved
                long[] compact = SseAudience.follow(classification + "/api/races/" + followed + "/standings/stream?size=50&compact=true",
                        audience, Duration.ofSeconds(Math.max(10, audience / 500)), Duration.ofSeconds(30),
                        () -> pacedCrossings(timing, followed, crossings, 20, i.getAndAdd(20), created));
                log("audience, compact: " + compact[0] + " held, " + compact[1] + " deliveries, p50 " + compact[2] + " ms, p99 " + compact[3]
                        + " ms, " + compact[5] + " bytes (whole lists: " + live[5] + " bytes)");
                row("Live audience, compact event (the widget): subscribers held", compact[0], "subscribers",
                        atLeast(compact[0], audience) + " (" + compact[1] + " deliveries in 30 s, " + created.get() + " new passages)");
                row("Live audience, compact event: delivery p99", compact[3], "ms", below(compact[3], 1000, "ms") + " (p50 " + compact[2] + ")");
                row("Live audience, compact event: bytes per delivery (whole list: " + (live[1] == 0 ? 0 : live[5] / live[1]) + ")",
                        compact[1] == 0 ? 0 : compact[5] / compact[1], "bytes", "");
            }

            // ---- the cars' GPS (issue 39): N cars at 10 Hz for a while, with a race going on; once, it is long
            if (only.contains("gps")) {
                // the GPS path warmed first, as a race's start warms it (cars leaving one a minute per start line): a cold JVM
                // on two loaded cores falls minutes behind before its compiler catches up (docs/benchmarks.md)
                GpsLoad.Outcome gpsWarm = GpsLoad.run(stack, Math.min(gpsCars, 100), Duration.ofSeconds(quick ? 20 : 90), 10);
                log("gps warm-up: " + gpsWarm.cars() + " cars, fix to passage p99 " + gpsWarm.passageP99Ms() + " ms, fix to map p99 " + gpsWarm.map().p99Ms()
                        + " ms");
                GpsLoad.report(GpsLoad.run(stack, gpsCars, Duration.ofSeconds(gpsSeconds), 10));
                // then more cars, a shorter run each, until one is not kept up with: the most it keeps up with, and where the cores went
                for (int cars : gpsRamp) {
                    GpsLoad.Outcome step = GpsLoad.run(stack, cars, Duration.ofSeconds(gpsRampSeconds), 10);
                    GpsLoad.reportStep(step);
                    if (!step.keptUp()) {
                        break;
                    }
                }
            }
            if (profile) {
                Profiles.stopAndSummarise(stack);
            }

            // ---- memory
            for (String name : Stack.SERVICES) {
                ServiceProcess service = stack.service(name);
                double rss = rssMb(service.pid());
                row("Resident memory of " + name + " at the end", rss, "MB", below(rss, 250, "MB") + " (peak " + peakRssMb(service.pid())
                        + " MB; heap capped at " + Stack.heap(name) + ")");
                if (ServiceProcess.jvmOptions().stream().anyMatch(o -> o.startsWith("-XX:NativeMemoryTracking="))) {
                    nativeMemory(name, service.pid());
                }
            }

            // ---- a race three times as big: its rebuild in the same heap, and its replay. Last (after the memory rows), as
            // its data stays in the services
            if (only.contains("scale")) {
                DemoRace big = DemoRace.generate(crews * 3, 2023);
                List<RaceFeed.Crossing> bigCrossings = new RaceFeed(big, 2023).crossings();
                String race = big.publish(stack, "scale");
                long start = System.nanoTime();
                postBatches(timing, race, bigCrossings, 4, false);
                stack.awaitScored(Duration.ofMinutes(30));
                log("scale: " + bigCrossings.size() + " passages posted and scored in " + fmt((System.nanoTime() - start) / 1e9) + " s");
                List<Double> bigRebuilds = new ArrayList<>();
                String failed = null;
                for (int run = 0; run < repeats && failed == null; run++) {
                    try {
                        bigRebuilds.add(rd.ok("POST", classification + "/api/races/" + race + "/rebuild", null).get("durationMs").asDouble()
                                / 1000.0);
                    } catch (RuntimeException e) {
                        failed = e.getMessage();
                    }
                }
                String what = "Full rebuild of a " + crews * 3 + "-crew race (" + bigCrossings.size() + " passages), same heap";
                if (failed != null) {
                    row(what, "failed", "", "target: succeeds: **missed** (" + failed + ")");
                } else if (rebuilds.isEmpty()) {
                    row(what, median(bigRebuilds), "s", "succeeded; the " + crews + "-crew race's rebuild to compare with is the `rebuild` step");
                } else {
                    double ratio = median(bigRebuilds) / median(rebuilds);
                    row(what, median(bigRebuilds), "s", fmt(ratio) + "× the " + crews + "-crew race's, target ≤ 3.50×"
                            + (ratio <= 3.5 ? ": met" : ": **missed**"));
                }
                if (failed == null && crews == 420) {
                    Aims.add("rebuild, 1,260 crews in the same heap", "8.83 s", median(bigRebuilds), "s", 3.0, true, "");
                }
                List<Long> bigReplays = Measures.replays(classification, race, 5);
                row("Replay of that race p50 / slowest of 5", percentile(bigReplays, 50) + " / " + percentile(bigReplays, 99), "ms", "");
            }

            // ---- this machine's ceilings, in the same run
            if (only.contains("ceilings")) {
                Ceilings.measure(stack, repeats, batchRates, singleRates);
            }
            print(quick, repeats);
        }
        System.exit(0);
    }


    /**
     * Where each step's single posts number their passages (a passage's id is its race and number): apart, so no step
     * posts a passage another has posted already, which the service would take as a repeat and change nothing with.
     */
    static final int SINGLES = 1_000_000;
    static final int FLOWING = 10_000_000;
    static final int STEP = 1_000_000;
}
