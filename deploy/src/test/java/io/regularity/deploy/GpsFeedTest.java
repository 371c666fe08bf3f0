package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.GpsFeed;
import io.regularity.deploy.demo.GpsFeed.Drive;
import io.regularity.deploy.demo.GpsFeed.Rate;
import io.regularity.deploy.demo.GpsMeasure;
import io.regularity.deploy.demo.RaceFeed;
import io.regularity.deploy.demo.RoutePath;

/**
 * The cars' GPS in the simulator (issue 39): the smooth path through the towns, the virtual lines placed on it, the
 * drive through the feed's true times, the receiver's noise and what it reports, the truth, and the measure's statistics.
 * The lines are checked with rules.md's crossing of a virtual line, written here apart from timing-service (its own
 * arithmetic, as the Referee's): {@link VirtualLine}.
 */
class GpsFeedTest {

    static final DemoRace PLAIN = DemoRace.generate(30, 2023);
    static final DemoRace VIRTUAL = PLAIN.withVirtualPm();
    static final RaceFeed FEED = new RaceFeed(VIRTUAL, 2023);
    /** The leg of the PM measured at virtual lines: the one whose path is most like the road (PM5, on leg 3). */
    static final int LEG = 3;

    @Test
    void thePathRunsThroughEveryTownSmoothly() {
        for (JsonNode leg : PLAIN.definition.get("legs")) {
            RoutePath path = RoutePath.of(leg);
            double straight = 0;
            JsonNode previous = null;
            for (JsonNode town : leg.get("towns")) {
                RoutePath.Place at = path.at(town.get("km").asDouble());
                double off = RoutePath.distanceM(at.lat(), at.lon(), town.get("lat").asDouble(), town.get("lon").asDouble());
                assertTrue(off < 0.5, town.get("name").asText() + " is on the path: " + off + " m off");
                if (previous != null) {
                    straight += RoutePath.distanceM(previous.get("lat").asDouble(), previous.get("lon").asDouble(), town.get("lat").asDouble(),
                            town.get("lon").asDouble());
                }
                previous = town;
            }
            assertTrue(path.lengthM() >= straight && path.lengthM() < 1.5 * straight, "a smooth path, not a detour: " + path.lengthM() + " m");
            assertTrue(path.lengthM() <= leg.get("distanceKm").asDouble() * 1000, "the road is the longer");
            // no kink: the heading turns little from one 20 m chord to the next, and the path goes on where it was
            double worst = 0;
            RoutePath.Place last = path.atMetres(0);
            for (double s = 10; s < path.lengthM(); s += 10) {
                RoutePath.Place p = path.atMetres(s);
                double step = RoutePath.distanceM(last.lat(), last.lon(), p.lat(), p.lon());
                assertTrue(step > 9.9 && step <= 10.001, "sampled by distance: " + step + " m at " + s);
                worst = Math.max(worst, turn(last.headingDeg(), p.headingDeg()));
                last = p;
            }
            // (a town where the road doubles back, Gussago before Brescia, turns the most: some 9° in 10 m, a 65 m radius)
            assertTrue(worst < 15, "leg " + leg.get("number") + ": the heading turns at most " + worst + "° in 10 m");
        }
    }

    @Test
    void theKmOfTheLegMapOntoThePathInOrder() {
        RoutePath path = RoutePath.of(PLAIN.definition.get("legs").get(0));
        double last = -1;
        for (double km = 0; km <= 480; km += 0.25) {
            double s = path.metresAt(km);
            assertTrue(s > last || km == 0, "further along at km " + km);
            last = s;
        }
        assertEquals(path.lengthM(), path.metresAt(480), 1e-6);
    }

    @Test
    void theFirstPmOfTheMigliaIsMeasuredAtVirtualLinesOnThePathAndNothingElseChanges() {
        Set<String> virtual = RaceFeed.virtualPoints(VIRTUAL.definition);
        JsonNode leg = VIRTUAL.definition.get("legs").get(LEG - 1);
        JsonNode pm = null;
        for (JsonNode t : leg.get("trials")) {
            if (t.get("type").asText().equals("PM") && virtual.contains(t.get("start").asText())) {
                pm = t;
            }
        }
        assertEquals(1 + pm.get("detections").size(), virtual.size(), "its start and each detection");
        assertTrue(virtual.contains(pm.get("start").asText()));
        RoutePath path = RoutePath.of(leg);
        for (JsonNode p : leg.get("timingPoints")) {
            if (virtual.contains(p.get("id").asText())) {
                JsonNode line = p.get("virtual");
                RoutePath.Place at = path.at(p.get("km").asDouble());
                assertTrue(RoutePath.distanceM(at.lat(), at.lon(), line.get("lat").asDouble(), line.get("lon").asDouble()) < 0.02, "on the path");
                assertEquals(at.headingDeg(), line.get("bearingDeg").asDouble(), 0.006, "across the path's heading");
                assertTrue(new VirtualLine(line.get("lat").asDouble(), line.get("lon").asDouble(), line.get("bearingDeg").asDouble(),
                        line.get("widthM").asDouble()).valid(), "a line route-service takes");
            }
        }
        // without the virtual lines it is the plain race, and the feed the plain feed without the hoses at the lines
        ObjectNode stripped = VIRTUAL.definition.deepCopy();
        stripped.get("legs").forEach(l -> l.get("timingPoints").forEach(p -> ((ObjectNode) p).remove("virtual")));
        assertEquals(PLAIN.definition, stripped);
        assertEquals(new RaceFeed(PLAIN, 2023).crossings().stream().filter(c -> !virtual.contains(c.point())).toList(), FEED.crossings());
        assertTrue(RaceFeed.virtualPoints(PLAIN.definition).isEmpty(), "without --gps no point is virtual");
    }

    @Test
    void aDriveIsAtEachKnotAtItsTimeAndItsSpeedSwingsBetween() {
        Drive drive = new Drive(List.of(0L, 600_000L, 660_000L), List.of(0.0, 8.0, 8.5), 0.3);
        assertEquals(0.0, drive.kmAt(0), 1e-9);
        assertEquals(8.0, drive.kmAt(600_000), 1e-9);
        assertEquals(8.5, drive.kmAt(660_000), 1e-9);
        assertEquals(600_000, drive.timeAt(8.0), 0.01);
        double average = 8.0 / 600; // km/s
        double slowest = Double.MAX_VALUE;
        double fastest = 0;
        double last = -1;
        for (long t = 0; t < 600_000; t += 500) {
            double km = drive.kmAt(t);
            assertTrue(km > last, "never back, never still");
            last = km;
            assertEquals(t, drive.timeAt(km), 0.01, "the truth's inverse");
            slowest = Math.min(slowest, drive.kmPerSecond(t));
            fastest = Math.max(fastest, drive.kmPerSecond(t));
        }
        assertEquals(0.7 * average, slowest, 0.01 * average, "30 % slower at times");
        assertEquals(1.3 * average, fastest, 0.01 * average, "30 % faster at times");
        assertTrue(Double.isNaN(drive.timeAt(9.0)), "not by its last knot");
        assertEquals(8.5 + 0.5 / 60 * 30, drive.kmAt(690_000), 1e-9, "past it, on at the last stretch's average");
    }

    @Test
    void theFixesCarryTheReceiversNoiseAndAnHonestAccuracy() {
        RoutePath path = RoutePath.of(PLAIN.definition.get("legs").get(0));
        Drive drive = Drive.steady(0, 30, 45, 3_600_000, 0.25, new Random(1));
        for (Rate rate : Rate.values()) {
            Random noise = new Random(7);
            List<GpsFeed.Fix> fixes = GpsFeed.fixes(path, drive, rate, 0, rate == Rate.ONE_HZ ? 3_600_000 : 600_000, noise);
            double sumEast = 0;
            double sumSqEast = 0;
            double sumSqNorth = 0;
            int inside = 0;
            for (GpsFeed.Fix f : fixes) {
                RoutePath.Place truth = path.at(drive.kmAt(f.time().toEpochMilli()));
                double east = Math.toRadians(f.lon() - truth.lon()) * Math.cos(Math.toRadians(truth.lat())) * RoutePath.EARTH_RADIUS_M;
                double north = Math.toRadians(f.lat() - truth.lat()) * RoutePath.EARTH_RADIUS_M;
                sumEast += east;
                sumSqEast += east * east;
                sumSqNorth += north * north;
                if (Math.hypot(east, north) <= f.accuracyM()) {
                    inside++;
                }
                assertEquals(rate.source, f.source());
                assertTrue(f.speedMs() > 5 && f.speedMs() < 20, "a car's speed on the path: " + f.speedMs());
            }
            int n = fixes.size();
            assertEquals(rate == Rate.ONE_HZ ? 3601 : 6001, n, "one fix every period, on the period");
            assertEquals(0, sumEast / n, 0.1 * rate.sigmaM, "no bias");
            assertEquals(rate.sigmaM, Math.sqrt(sumSqEast / n), 0.05 * rate.sigmaM, "σ east");
            assertEquals(rate.sigmaM, Math.sqrt(sumSqNorth / n), 0.05 * rate.sigmaM, "σ north");
            assertEquals(95.0, 100.0 * inside / n, 1.5, rate + ": the accuracy reported holds 95 % of the fixes");
        }
        assertEquals(7.3, Rate.ONE_HZ.accuracyM());
        assertEquals(2.4, Rate.TEN_HZ.accuracyM());
    }

    @Test
    void theTruthIsWhereTheNoiselessPathMeetsTheLineAsTimingFindsIt() {
        GpsFeed noiseless = new GpsFeed(FEED, Rate.TEN_HZ, 2023);
        Map<String, VirtualLine> lines = lines(VIRTUAL);
        RoutePath path = RoutePath.of(VIRTUAL.definition.get("legs").get(LEG - 1));
        Map<Integer, List<RaceFeed.Visited>> legOne = new HashMap<>();
        FEED.visits().stream().filter(v -> v.leg() == LEG).forEach(v -> legOne.computeIfAbsent(v.car(), k -> new ArrayList<>()).add(v));
        int checked = 0;
        for (GpsFeed.Truth truth : noiseless.truths()) {
            List<RaceFeed.Visited> stretch = legOne.get(truth.car());
            Drive drive = new Drive(stretch.stream().map(v -> v.at().toEpochMilli()).toList(), stretch.stream().map(RaceFeed.Visited::km).toList(), 0.3);
            long t = truth.at().toEpochMilli();
            for (long period : new long[] { 100, 1000 }) {
                // the fixes either side (a truth on a fix's time, with the line's centre rounded to the centimetre, may fall
                // in the pair before): the trace crosses once
                long a = Math.floorDiv(t, period) * period;
                List<VirtualLine.Crossing> found = new ArrayList<>();
                for (long from = a - period; from <= a; from += period) {
                    lines.get(truth.point()).crossing(exact(path, drive, from), exact(path, drive, from + period)).ifPresent(found::add);
                }
                assertEquals(1, found.size(), "car " + truth.car() + " crosses " + truth.point() + " once");
                assertEquals(t, found.get(0).time().toEpochMilli(), period == 100 ? 1 : 3, "at the true time");
            }
            checked++;
        }
        assertTrue(checked >= 100, "every car's crossings: " + checked);
    }

    @Test
    void eachCarSendsItsFixesAroundEachLineInBatches() {
        GpsFeed units = new GpsFeed(FEED, Rate.ONE_HZ, 2023);
        assertEquals(units.truths().size(), FEED.visits().stream().filter(v -> RaceFeed.virtualPoints(VIRTUAL.definition).contains(v.point())).count());
        Instant last = Instant.MIN;
        for (GpsFeed.Batch b : units.batches()) {
            assertFalse(b.availableAt().isBefore(last), "in the order they can be sent");
            last = b.availableAt();
            assertEquals(b.fixes().get(b.fixes().size() - 1).time(), b.availableAt());
            assertTrue(b.fixes().size() <= 10, "at most 10 s of fixes a batch");
            JsonNode body = read(b.json());
            assertEquals(b.fixes().size(), body.size());
            assertEquals(7.3, body.get(0).get("accuracyM").asDouble());
            assertEquals("PHONE", body.get(0).get("source").asText());
        }
        for (GpsFeed.Truth truth : units.truths()) {
            long around = units.batches().stream().filter(b -> b.car() == truth.car()).flatMap(b -> b.fixes().stream())
                    .filter(f -> Math.abs(f.time().toEpochMilli() - truth.at().toEpochMilli()) <= 5_000).count();
            assertTrue(around >= 10, "fixes either side of every crossing: " + around);
        }
        assertEquals(units.fixCount(), new GpsFeed(FEED, Rate.ONE_HZ, 2023).fixCount(), "deterministic");
    }

    @Test
    void theMeasureSaysFoundMissingRepeatedTheErrorsPercentilesAndTheHonestShare() {
        Instant t = Instant.parse("2023-06-13T08:00:00Z");
        List<GpsFeed.Truth> truths = new ArrayList<>();
        List<GpsMeasure.Measured> passages = new ArrayList<>();
        for (int car = 1; car <= 20; car++) {
            truths.add(new GpsFeed.Truth(car, "L1-P10", t));
            if (car <= 18) { // car c measured c × 10 ms late, saying ± 100 ms
                passages.add(measured(car, "L1-P10", t.plusMillis(car * 10L), 20.0, 80.0));
            }
        }
        passages.add(measured(1, "L1-P10", t.plusMillis(900), 20.0, 80.0)); // a second crossing, later: the earliest counts
        passages.add(measured(5, "L1-P11", t, 1.0, 1.0)); // car 5 never crossed L1-P11
        passages.add(measured(3, "L1-P10", t.minusMillis(5), 0.0, null)); // earlier, saying nothing of its clock: it counts
        GpsMeasure.Result r = GpsMeasure.of("1 Hz", truths, passages);
        assertEquals(20, r.truths());
        assertEquals(18, r.found());
        assertEquals(2, r.missing());
        assertEquals(2, r.repeated());
        assertEquals(1, r.extra());
        // |errors| counted: 10 (car 1), 20, 5 (car 3's earlier one), 40, …, 180: sorted 5, 10, 20, 40 … 180; p50 the 9th of 18, p95 the 18th
        assertEquals(90, r.p50Ms(), 1e-9);
        assertEquals(180, r.p95Ms(), 1e-9);
        assertEquals(180, r.maxMs(), 1e-9);
        // within 100 ms: cars 1, 2, 4 … 10 (9) and car 3's 5 ms against its 0 ms of uncertainty does not
        assertEquals(9, r.within());
        assertEquals(50.0, r.withinPercent(), 1e-9);
        assertTrue(r.toString().contains("p50 90 ms, p95 180 ms, max 180 ms"), r.toString());
        // the one where no car crossed, to be looked at
        List<GpsMeasure.Measured> extra = GpsMeasure.unmatched(truths, passages);
        assertEquals(1, extra.size());
        assertEquals(5, extra.get(0).car());
        assertEquals("L1-P11", extra.get(0).point());
    }

    /**
     * What timing's crossings of these fixes will be, pair by pair as rules.md computes them (the stream processor takes
     * each car's consecutive fixes): printed for the record at 1 and 10 Hz; every true crossing is found.
     */
    @Test
    void pairByPairTheServicesLineFindsEveryCrossing() {
        Map<String, VirtualLine> lines = lines(VIRTUAL);
        for (Rate rate : Rate.values()) {
            GpsFeed units = new GpsFeed(FEED, rate, 2023);
            Map<Integer, List<GpsFeed.Fix>> byCar = new HashMap<>();
            units.batches().forEach(b -> byCar.computeIfAbsent(b.car(), k -> new ArrayList<>()).addAll(b.fixes()));
            List<GpsMeasure.Measured> passages = new ArrayList<>();
            byCar.forEach((car, fixes) -> {
                for (int i = 0; i + 1 < fixes.size(); i++) {
                    VirtualLine.Fix a = fix(fixes.get(i));
                    VirtualLine.Fix b = fix(fixes.get(i + 1));
                    lines.forEach((point, line) -> line.crossing(a, b).ifPresent(c -> passages.add(new GpsMeasure.Measured(UUID.randomUUID(), car,
                            point, c.time(), "gps-" + car, c.precisionMs(), c.clockUncertaintyMs(), null, null))));
                }
            });
            GpsMeasure.Result r = GpsMeasure.of(rate.hz + " Hz", units.truths(), passages);
            System.out.println("[gps] pair by pair, " + r);
            assertEquals(r.truths(), r.found(), "every crossing found");
            assertEquals(0, r.extra());
            assertTrue(r.p95Ms() < (rate == Rate.ONE_HZ ? 1000 : 300), "within the fixes' reach: " + r);
        }
    }

    private static GpsMeasure.Measured measured(int car, String point, Instant at, Double precision, Double clock) {
        return new GpsMeasure.Measured(UUID.randomUUID(), car, point, at, "gps-" + car, precision, clock, at, null);
    }

    private static VirtualLine.Fix fix(GpsFeed.Fix f) {
        return new VirtualLine.Fix(f.time(), f.lat(), f.lon(), f.speedMs(), f.headingDeg(), f.accuracyM());
    }

    private static VirtualLine.Fix exact(RoutePath path, Drive drive, long t) {
        RoutePath.Place p = path.at(drive.kmAt(t));
        return new VirtualLine.Fix(Instant.ofEpochMilli(t), p.lat(), p.lon(), null, null, 1.0);
    }

    private static Map<String, VirtualLine> lines(DemoRace race) {
        Map<String, VirtualLine> lines = new HashMap<>();
        race.definition.get("legs").forEach(l -> l.get("timingPoints").forEach(p -> {
            if (p.has("virtual")) {
                JsonNode v = p.get("virtual");
                lines.put(p.get("id").asText(), new VirtualLine(v.get("lat").asDouble(), v.get("lon").asDouble(), v.get("bearingDeg").asDouble(),
                        v.get("widthM").asDouble()));
            }
        }));
        return lines;
    }

    /**
     * rules.md, A crossing from the car's GPS: a line {@code widthM} wide across the bearing; two fixes at most 5 s apart,
     * at least 1 m/s, accuracy at most 50 m, A before the line (or on it) and B past it along the bearing, the crossing
     * within widthM / 2 of the centre; its time t1 + f (t2 − t1), precision a Δt² / (8 v), clock uncertainty max(accuracy) / v.
     */
    record VirtualLine(double lat, double lon, double bearingDeg, double widthM) {
        record Fix(Instant time, double lat, double lon, Double speedMs, Double headingDeg, Double accuracyM) {
        }

        record Crossing(Instant time, double precisionMs, Double clockUncertaintyMs) {
        }

        boolean valid() {
            return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && bearingDeg >= 0 && bearingDeg < 360 && widthM >= 1 && widthM <= 200;
        }

        Optional<Crossing> crossing(Fix a, Fix b) {
            double dt = (b.time().toEpochMilli() - a.time().toEpochMilli()) / 1000.0;
            if (dt <= 0 || dt > 5 || a.accuracyM() > 50 || b.accuracyM() > 50) {
                return Optional.empty();
            }
            double[] pa = local(a);
            double[] pb = local(b);
            double sin = Math.sin(Math.toRadians(bearingDeg));
            double cos = Math.cos(Math.toRadians(bearingDeg));
            double alongA = pa[0] * sin + pa[1] * cos;
            double alongB = pb[0] * sin + pb[1] * cos;
            double v = Math.hypot(pb[0] - pa[0], pb[1] - pa[1]) / dt;
            if (!(alongA <= 0 && alongB > 0) || v < 1) {
                return Optional.empty();
            }
            double f = -alongA / (alongB - alongA);
            double east = pa[0] + f * (pb[0] - pa[0]);
            double north = pa[1] + f * (pb[1] - pa[1]);
            if (Math.abs(east * cos - north * sin) > widthM / 2) {
                return Optional.empty();
            }
            return Optional.of(new Crossing(Instant.ofEpochMilli(Math.round(a.time().toEpochMilli() + f * dt * 1000)), 4 * dt * dt / (8 * v) * 1000,
                    Math.max(a.accuracyM(), b.accuracyM()) / v * 1000));
        }

        private double[] local(Fix f) {
            return new double[] { Math.toRadians(f.lon() - lon) * Math.cos(Math.toRadians(lat)) * RoutePath.EARTH_RADIUS_M,
                    Math.toRadians(f.lat() - lat) * RoutePath.EARTH_RADIUS_M };
        }
    }

    private static JsonNode read(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static double turn(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return d > 180 ? 360 - d : d;
    }
}
