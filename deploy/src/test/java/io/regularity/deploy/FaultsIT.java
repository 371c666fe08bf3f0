package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.GpsFeed;
import io.regularity.deploy.demo.GpsMeasure;
import io.regularity.deploy.demo.RaceFeed;
import io.regularity.deploy.demo.Referee;

/** Faults injected into the running system, each against real servers: nothing lost, nothing counted twice. */
class FaultsIT {

    static Stack stack;
    static Api raceDirection;
    static Api timekeeper;
    static final Api reader = new Api();
    static final DemoRace DEMO = DemoRace.generate(30, 7);
    static final List<RaceFeed.Crossing> CROSSINGS = new RaceFeed(DEMO, 7).crossings().subList(0, 6000);

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        raceDirection = stack.raceDirection();
        timekeeper = stack.timekeeper();
    }

    static void post(String race, List<RaceFeed.Crossing> crossings) {
        post(stack, race, crossings);
    }

    /** Posts crossings in batches of 500, each passage's id made from the race and the crossing so runs can be compared. */
    static void post(Stack stack, String race, List<RaceFeed.Crossing> crossings) {
        Api timekeeper = stack.timekeeper();
        for (int i = 0; i < crossings.size(); i += 500) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (RaceFeed.Crossing c : crossings.subList(i, Math.min(i + 500, crossings.size()))) {
                batch.add(Map.of("id", UUID.nameUUIDFromBytes((race + "|" + c.id()).getBytes()).toString(), "car", c.car(),
                        "point", c.point(), "time", c.time().toString(), "device", c.device(), "source", "HOSE",
                        "clockOffsetMs", c.clockOffsetMs()));
            }
            JsonNode answer = timekeeper.ok("POST", stack.timingUrl() + "/api/races/" + race + "/passages/batch", batch);
            answer.get("results").forEach(r -> assertEquals("CREATED", r.get("status").asText(), r.toString()));
        }
    }

    /** Every entry of the overall list, without the race id: what two runs must agree on. */
    static String standings(String race) {
        return standings(stack, race);
    }

    static String standings(Stack stack, String race) {
        JsonNode s = reader.ok("GET", stack.classificationUrl() + "/api/races/" + race + "/standings?size=500", null);
        return s.get("entries").toString() + " as of " + s.get("asOfTrial");
    }

    static void awaitConsumed() {
        awaitConsumed(stack);
    }

    static void awaitConsumed(Stack stack) {
        // first timing's outbox must be empty (after an outage the relay may still be backing off), then classification
        // must have consumed everything on the topic
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                Thread.sleep(1500);
                stack.awaitScored(Duration.ofSeconds(5));
                return;
            } catch (AssertionError | InterruptedException e) {
                assertTrue(System.nanoTime() < deadline, "classification did not catch up: " + e.getMessage());
            }
        }
    }

    @Test
    void classificationKilledMidStreamLosesNothingAndCountsNothingTwice() throws Exception {
        String clean = DEMO.publish(stack, "clean");
        String crashed = DEMO.publish(stack, "crashed");
        post(clean, CROSSINGS);
        post(crashed, CROSSINGS.subList(0, 3000));
        // kill -9 in the middle of the stream (an out-of-memory error ends the process so: -XX:+ExitOnOutOfMemoryError), and
        // the local stack's watch finds it gone and starts it again (issue 34: it used to stay down)
        assertTrue(ProcessHandle.of(stack.service("classification-service").pid()).orElseThrow().info().arguments()
                .map(List::of).orElseThrow().contains("-XX:+ExitOnOutOfMemoryError"));
        stack.service("classification-service").kill();
        assertEquals(List.of("classification-service"), stack.watch());
        assertEquals(List.of(), stack.watch(), "all running again");
        post(crashed, CROSSINGS.subList(3000, CROSSINGS.size()));
        awaitConsumed();
        String expected = standings(clean);
        assertTrue(expected.contains("\"trialsScored\""), expected);
        assertEquals(expected, standings(crashed), "the crashed run's standings differ from the clean run's");
        // the restarted instance scored from the legs it read again and kept in memory since: a rebuild from the stored facts agrees
        raceDirection.ok("POST", stack.classificationUrl() + "/api/races/" + crashed + "/rebuild", null);
        assertEquals(expected, standings(crashed), "a rebuild after the restart changed the standings");
    }

    /**
     * The drill of a lost database (docs/operations.md): classification's database gone, an empty one in its place. It
     * reads everything again from Kafka (the passages kept forever, the definitions and its own decisions compacted)
     * and its lists, their digests and race direction's decisions are what they were.
     */
    @Test
    void classificationsDatabaseLostIsRebuiltFromKafkaWithTheSameListsAndDigests() throws Exception {
        String race = DEMO.publish(stack, "db-lost");
        post(race, CROSSINGS);
        awaitConsumed();
        String base = stack.classificationUrl() + "/api/races/" + race;
        // race direction's decisions, which only classification holds: a penalty, a revoked one, an anomaly handled
        long kept = raceDirection.ok("POST", base + "/rulings", Map.of("type", "STEWARD_PENALTY", "car", 3, "trial", "PC1", "points", 40,
                "reason", "speeding in the village")).get("id").asLong();
        long revoked = raceDirection.ok("POST", base + "/rulings", Map.of("type", "STEWARD_PENALTY", "car", 4, "trial", "PC1", "points", 10,
                "reason", "a mistake")).get("id").asLong();
        raceDirection.ok("POST", base + "/rulings/" + revoked + "/revoke", Map.of("reason", "the marshal was wrong"));
        JsonNode anomalies = reader.ok("GET", base + "/anomalies?size=500", null).get("entries");
        String anomaly = anomalies.size() == 0 ? null : anomalies.get(0).get("id").asText();
        if (anomaly != null) {
            assertEquals(204, raceDirection.send("POST", base + "/anomalies/" + anomaly + "/handled", Map.of("note", "seen")).status());
        }
        JsonNode before = reader.ok("GET", base + "/standings?size=500", null);
        JsonNode leg = reader.ok("GET", base + "/standings?list=leg&leg=1&size=500", null);
        JsonNode rulings = raceDirection.ok("GET", base + "/rulings", null);
        JsonNode crews = reader.ok("GET", base + "/crews", null);
        assertTrue(before.get("entries").size() > 0 && rulings.size() == 2, before.toString());

        long started = System.nanoTime();
        stack.loseDatabaseAndRestart("classification-service");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            // the lists, and race direction's decisions read to their last version: a list can be right again before the
            // last decision is (a revoked penalty and no penalty score alike), so both are waited for
            Api.Reply now = reader.send("GET", base + "/standings?size=500", null);
            if (now.status() == 200 && before.get("digest").equals(now.body().get("digest"))
                    && rulings.equals(raceDirection.send("GET", base + "/rulings", null).body())
                    && (anomaly == null || reader.send("GET", base + "/anomalies?size=500", null).body().toString().contains("\"handled\""))) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "classification did not read its lists back from Kafka: " + now.body());
            Thread.sleep(500);
        }
        System.out.printf("[db-lost] classification's lists back from Kafka in %.1f s%n", (System.nanoTime() - started) / 1e9);
        JsonNode after = reader.ok("GET", base + "/standings?size=500", null);
        assertEquals(before.get("entries"), after.get("entries"), "the overall list after the rebuild from Kafka");
        assertEquals(before.get("revision"), after.get("revision"));
        JsonNode legAfter = reader.ok("GET", base + "/standings?list=leg&leg=1&size=500", null);
        assertEquals(leg.get("entries"), legAfter.get("entries"), "leg 1's list");
        assertEquals(leg.get("digest"), legAfter.get("digest"));
        assertEquals(rulings, raceDirection.ok("GET", base + "/rulings", null), "race direction's rulings, revocation included");
        assertEquals(crews, reader.ok("GET", base + "/crews", null), "the entry list");
        if (anomaly != null) {
            assertTrue(reader.ok("GET", base + "/anomalies?size=500", null).get("entries").toString().contains("\"handled\""),
                    "the anomaly handled stays handled");
        }
        // and the service goes on: a new ruling after the rebuild takes the next id, not one of the restored ones
        long next = raceDirection.ok("POST", base + "/rulings", Map.of("type", "STEWARD_PENALTY", "car", 5, "trial", "PC1", "points", 5,
                "reason", "after the drill")).get("id").asLong();
        assertTrue(next > Math.max(kept, revoked), "ruling id " + next);
    }

    /**
     * The drill of a rolling update on race day (docs/operations.md): a whole race played while every service is
     * stopped and started again in turn (SIGTERM, as a rolling update does) and the broker once. The posts retry what
     * was not answered, as the app does. At the end the simulator's Referee agrees crew by crew, timing holds every
     * passage, and each service's resident memory, sampled through the race, shows no growth trend (the slope is said).
     */
    @Test
    void aWholeRaceUnderRollingRestartsOfEveryServiceAndTheBrokerLosesNothing() throws Exception {
        DemoRace demo = DemoRace.generate(60, 29).renamed("rolling-2023");
        demo.publish(stack, null);
        RaceFeed feed = new RaceFeed(demo, 29);
        List<RaceFeed.Crossing> crossings = feed.crossings();
        String batchUrl = stack.timingUrl() + "/api/races/" + demo.raceId + "/passages/batch";
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
        Thread posts = new Thread(() -> {
            for (int i = 0; i < crossings.size(); i += 50) {
                List<Map<String, Object>> batch = crossings.subList(i, Math.min(i + 50, crossings.size())).stream()
                        .map(RaceFeed.Crossing::json).toList();
                while (true) {
                    try {
                        timekeeper.ok("POST", batchUrl, batch);
                        break;
                    } catch (RuntimeException | AssertionError notAnswered) {
                        retries.incrementAndGet(); // the post keeps it and sends it again
                        sleep(500);
                    }
                }
                sent.addAndGet(batch.size());
                sleep(250);
            }
        }, "posts");
        MemorySampler memory = new MemorySampler(stack);
        memory.start();
        posts.start();
        try {
            awaitSent(sent, crossings.size() / 10);
            for (String service : List.of("timing-service", "classification-service", "route-service")) {
                stack.stopAndRestart(service);
                Thread.sleep(3000);
            }
            System.out.println("[rolling] broker stopping");
            stack.kafka().restart();
            System.out.println("[rolling] broker back");
            posts.join(Duration.ofMinutes(8).toMillis());
            assertTrue(!posts.isAlive(), "the race was not all posted: " + sent.get() + " of " + crossings.size());
        } finally {
            posts.interrupt();
        }
        for (RaceFeed.Retirement retirement : feed.retirements()) {
            raceDirection.ok("POST", stack.classificationUrl() + "/api/races/" + demo.raceId + "/rulings", retirement.ruling());
        }
        Referee.Verdict verdict = Referee.check(feed, reader, stack.classificationUrl(), Duration.ofSeconds(180));
        memory.stop();
        assertTrue(verdict.agree(), verdict.toString());
        long distinct = crossings.stream().map(RaceFeed.Crossing::id).distinct().count();
        assertEquals(distinct, raceDirection.ok("GET", stack.timingUrl() + "/api/races/" + demo.raceId + "/passages?size=1", null)
                .get("total").asLong(), "every passage posted is in timing");
        System.out.println("[rolling] " + crossings.size() + " passages, " + retries.get() + " batches sent again while a service was away; "
                + verdict.crews() + " crews agree with the Referee");
        memory.report().forEach((service, slope) -> {
            System.out.printf("[rolling] %s: resident memory %s%n", service, slope);
            assertTrue(slope.mbPerMinute() < 60 && slope.lastMb() < 900, service + "'s memory grows through the race: " + slope);
        });
    }

    static void awaitSent(java.util.concurrent.atomic.AtomicInteger sent, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (sent.get() < atLeast) {
            assertTrue(System.nanoTime() < deadline, "the race did not start");
            Thread.sleep(200);
        }
    }

    /**
     * Issue 39's drill: the cars' fixes at 10 Hz through timing's stream processor, with timing (and the processor in it)
     * killed mid-race and the broker restarted: every true crossing of the virtual lines is found, none twice, none
     * invented (exactly once through the restarts), and the times are as good as they say.
     */
    @Test
    void gpsCrossingsThroughAKilledStreamProcessorAndABrokerRestartAreAllFoundOnce() throws Exception {
        DemoRace demo = DemoRace.generate(24, 39).renamed("gps-drill-2023").withVirtualPm();
        demo.publish(stack, null);
        RaceFeed feed = new RaceFeed(demo, 39);
        GpsFeed units = new GpsFeed(feed, GpsFeed.Rate.of(10), 39).tokens(car -> stack.crew(demo.raceId, car));
        Set<String> lines = RaceFeed.virtualPoints(demo.definition);
        assertTrue(!lines.isEmpty() && !units.truths().isEmpty(), "the race has virtual lines its cars cross");
        List<GpsFeed.Batch> batches = units.batches();
        Instant third = batches.get(batches.size() / 3).availableAt(), twoThirds = batches.get(2 * batches.size() / 3).availableAt();
        var pool = GpsFeed.pool();
        try {
            int sent = units.sendDue(third, stack.timingUrl(), pool, () -> true);
            // kill -9: the stream processor dies with its uncommitted work; the local stack's watch starts timing again
            stack.service("timing-service").kill();
            assertEquals(List.of("timing-service"), stack.watch());
            sent += units.sendDue(twoThirds, stack.timingUrl(), pool, () -> true);
            System.out.println("[gps-drill] broker stopping");
            stack.kafka().restart();
            System.out.println("[gps-drill] broker back");
            sent += units.sendDue(null, stack.timingUrl(), pool, () -> true);
            assertEquals(units.fixCount(), sent);
        } finally {
            pool.shutdownNow();
        }
        List<GpsMeasure.Measured> measured = GpsMeasure.await(reader, stack.timingUrl(), demo.raceId, lines, units.truths().size(),
                Duration.ofSeconds(60));
        GpsMeasure.Result result = GpsMeasure.of("10 Hz", units.truths(), measured);
        System.out.println("[gps-drill] " + units.fixCount() + " fixes of " + units.truths().size() / lines.size() + " cars: " + result);
        assertEquals(0, result.missing(), "no crossing lost: " + result);
        assertEquals(0, result.repeated(), "none found twice: " + result);
        assertEquals(0, result.extra(), "none invented: " + result);
        assertEquals(measured.size(), measured.stream().map(GpsMeasure.Measured::id).distinct().count(), "one passage each");
        assertTrue(result.p95Ms() < 500, "the times are GPS times, not made up: " + result);
    }

    /** Samples each service's resident memory (VmRSS) every half second, per process (a restart starts a new series). */
    static final class MemorySampler {
        record Sample(double seconds, double mb) {
        }

        record Slope(double mbPerMinute, double lastMb, int samples) {
            @Override
            public String toString() {
                return String.format("%.1f MB/min over the last process's settled half (%d samples), %.0f MB at the end", mbPerMinute,
                        samples, lastMb);
            }
        }

        private final Stack stack;
        private final Map<String, List<Sample>> series = new java.util.concurrent.ConcurrentHashMap<>();
        private final long start = System.nanoTime();
        private volatile boolean running = true;
        private Thread thread;

        MemorySampler(Stack stack) {
            this.stack = stack;
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    for (String service : Stack.SERVICES) {
                        try {
                            long pid = stack.service(service).pid();
                            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
                                if (line.startsWith("VmRSS:")) {
                                    double mb = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                                    series.computeIfAbsent(service + "#" + pid, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                            .add(new Sample((System.nanoTime() - start) / 1e9, mb));
                                }
                            }
                        } catch (Exception processGoneOrRestarting) {
                            // between a stop and a start: no sample
                        }
                    }
                    sleep(500);
                }
            }, "memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running = false;
        }

        /** Per service, the least-squares slope of its last process's samples, the first half (its warm-up) left out. */
        Map<String, Slope> report() {
            Map<String, Slope> slopes = new java.util.TreeMap<>();
            for (String service : Stack.SERVICES) {
                List<Sample> last = null;
                double lastStart = -1;
                for (var e : series.entrySet()) {
                    if (e.getKey().startsWith(service + "#") && !e.getValue().isEmpty() && e.getValue().get(0).seconds() > lastStart) {
                        last = e.getValue();
                        lastStart = last.get(0).seconds();
                    }
                }
                if (last == null || last.size() < 10) {
                    continue;
                }
                List<Sample> settled = last.subList(last.size() / 2, last.size());
                double n = settled.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
                for (Sample s : settled) {
                    sx += s.seconds();
                    sy += s.mb();
                    sxx += s.seconds() * s.seconds();
                    sxy += s.seconds() * s.mb();
                }
                double slopePerSecond = (n * sxy - sx * sy) / (n * sxx - sx * sx);
                slopes.put(service, new Slope(slopePerSecond * 60, settled.get(settled.size() - 1).mb(), settled.size()));
            }
            return slopes;
        }
    }

    @Test
    void timingStoppedMidStreamAsInARollingUpdateKeepsEveryPassageItAcknowledged() throws Exception {
        String race = DEMO.publish(stack, "drain");
        java.util.Queue<String> acknowledged = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> devices = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            Thread device = new Thread(() -> {
                while (!stop.get()) {
                    RaceFeed.Crossing c = CROSSINGS.get(next.getAndIncrement() % CROSSINGS.size());
                    String id = UUID.randomUUID().toString();
                    try {
                        Api.Reply reply = timekeeper.send("POST", stack.timingUrl() + "/api/races/" + race + "/passages", Map.of("id", id,
                                "car", c.car(), "point", c.point(), "time", c.time().toString(), "device", c.device(), "source", "HOSE"));
                        if (reply.status() == 201) {
                            acknowledged.add(id);
                        }
                    } catch (IllegalStateException down) {
                        refused.incrementAndGet(); // not answered: the post stays on the device and is sent again later
                        sleep(50);
                    }
                }
            }, "device-" + d);
            device.start();
            devices.add(device);
        }
        Thread.sleep(3000);
        int before = acknowledged.size();
        stack.stopAndRestart("timing-service"); // as Kubernetes does in a rolling update: SIGTERM, drain, a new one
        Thread.sleep(2000);
        stop.set(true);
        for (Thread device : devices) {
            device.join();
        }
        assertTrue(before > 0 && acknowledged.size() > before, "posts were answered before and after the restart: " + before + ", "
                + acknowledged.size());
        for (String id : acknowledged) {
            assertEquals(200, raceDirection.send("GET", stack.timingUrl() + "/api/races/" + race + "/passages/" + id, null).status(),
                    "passage " + id + " was acknowledged with 201 but is not stored");
        }
        System.out.println("[drain] " + acknowledged.size() + " passages acknowledged, all stored; " + refused.get()
                + " posts not answered while timing was away");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void postgresRestartedUnderTheServicesIsAnswered503ThenTheyRecoverByThemselves() throws Exception {
        String race = DEMO.publish(stack, "pg-restart");
        Map<String, Object> passage = Map.of("id", UUID.randomUUID().toString(), "car", 1, "point", "L1-START",
                "time", "2023-06-13T05:00:30Z", "device", "tk-1", "source", "HOSE");
        stack.postgres().stop();
        try {
            Api.Reply down = timekeeper.send("POST", stack.timingUrl() + "/api/races/" + race + "/passages", passage);
            assertEquals(503, down.status(), "while PostgreSQL is down: " + down.body());
            assertEquals("Service Unavailable", down.body().get("title").asText());
            assertEquals(503, reader.send("GET", stack.classificationUrl() + "/api/races/" + race + "/standings", null).status());
        } finally {
            stack.postgres().startAgain();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status;
        while ((status = timekeeper.send("POST", stack.timingUrl() + "/api/races/" + race + "/passages", passage).status()) == 503) {
            assertTrue(System.nanoTime() < deadline, "timing-service did not recover");
            Thread.sleep(500);
        }
        assertEquals(201, status, "the passage refused while the database was down is accepted once it is back");
        while (reader.send("GET", stack.classificationUrl() + "/api/races/" + race + "/standings", null).status() != 200) {
            assertTrue(System.nanoTime() < deadline, "classification-service did not recover");
            Thread.sleep(500);
        }
        while (reader.send("GET", stack.routeUrl() + "/api/races/" + race, null).status() != 200) {
            assertTrue(System.nanoTime() < deadline, "route-service did not recover");
            Thread.sleep(500);
        }
        assertEquals(200, raceDirection.send("PATCH", stack.routeUrl() + "/api/races/" + race + "/trials/PC1",
                Map.of("status", "OPEN")).status(), "route-service writes again");
    }

    @Test
    void ninetySecondsWithoutPostgresUnderAFlowingRaceChangesNothingAndNeedsNoRestart() throws Exception {
        String clean = DEMO.publish(stack, "clean-90");
        String outage = DEMO.publish(stack, "outage-90");
        post(clean, CROSSINGS);
        post(outage, CROSSINGS.subList(0, 3000)); // acknowledged, on their way to Kafka and classification
        stack.postgres().stop();
        try {
            Thread.sleep(Duration.ofSeconds(90).toMillis()); // longer than the connector's default 60 s for an unacknowledged record
        } finally {
            stack.postgres().startAgain();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (timekeeper.send("GET", stack.timingUrl() + "/api/races/" + outage + "/passages?size=1", null).status() != 200) {
            assertTrue(System.nanoTime() < deadline, "timing-service did not recover");
            Thread.sleep(500);
        }
        post(outage, CROSSINGS.subList(3000, CROSSINGS.size()));
        awaitConsumed();
        assertEquals(200, reader.send("GET", stack.managementUrl("classification-service") + "/q/health/live", null).status(), "the consumers still run");
        assertEquals(standings(clean), standings(outage), "the standings after the outage differ from the clean run's");
    }
}
