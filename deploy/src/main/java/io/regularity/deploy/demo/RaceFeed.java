package io.regularity.deploy.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.Api;

/**
 * The passages a race produces: every crew crossing every timing point, with its own skill (the
 * spread of its timing error), now and then a missed crossing. The faults of real operations are in:
 * a backup chronometer on a third of the PC lines (duplicates a few hundredths later), device clocks
 * tens of milliseconds off (each reports its measured offset), posts that go offline for twenty
 * minutes and upload their queue in a burst, out of order, and identical retries of an upload.
 * Two or three crews retire on each leg: they are seen no further, and race direction rules them
 * retired a quarter of an hour after their last crossing. Timing posts send them as they become available, at an accelerated clock, through the batch
 * endpoint as their apps do.
 */
public final class RaceFeed {

    /**
     * One crossing, as a timing post reports it: {@code time} by the device's clock, {@code clockOffsetMs}
     * as the device measured it, {@code availableAt} when the post can upload it (later when offline).
     */
    public record Crossing(UUID id, int car, String point, Instant time, String device, long clockOffsetMs,
            Instant availableAt) {
        public Map<String, Object> json() {
            return Map.of("id", id.toString(), "car", car, "point", point, "time", time.toString(), "device", device,
                    "source", "HOSE", "clockOffsetMs", clockOffsetMs);
        }
    }

    /** A crew that stops on {@code leg} after {@code lastPoint}; race direction rules it retired {@code at}. */
    public record Retirement(int car, int leg, String lastPoint, Instant at) {
        public Map<String, Object> ruling() {
            return Map.of("type", "RETIRE", "car", car, "reason", "stopped on leg " + leg + " after " + lastPoint);
        }
    }

    /**
     * Where and when a car truly was at a timing point (its visit, recorded by a post or not): what a car's GPS trace is
     * driven through ({@link GpsFeed}), the truth its GPS crossings are measured against.
     */
    public record Visited(int car, int leg, String point, double km, Instant at) {
    }

    /** How far off a device's clock is, in ms (the device measures it against the server and says so). */
    static long clockOffset(String device) {
        return Math.floorMod(device.hashCode(), 161) - 80;
    }

    /** One post in ten goes offline on this leg for twenty minutes and uploads its queue afterwards. */
    static boolean offline(String point) {
        return Math.floorMod(point.hashCode(), 10) == 0;
    }

    /** A speed for {@link #play}: every crossing is available at once, sent as fast as the system takes it. */
    public static final double AS_FAST_AS_POSSIBLE = 1e7;

    private final DemoRace race;
    private final List<Crossing> crossings;
    private final List<Retirement> retirements = new ArrayList<>();
    private final Map<String, Integer> legOf = new HashMap<>();
    private final List<Visited> visits = new ArrayList<>();
    /** The passages timing measured from the cars' GPS fixes at the virtual points, once read back ({@link #measured}). */
    private final List<Crossing> measured = new ArrayList<>();

    public RaceFeed(DemoRace race, long seed) {
        this.race = race;
        List<Crossing> all = simulate(race, new Random(seed), retirements, visits);
        // a virtual point has no post (unless it is a backup line): its crossings come from the cars' fixes, not from a hose
        Set<String> virtual = virtualPoints(race.definition);
        this.crossings = virtual.isEmpty() ? all : all.stream().filter(c -> !virtual.contains(c.point())).toList();
        race.definition.get("legs").forEach(l -> l.get("timingPoints").forEach(p -> legOf.put(p.get("id").asText(), l.get("number").asInt())));
    }

    /** The timing points of a definition that are virtual lines timed by the cars' GPS alone (not a post's backup). */
    public static Set<String> virtualPoints(JsonNode definition) {
        Set<String> virtual = new HashSet<>();
        definition.get("legs").forEach(l -> l.get("timingPoints").forEach(p -> {
            if (p.has("virtual") && !p.get("virtual").path("backup").asBoolean(false)) {
                virtual.add(p.get("id").asText());
            }
        }));
        return virtual;
    }

    /** Every car's true visit of every timing point, recorded or not, in the order simulated (car by car, leg by leg). */
    public List<Visited> visits() {
        return visits;
    }

    /** Adds the passages timing measured from the cars' fixes (read back after the race): what the Referee then scores too. */
    public void measured(List<Crossing> gps) {
        measured.clear();
        measured.addAll(gps);
    }

    /** What the race's lists follow from: the crossings the posts sent and the GPS passages timing measured. */
    public List<Crossing> scored() {
        if (measured.isEmpty()) {
            return crossings;
        }
        List<Crossing> all = new ArrayList<>(crossings);
        all.addAll(measured);
        return all;
    }

    public DemoRace race() {
        return race;
    }

    public List<Crossing> crossings() {
        return crossings;
    }

    /** The crews that retire, in the order race direction hears of it. */
    public List<Retirement> retirements() {
        return retirements;
    }

    private static List<Crossing> simulate(DemoRace race, Random random, List<Retirement> retirements, List<Visited> visited) {
        List<Crossing> all = new ArrayList<>();
        Set<Integer> retired = new HashSet<>();
        Map<Integer, Double> skill = new HashMap<>();
        for (Map<String, Object> crew : race.crews) {
            // the best crews are within a few hundredths; the average within a few tenths
            skill.put((Integer) crew.get("car"), 15 + 400 * Math.pow(random.nextDouble(), 2.5));
        }
        for (JsonNode leg : race.definition.get("legs")) {
            int number = leg.get("number").asInt();
            List<Visit> visits = visits(leg);
            Map<String, JsonNode> finishOf = new HashMap<>();
            Set<String> pcLines = new HashSet<>();
            Map<String, JsonNode> pmOf = new HashMap<>();
            Map<String, Integer> metresAt = new HashMap<>();
            Map<String, JsonNode> coAt = new HashMap<>();
            Map<String, String> coPoints = new HashMap<>();
            for (JsonNode t : leg.get("trials")) {
                switch (t.get("type").asText()) {
                    case "PC" -> {
                        finishOf.put(at(t.get("finish").asText(), t.path("finishLap").asInt(1)), t);
                        pcLines.add(t.get("start").asText());
                        pcLines.add(t.get("finish").asText());
                    }
                    case "PM" -> t.get("detections").forEach(d -> {
                        String key = at(d.get("point").asText(), d.path("lap").asInt(t.path("startLap").asInt(1)));
                        pmOf.put(key, t);
                        metresAt.put(key, d.get("distanceM").asInt());
                    });
                    case "CO" -> {
                        coAt.put(at(t.get("point").asText(), t.path("lap").asInt(1)), t);
                        coPoints.put(t.get("id").asText(), at(t.get("point").asText(), t.path("lap").asInt(1)));
                    }
                    default -> { }
                }
            }
            Instant legStart = race.legStart(number);
            // two or three crews stop somewhere on this leg: the index of the first visit each does not make
            Map<Integer, Integer> stopsBefore = new HashMap<>();
            List<Integer> starters = race.crews.stream().map(c -> (Integer) c.get("car")).filter(c -> !retired.contains(c))
                    .collect(Collectors.toCollection(ArrayList::new));
            for (int i = 2 + random.nextInt(2); i > 0 && starters.size() > 3; i--) {
                stopsBefore.put(starters.remove(random.nextInt(starters.size())), 1 + random.nextInt(visits.size() - 1));
            }
            // on a circuit, once in the race a lap-line crossing is not recorded (no backup either): LAP_LINE_MISSED
            int laps = leg.path("laps").asInt(1);
            int lineMissedBy = laps > 1 && !starters.isEmpty() ? starters.get(random.nextInt(starters.size())) : -1;
            int lineMissedOn = laps > 1 ? 2 + random.nextInt(laps - 1) : -1;
            for (Map<String, Object> crew : race.crews) {
                int car = (Integer) crew.get("car");
                if (retired.contains(car)) {
                    continue;
                }
                double sigma = skill.get(car);
                Map<String, Instant> seen = new HashMap<>();
                Instant clock = legStart.plus(Duration.ofSeconds(30L * car));
                Visit previous = null;
                int stopBefore = stopsBefore.getOrDefault(car, visits.size());
                int index = 0;
                for (Visit v : visits) {
                    if (index++ == stopBefore) {
                        retired.add(car);
                        retirements.add(new Retirement(car, number, previous.point(), clock.plus(Duration.ofMinutes(15))));
                        break;
                    }
                    String key = at(v.point(), v.lap());
                    Instant t;
                    if (previous == null) {
                        t = clock;
                    } else if (finishOf.containsKey(key) && seen.containsKey(startOf(finishOf.get(key)))) {
                        JsonNode pc = finishOf.get(key);
                        t = seen.get(startOf(pc)).plusMillis(pc.get("targetMs").asLong() + error(random, sigma));
                    } else if (pmOf.containsKey(key) && seen.containsKey(startOf(pmOf.get(key)))) {
                        JsonNode pm = pmOf.get(key);
                        long ideal = Math.round(metresAt.get(key) * 3600.0 / pm.get("averageKmh").asDouble());
                        t = seen.get(startOf(pm)).plusMillis(ideal + 3 * error(random, sigma));
                    } else {
                        double hours = (v.km() - previous.km()) / DemoRace.ROUTE_KMH;
                        t = clock.plusMillis((long) (hours * 3_600_000 * (0.9 + 0.2 * random.nextDouble())));
                        JsonNode co = coAt.get(key);
                        if (co != null) {
                            String from = co.has("from") ? coPoints.get(co.get("from").asText()) : at(leg.get("startPoint").asText(), 1);
                            Instant reference = seen.get(from);
                            if (reference != null) {
                                Instant due = reference.plus(co.get("durationMinutes").asInt(), ChronoUnit.MINUTES)
                                        .truncatedTo(ChronoUnit.MINUTES);
                                Instant aim = due.plusSeconds(5 + random.nextInt(50));
                                t = random.nextInt(50) == 0 ? aim.plusSeconds(60 + random.nextInt(200)) : aim;
                            }
                        }
                    }
                    seen.put(key, t);
                    visited.add(new Visited(car, number, v.point(), v.km(), t));
                    clock = t;
                    previous = v;
                    boolean line = laps > 1 && v.point().equals(leg.get("startPoint").asText());
                    if (line && car == lineMissedBy && v.lap() == lineMissedOn) {
                        continue; // the hose did not record it, and no backup chronometer did either
                    }
                    // 0.5% of crossings are missed (never a lap line: that is the one case above)
                    if (line || random.nextInt(1000) >= 5) {
                        String id = v.point();
                        String device = "tk-" + id;
                        long offset = clockOffset(device);
                        Instant available = offline(id) ? t.plus(Duration.ofMinutes(20)) : t;
                        String name = race.raceId + "|" + car + "|" + id + (laps > 1 ? "|" + v.lap() : "");
                        all.add(new Crossing(UUID.nameUUIDFromBytes(name.getBytes()), car, id, t.minusMillis(offset), device, offset, available));
                        if (pcLines.contains(id) && Math.floorMod(id.hashCode(), 3) == 0) {
                            String backup = device + "-backup";
                            long backupOffset = clockOffset(backup);
                            Instant backupAt = t.plusMillis(20 + random.nextInt(400));
                            all.add(new Crossing(UUID.nameUUIDFromBytes((name + "|backup").getBytes()), car, id,
                                    backupAt.minusMillis(backupOffset), backup, backupOffset, available));
                        }
                    }
                }
            }
        }
        all.sort(Comparator.comparing(Crossing::availableAt).thenComparing(Crossing::car).thenComparing(Crossing::device));
        retirements.sort(Comparator.comparing(Retirement::at));
        return all;
    }

    /** A point on a lap (1 on a road leg) at its km from the leg's start. */
    record Visit(String point, int lap, double km) {
    }

    /**
     * The points a crew crosses on a leg, in order: a road leg's timing points; a circuit's, lap after lap, and the
     * lap line once more at the end (the crossing that ends the last lap).
     */
    static List<Visit> visits(JsonNode leg) {
        List<Visit> visits = new ArrayList<>();
        int laps = leg.path("laps").asInt(1);
        if (laps <= 1) {
            leg.get("timingPoints").forEach(p -> visits.add(new Visit(p.get("id").asText(), 1, p.get("km").asDouble())));
            return visits;
        }
        double lapKm = leg.get("distanceKm").asDouble() / laps;
        for (int lap = 1; lap <= laps; lap++) {
            for (JsonNode p : leg.get("timingPoints")) {
                visits.add(new Visit(p.get("id").asText(), lap, (lap - 1) * lapKm + p.get("km").asDouble()));
            }
        }
        visits.add(new Visit(leg.get("startPoint").asText(), laps + 1, laps * lapKm));
        return visits;
    }

    private static String at(String point, int lap) {
        return point + "@" + lap;
    }

    /** The key of a PC's or PM's start: its point on its start lap. */
    private static String startOf(JsonNode trial) {
        return at(trial.get("start").asText(), trial.path("startLap").asInt(1));
    }

    private static long error(Random random, double sigma) {
        return Math.round(random.nextGaussian() * sigma);
    }

    /**
     * Posts the crossings as race time passes, {@code speed} times faster than real time (legs start
     * back to back: the nights are skipped). Prints a progress line now and then.
     */
    public void play(Api timekeeper, Api raceDirection, String timingUrl, String classificationUrl, double speed,
            BooleanSupplier running) {
        play(timekeeper, raceDirection, timingUrl, classificationUrl, speed, null, running);
    }

    /**
     * The same, and the cars' GPS units sending their fixes ({@code gps}, null for none) as race time passes, in the same
     * clock as the posts' crossings.
     */
    public void play(Api timekeeper, Api raceDirection, String timingUrl, String classificationUrl, double speed, GpsFeed gps,
            BooleanSupplier running) {
        Api api = timekeeper;
        ExecutorService units = gps == null ? null : GpsFeed.pool();
        int fixes = 0;
        String batchUrl = timingUrl + "/api/races/" + race.raceId + "/passages/batch";
        String rulingsUrl = classificationUrl + "/api/races/" + race.raceId + "/rulings";
        int ruled = 0;
        int sent = 0;
        int leg = 0;
        Instant raceClock = crossings.isEmpty() ? Instant.now() : crossings.get(0).availableAt();
        if (gps != null && !gps.done() && (crossings.isEmpty() || gps.nextAt().isBefore(raceClock))) {
            raceClock = gps.nextAt();
        }
        int uploads = 0;
        long wallStart = System.nanoTime();
        long lastProgress = 0;
        while ((sent < crossings.size() || gps != null && !gps.done()) && running.getAsBoolean()) {
            Instant nextAt = sent < crossings.size() ? crossings.get(sent).availableAt() : gps.nextAt();
            if (gps != null && !gps.done() && gps.nextAt().isBefore(nextAt)) {
                nextAt = gps.nextAt();
            }
            double elapsedRace = (System.nanoTime() - wallStart) / 1e9 * speed;
            Instant now = raceClock.plusMillis((long) (elapsedRace * 1000));
            if (nextAt.isAfter(now.plus(Duration.ofHours(6)))) {
                // overnight: jump to the next morning
                raceClock = nextAt;
                wallStart = System.nanoTime();
                continue;
            }
            if (gps != null) {
                fixes += gps.sendDue(now, timingUrl, units, running);
            }
            while (ruled < retirements.size() && !retirements.get(ruled).at().isAfter(now) && running.getAsBoolean()) {
                post(raceDirection, rulingsUrl, retirements.get(ruled++).ruling(), running);
            }
            List<Map<String, Object>> batch = new ArrayList<>();
            while (sent < crossings.size() && !crossings.get(sent).availableAt().isAfter(now) && batch.size() < 1000) {
                batch.add(crossings.get(sent++).json());
            }
            if (!batch.isEmpty()) {
                post(api, batchUrl, batch, running);
                if (++uploads % 50 == 0) {
                    post(api, batchUrl, batch, running); // a post unsure of its upload sends it again: all DUPLICATE
                }
                leg = legOf.getOrDefault(crossings.get(sent - 1).point(), leg);
            }
            if (System.nanoTime() - lastProgress > 10_000_000_000L) {
                lastProgress = System.nanoTime();
                System.out.println("[demo] leg " + leg + ", race time " + now + ", passages sent " + sent + "/" + crossings.size()
                        + (gps == null ? "" : ", GPS fixes sent " + fixes + "/" + gps.fixCount()) + ", retired " + ruled + ", "
                        + leader(api, classificationUrl));
            }
            sleep(batch.size() == 1000 ? 0 : 200);
        }
        while (ruled < retirements.size() && running.getAsBoolean()) {
            post(raceDirection, rulingsUrl, retirements.get(ruled++).ruling(), running);
        }
        if (units != null) {
            units.shutdown();
        }
        System.out.println("[demo] all " + sent + " passages sent" + (gps == null ? "" : ", " + fixes + " GPS fixes at " + gps.rate().hz
                + " Hz") + ", " + ruled + " crews ruled retired; " + leader(api, classificationUrl));
    }

    /** As a timing post does: a failed upload is sent again (the same ids, so never counted twice). */
    private static void post(Api api, String url, Object body, BooleanSupplier running) {
        while (running.getAsBoolean()) {
            try {
                api.ok("POST", url, body);
                return;
            } catch (RuntimeException e) {
                System.out.println("[demo] upload failed (" + e.getMessage() + "); retrying in 1 s");
                sleep(1000);
            }
        }
    }

    private String leader(Api api, String classificationUrl) {
        Api.Reply reply;
        try {
            reply = api.send("GET", classificationUrl + "/api/races/" + race.raceId + "/standings?size=1", null);
        } catch (RuntimeException e) {
            return "standings unavailable (" + e.getMessage() + ")";
        }
        if (reply.status() != 200 || reply.body().get("entries").isEmpty()) {
            return "no standings yet";
        }
        JsonNode first = reply.body().get("entries").get(0);
        return "leader car " + first.get("car").asInt() + " " + first.get("crew").asText() + " " + first.get("score").asText()
                + " (as of " + reply.body().path("asOfTrial").asText("-") + ")";
    }



    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
