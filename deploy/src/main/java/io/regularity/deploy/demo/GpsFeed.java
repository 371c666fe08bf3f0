package io.regularity.deploy.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.Api;

/**
 * The cars' GPS units in the demo (issue 39): every car driven along its leg's {@link RoutePath} through the times the
 * {@link RaceFeed} says it was at each timing point, its speed changing between them, its fixes taken at 1 Hz (a phone,
 * {@code PHONE}) or 10 Hz (a GNSS receiver, {@code NMEA}) with the noise of a real receiver, and sent in batches to
 * timing's {@code POST /api/races/{raceId}/cars/{car}/fixes} with the car's crew token. The simulator knows when each car
 * truly crossed each virtual line ({@link #truths}): what {@link GpsMeasure} holds timing's GPS passages against.
 *
 * <p>To keep the demo quick, a car's unit sends the fixes of {@link #BEFORE_MS} before to {@link #AFTER_MS} after each
 * virtual line it crosses (the trace between is the simulator's own); the benchmark sends whole traces.
 */
public final class GpsFeed {

    /**
     * The radius holding 95 % of the fixes of a receiver whose error is Gaussian with σ on each axis (a Rayleigh
     * distribution): σ · √(−2 ln 0.05) ≈ 2.45 σ. The {@code accuracyM} the simulated fixes report is this R95 radius, as
     * GNSS receivers state their horizontal accuracy: the honest figure for the noise they carry. (A phone's own figure is
     * usually the 68 % radius, 1.51 σ.)
     */
    public static final double R95 = Math.sqrt(-2 * Math.log(0.05));
    /** A car's unit sends fixes from this long before each virtual line it crosses … */
    public static final long BEFORE_MS = 20_000;
    /** … to this long after it. */
    public static final long AFTER_MS = 10_000;
    /** A unit sends what it holds every this long (race time): a batch. */
    public static final long BATCH_MS = 10_000;
    /** How much a car's speed swings around its average between two timing points: ± 15 % to ± 35 %, by car. */
    static final double MIN_SWING = 0.15;
    static final double MAX_SWING = 0.35;
    /** One swing of a car's speed (faster, then slower) every two minutes or so. */
    static final long SWING_MS = 120_000;

    /** How often a unit takes a fix, the noise of its positions (σ metres, each axis), and what it is. */
    public enum Rate {
        ONE_HZ(1, 3.0, "PHONE"), TEN_HZ(10, 1.0, "NMEA");

        public final int hz;
        public final double sigmaM;
        public final String source;

        Rate(int hz, double sigmaM, String source) {
            this.hz = hz;
            this.sigmaM = sigmaM;
            this.source = source;
        }

        public long periodMs() {
            return 1000 / hz;
        }

        /** The horizontal accuracy the fixes report: {@link #R95} σ, to the decimetre (7.3 m at 1 Hz, 2.4 m at 10 Hz). */
        public double accuracyM() {
            return Math.round(sigmaM * R95 * 10) / 10.0;
        }

        /** 1 or 10. */
        public static Rate of(int hz) {
            return switch (hz) {
                case 1 -> ONE_HZ;
                case 10 -> TEN_HZ;
                default -> throw new IllegalArgumentException("--gps takes 1 or 10 (fixes a second), not " + hz);
            };
        }
    }

    /** One fix as the unit sends it (docs/api.md: a fix). */
    public record Fix(Instant time, double lat, double lon, double speedMs, double headingDeg, double accuracyM, String source) {
        public String json() {
            return String.format(Locale.ROOT,
                    "{\"time\":\"%s\",\"lat\":%.7f,\"lon\":%.7f,\"speedMs\":%.2f,\"headingDeg\":%.1f,\"accuracyM\":%.1f,\"source\":\"%s\"}", time,
                    lat, lon, speedMs, headingDeg, accuracyM, source);
        }
    }

    /** The fixes a car's unit sends at once, when it can ({@code availableAt}, race time). */
    public record Batch(int car, Instant availableAt, List<Fix> fixes) {
        public String json() {
            StringBuilder body = new StringBuilder(fixes.size() * 150).append('[');
            for (int i = 0; i < fixes.size(); i++) {
                body.append(i == 0 ? "" : ",").append(fixes.get(i).json());
            }
            return body.append(']').toString();
        }
    }

    /** When a car truly crossed a virtual line: its unnoised path met the line at {@code at}. */
    public record Truth(int car, String point, Instant at) {
    }

    /**
     * How a car moves along a leg: through knots (a time in epoch ms, a km of the leg), its speed swinging smoothly
     * between each two around their average ({@code swing}, a share of it), so it is at each knot's km at the knot's time
     * exactly. Between knots {@code t0 → t1} with {@code u} the share of the time gone: km = k0 + Δkm · (u + A · sin(2πnu)
     * / (2πn)), n whole swings in the stretch: the speed is the average times 1 + A · cos(2πnu), never below 1 − A.
     */
    public static final class Drive {
        private final long[] ms;
        private final double[] km;
        private final double swing;

        public Drive(List<Long> timesMs, List<Double> kms, double swing) {
            int n = timesMs.size();
            ms = new long[n];
            km = new double[n];
            for (int i = 0; i < n; i++) {
                // a car does not go back: a km below the last (a leg's generated points bunched at its end) holds it
                ms[i] = i == 0 ? timesMs.get(i) : Math.max(timesMs.get(i), ms[i - 1] + 1);
                km[i] = i == 0 ? kms.get(i) : Math.max(kms.get(i), km[i - 1]);
            }
            if (swing < 0 || swing >= 1) {
                throw new IllegalArgumentException("a swing is a share below 1");
            }
            this.swing = swing;
        }

        /** A steady drive for the benchmark: from {@code startKm} at {@code startMs}, a minute at a time at 80–120 % of {@code kmh}. */
        public static Drive steady(long startMs, double startKm, double kmh, long durationMs, double swing, Random random) {
            List<Long> times = new ArrayList<>();
            List<Double> kms = new ArrayList<>();
            long t = startMs;
            double k = startKm;
            times.add(t);
            kms.add(k);
            while (t < startMs + durationMs) {
                k += kmh * (0.8 + 0.4 * random.nextDouble()) / 60.0;
                t += 60_000;
                times.add(t);
                kms.add(k);
            }
            return new Drive(times, kms, swing);
        }

        public long startMs() {
            return ms[0];
        }

        public long endMs() {
            return ms[ms.length - 1];
        }

        private int segment(double t) {
            int i = 0;
            while (i < ms.length - 2 && t >= ms[i + 1]) {
                i++;
            }
            return i;
        }

        private int cycles(int i) {
            return (int) Math.max(1, Math.round((ms[i + 1] - ms[i]) / (double) SWING_MS));
        }

        /**
         * The km of the leg at a time (epoch ms): before the first knot at its km (waiting at the start); after the last
         * going on at the last stretch's average (a car that retires after its last point seen drives past it first).
         */
        public double kmAt(double t) {
            if (ms.length == 1 || t <= ms[0]) {
                return km[0];
            }
            int last = ms.length - 1;
            if (t >= ms[last]) {
                return km[last] + lastSpeed() * (t - ms[last]) / 1000.0;
            }
            int i = segment(t);
            double u = (t - ms[i]) / (ms[i + 1] - ms[i]);
            double w = 2 * Math.PI * cycles(i);
            return km[i] + (km[i + 1] - km[i]) * (u + swing * Math.sin(w * u) / w);
        }

        /** The last stretch's average speed, km of the leg a second. */
        private double lastSpeed() {
            int last = ms.length - 1;
            return last == 0 ? 0 : (km[last] - km[last - 1]) / ((ms[last] - ms[last - 1]) / 1000.0);
        }

        /** The speed at a time, km of the leg per second. */
        public double kmPerSecond(double t) {
            if (ms.length == 1 || t < ms[0]) {
                return 0;
            }
            if (t > ms[ms.length - 1]) {
                return lastSpeed();
            }
            int i = segment(t);
            double u = (t - ms[i]) / (ms[i + 1] - ms[i]);
            return (km[i + 1] - km[i]) / ((ms[i + 1] - ms[i]) / 1000.0) * (1 + swing * Math.cos(2 * Math.PI * cycles(i) * u));
        }

        /** When the car is first at a km of the leg (epoch ms, to the microsecond), or NaN when it never gets there by its last knot. */
        public double timeAt(double target) {
            if (target < km[0] || target > km[km.length - 1]) {
                return Double.NaN;
            }
            for (int i = 0; i < ms.length - 1; i++) {
                if (target <= km[i + 1]) {
                    if (target <= km[i]) {
                        return ms[i];
                    }
                    double lo = ms[i];
                    double hi = ms[i + 1];
                    while (hi - lo > 1e-3) { // km grows with time: bisect
                        double mid = (lo + hi) / 2;
                        if (kmAt(mid) < target) {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    return hi;
                }
            }
            return ms[0];
        }
    }

    /**
     * A car's fixes every period from {@code fromMs} to {@code toMs} (race time, epoch ms; whole periods, as a receiver's
     * epochs fall), each its true place on the path with Gaussian noise of σ on each axis.
     */
    public static List<Fix> fixes(RoutePath path, Drive drive, Rate rate, long fromMs, long toMs, Random noise) {
        List<Fix> fixes = new ArrayList<>();
        long period = rate.periodMs();
        for (long t = Math.floorDiv(fromMs + period - 1, period) * period; t <= toMs; t += period) {
            fixes.add(fix(path, drive, rate, t, noise));
        }
        return fixes;
    }

    /** One fix at a time: where the car truly is, moved by the receiver's noise; its true speed and heading. */
    static Fix fix(RoutePath path, Drive drive, Rate rate, long t, Random noise) {
        double km = drive.kmAt(t);
        RoutePath.Place place = path.at(km);
        double[] noisy = RoutePath.offset(place.lat(), place.lon(), noise.nextGaussian() * rate.sigmaM, noise.nextGaussian() * rate.sigmaM);
        double speed = drive.kmPerSecond(t) * path.metresPerKm(km);
        return new Fix(Instant.ofEpochMilli(t), noisy[0], noisy[1], Math.min(150, speed), place.headingDeg(), rate.accuracyM(), rate.source);
    }

    private final String raceId;
    private final Rate rate;
    private final List<Batch> batches = new ArrayList<>();
    private final List<Truth> truths = new ArrayList<>();
    private int next;
    private IntFunction<Api> units = car -> {
        throw new IllegalStateException("no crew tokens given: call tokens(…) first");
    };

    /**
     * The fixes of a race's cars around its virtual points ({@link RaceFeed#virtualPoints}), at {@code rate}; deterministic
     * for a seed. Each car drives each leg with a virtual point through its true visits of that leg's points.
     */
    public GpsFeed(RaceFeed feed, Rate rate, long seed) {
        this.raceId = feed.race().raceId;
        this.rate = rate;
        JsonNode definition = feed.race().definition;
        var virtual = RaceFeed.virtualPoints(definition);
        Map<Integer, RoutePath> paths = new HashMap<>();
        Map<String, List<RaceFeed.Visited>> byCarAndLeg = new LinkedHashMap<>();
        for (RaceFeed.Visited v : feed.visits()) {
            byCarAndLeg.computeIfAbsent(v.car() + "/" + v.leg(), k -> new ArrayList<>()).add(v);
        }
        for (List<RaceFeed.Visited> stretch : byCarAndLeg.values()) {
            if (stretch.stream().noneMatch(v -> virtual.contains(v.point()))) {
                continue;
            }
            int car = stretch.get(0).car();
            int leg = stretch.get(0).leg();
            RoutePath path = paths.computeIfAbsent(leg, n -> RoutePath.of(definition.get("legs").get(n - 1)));
            Random random = new Random(seed * 1_000_003L + car * 31L + leg);
            Drive drive = new Drive(stretch.stream().map(v -> v.at().toEpochMilli()).toList(),
                    stretch.stream().map(RaceFeed.Visited::km).toList(), MIN_SWING + (MAX_SWING - MIN_SWING) * random.nextDouble());
            // the windows around the lines the car crosses, merged where they overlap
            List<long[]> windows = new ArrayList<>();
            for (RaceFeed.Visited v : stretch) {
                if (virtual.contains(v.point())) {
                    truths.add(new Truth(car, v.point(), v.at()));
                    long from = v.at().toEpochMilli() - BEFORE_MS;
                    long to = v.at().toEpochMilli() + AFTER_MS;
                    if (!windows.isEmpty() && from <= windows.get(windows.size() - 1)[1]) {
                        windows.get(windows.size() - 1)[1] = to;
                    } else {
                        windows.add(new long[] { from, to });
                    }
                }
            }
            for (long[] w : windows) {
                for (long from = w[0]; from <= w[1]; from += BATCH_MS) {
                    long to = Math.min(w[1], from + BATCH_MS - 1);
                    List<Fix> fixes = fixes(path, drive, rate, from, to, random);
                    if (!fixes.isEmpty()) {
                        batches.add(new Batch(car, fixes.get(fixes.size() - 1).time(), fixes));
                    }
                }
            }
        }
        batches.sort(Comparator.comparing(Batch::availableAt).thenComparing(Batch::car));
        truths.sort(Comparator.comparing(Truth::at));
    }

    public Rate rate() {
        return rate;
    }

    public List<Batch> batches() {
        return batches;
    }

    /** Every true crossing of a virtual line by a car, in time order. */
    public List<Truth> truths() {
        return truths;
    }

    public int fixCount() {
        return batches.stream().mapToInt(b -> b.fixes().size()).sum();
    }

    /** The crew's client of each car (its crew token: route's {@code POST …/devices {device, car}} or {@code deploy/issue-token --role crew}). */
    public GpsFeed tokens(IntFunction<Api> units) {
        this.units = units;
        return this;
    }

    /** Whether every batch has been sent. */
    public boolean done() {
        return next >= batches.size();
    }

    /** When the next batch can be sent (race time), or null when none is left. */
    public Instant nextAt() {
        return done() ? null : batches.get(next).availableAt();
    }

    /**
     * Sends every batch available by {@code now} (race time; null: all of them), four cars at once, each again after a
     * failure (a 503 when Kafka did not acknowledge, a network fault) as a unit does: fixes are idempotent by their time.
     * Returns how many fixes were sent.
     */
    public int sendDue(Instant now, String timingUrl, ExecutorService pool, BooleanSupplier running) {
        List<Future<?>> sent = new ArrayList<>();
        int fixes = 0;
        // a unit sends its batches one after the other, oldest first (as the crew app does): the stream processor takes a
        // car's fixes in the order they come, and leaves out one older than the car's last (docs/rules.md, "A car's track")
        Map<Integer, List<Batch>> byCar = new LinkedHashMap<>();
        while (!done() && (now == null || !batches.get(next).availableAt().isAfter(now)) && running.getAsBoolean()) {
            Batch batch = batches.get(next++);
            fixes += batch.fixes().size();
            byCar.computeIfAbsent(batch.car(), car -> new ArrayList<>()).add(batch);
        }
        for (Map.Entry<Integer, List<Batch>> car : byCar.entrySet()) {
            String url = timingUrl + "/api/races/" + raceId + "/cars/" + car.getKey() + "/fixes";
            Api unit = units.apply(car.getKey());
            sent.add(pool.submit(() -> car.getValue().forEach(batch -> send(unit, url, batch.json(), running))));
        }
        for (Future<?> f : sent) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("a batch of fixes failed: " + e.getMessage(), e);
            }
        }
        return fixes;
    }

    /** A pool for {@link #sendDue}. */
    public static ExecutorService pool() {
        return Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "gps-units");
            t.setDaemon(true);
            return t;
        });
    }

    private static void send(Api unit, String url, String body, BooleanSupplier running) {
        while (running.getAsBoolean()) {
            try {
                Api.Reply reply = unit.send("POST", url, body);
                if (reply.status() == 202) {
                    return;
                }
                if (reply.status() / 100 == 4) {
                    throw new IllegalStateException("fixes refused: " + reply.status() + " " + reply.body());
                }
                System.out.println("[gps] fixes answered " + reply.status() + "; sending again in 1 s");
            } catch (IllegalStateException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("fixes refused")) {
                    throw e;
                }
                System.out.println("[gps] fixes upload failed (" + e.getMessage() + "); sending again in 1 s");
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
