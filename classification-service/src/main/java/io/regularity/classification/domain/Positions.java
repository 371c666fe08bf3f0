package io.regularity.classification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.regularity.classification.domain.RaceDefinition.Leg;
import io.regularity.classification.domain.RaceDefinition.TimingPoint;
import io.regularity.classification.domain.RaceDefinition.Town;
import io.regularity.classification.domain.RaceDefinition.Trial;
import io.regularity.classification.domain.RaceDefinition.TrialType;
import io.regularity.support.geo.Along;

/**
 * Where every running car of a leg is now (docs/rules.md, Where a car is now): at its last counted crossing, then moving
 * toward the next timing point at the speed its trials impose on that stretch, stopped there until it is seen crossing
 * it. From the facts and the clock only.
 */
public final class Positions {

    /** The speed outside any trial: a regularity transfer's usual average. */
    public static final double TRANSFER_KMH = 50;

    /** A crew on the leg and its passages there (voided ones are skipped); its band, for the averages and durations by band. */
    public record Runner(int car, String crew, List<PassageFact> passages, String band) {

        /** A crew without a band. */
        public Runner(int car, String crew, List<PassageFact> passages) {
            this(car, crew, passages, null);
        }
    }

    /**
     * A car's position: the crossing it is estimated from ({@code point}, {@code crossedAt}, {@code crossedKm}), where it
     * is at {@code at} ({@code km}, {@code lat}, {@code lon}; {@code estimated} once past the crossing), the speed it is
     * moved at and the km it stops at ({@code untilKm}, the next timing point): a client moves it on by itself. On a
     * circuit, {@code lap} and km on the lap.
     */
    public record Position(int car, String crew, String point, Instant crossedAt, double crossedKm, double km, Double lat, Double lon,
            boolean estimated, double speedKmh, double untilKm, Integer lap, Instant at, Instant fixAt, Long ageMs, Double speedMs,
            Double headingDeg, Double accuracyM) {

        /** A position estimated from the crossings alone. */
        public Position(int car, String crew, String point, Instant crossedAt, double crossedKm, double km, Double lat, Double lon,
                boolean estimated, double speedKmh, double untilKm, Integer lap, Instant at) {
            this(car, crew, point, crossedAt, crossedKm, km, lat, lon, estimated, speedKmh, untilKm, lap, at, null, null, null, null, null);
        }

        /** This car placed by its fix: its place, its time and age, what it said of speed, heading, accuracy; {@code km} along the leg. */
        Position placedBy(Fix fix, double fixKm) {
            return new Position(car, crew, point, crossedAt, crossedKm, fixKm, fix.lat(), fix.lon(), false, speedKmh, untilKm, lap, at,
                    fix.time(), Math.max(0, Duration.between(fix.time(), at).toMillis()), fix.speedMs(), fix.headingDeg(), fix.accuracyM());
        }
    }

    /**
     * A car's fix as its crew's phone or receiver sent it (topic {@code fixes}): where it was at {@code time}, and what the fix
     * said of its speed (m/s), heading (degrees from north) and horizontal accuracy (m), null where it said nothing.
     */
    public record Fix(int car, Instant time, double lat, double lon, Double speedMs, Double headingDeg, Double accuracyM, Instant receivedAt) {
    }

    private Positions() {
    }

    public static List<Position> of(Leg leg, List<Runner> runners, Instant now, long duplicateWindowMs) {
        Map<String, Double> kms = new HashMap<>();
        for (TimingPoint p : leg.timingPoints()) {
            if (p.km() != null) {
                kms.put(p.id(), p.km());
            }
        }
        if (leg.circuit() && leg.startPoint() != null) {
            kms.putIfAbsent(leg.startPoint(), 0.0);
        }
        List<Double> stops = kms.values().stream().distinct().sorted().toList();
        Double lapKm = leg.circuit() && leg.distanceKm() != null ? leg.distanceKm() / leg.lapCount() : null;
        List<Along.Place> places = places(leg);
        List<Position> positions = new ArrayList<>();
        for (Runner r : runners) {
            Optional<PassageFact> last = r.passages().stream().filter(p -> !p.voided() && kms.containsKey(p.point()))
                    .max(Comparator.comparing(PassageFact::officialTime));
            if (last.isEmpty()) {
                continue;
            }
            double from = kms.get(last.get().point());
            Integer lap = leg.circuit() ? lapOf(r.passages(), leg.startPoint(), duplicateWindowMs) : null;
            boolean finished = leg.circuit() && lap != null && lap > leg.lapCount();
            double until = finished ? from : stops.stream().filter(k -> k > from).findFirst()
                    .orElse(lapKm != null && lapKm > from ? lapKm : from);
            double speed = speed(leg, kms, from, until, r.band());
            double hours = Math.max(0, Duration.between(last.get().officialTime(), now).toMillis()) / 3_600_000.0;
            double km = Math.min(from + speed * hours, until);
            double[] at = places.isEmpty() ? null : Along.at(places, km, lapKm);
            positions.add(new Position(r.car(), r.crew(), last.get().point(), last.get().officialTime(), from, round(km),
                    at == null ? null : at[1], at == null ? null : at[0], km > from, speed, until, lap == null ? null : Math.min(lap,
                            leg.lapCount()), now));
        }
        positions.sort(Comparator.comparingInt(Position::car));
        return positions;
    }

    /**
     * The positions with every car whose latest fix is at most {@code maxAge} old (against {@code now}) placed by it
     * (docs/rules.md, Where a car is now): {@code estimated} false, the fix's place, time ({@code fixAt}) and age
     * ({@code ageMs}), speed, heading and accuracy, and {@code km} the fix brought onto the leg's towns (the nearest point of
     * the line through them; without towns, the last crossing's km). What the crossing says stays as it was. A car with no
     * fix, or an older one, keeps its estimate.
     */
    public static List<Position> placedByFixes(Leg leg, List<Position> positions, Map<Integer, Fix> fixes, Instant now, Duration maxAge) {
        if (fixes.isEmpty()) {
            return positions;
        }
        Double lapKm = leg.circuit() && leg.distanceKm() != null ? leg.distanceKm() / leg.lapCount() : null;
        List<Along.Place> places = places(leg);
        List<Position> placed = new ArrayList<>(positions.size());
        for (Position p : positions) {
            Fix fix = fixes.get(p.car());
            if (fix == null || fix.time().isBefore(now.minus(maxAge))) {
                placed.add(p);
            } else {
                placed.add(p.placedBy(fix, places.size() < 2 ? p.crossedKm() : round(kmNear(places, fix.lat(), fix.lon(), lapKm))));
            }
        }
        return placed;
    }

    /** The km of the point nearest to (lat, lon) on the line through the places (km order; on a circuit, closed at {@code lapKm}). */
    static double kmNear(List<Along.Place> places, double lat, double lon, Double lapKm) {
        double k = Math.cos(Math.toRadians(lat));
        double best = Double.MAX_VALUE;
        double km = places.get(0).km();
        int segments = places.size() - 1 + (lapKm != null && lapKm > places.get(places.size() - 1).km() ? 1 : 0);
        for (int i = 0; i < segments; i++) {
            Along.Place a = places.get(i);
            Along.Place b = places.get((i + 1) % places.size());
            double bKm = i + 1 < places.size() ? b.km() : lapKm;
            double ax = a.lon() * k, ay = a.lat(), bx = b.lon() * k, by = b.lat(), px = lon * k, py = lat;
            double dx = bx - ax, dy = by - ay;
            double length = dx * dx + dy * dy;
            double t = length == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
            double ex = ax + t * dx - px, ey = ay + t * dy - py;
            double distance = ex * ex + ey * ey;
            if (distance < best) {
                best = distance;
                km = a.km() + t * (bKm - a.km());
            }
        }
        return km;
    }

    private static List<Along.Place> places(Leg leg) {
        return (leg.towns() == null ? List.<Town>of() : leg.towns()).stream()
                .filter(t -> t.km() != null && t.lat() != null && t.lon() != null)
                .sorted(Comparator.comparingDouble(Town::km)).map(t -> new Along.Place(t.km(), t.lon(), t.lat())).toList();
    }

    /**
     * The speed the trials impose between two km of the leg on a crew of {@code band}: a PC's, a PM's (its band's average) or
     * a CO's (its band's duration) covering it, else the transfer's.
     */
    static double speed(Leg leg, Map<String, Double> kms, double from, double until, String band) {
        for (Trial t : leg.trials()) {
            Double start = kms.get(t.start());
            Double finish = kms.get(t.finish());
            if (t.type() == TrialType.PC && start != null && finish != null && t.targetMs() != null && t.targetMs() > 0 && finish > start
                    && start <= from && finish >= until) {
                return (finish - start) / (t.targetMs() / 3_600_000.0);
            }
        }
        for (Trial t : leg.trials()) {
            Double start = kms.get(t.start());
            Double end = t.detections() == null ? null : t.detections().stream().map(d -> kms.get(d.point())).filter(k -> k != null)
                    .max(Double::compare).orElse(null);
            if (t.type() == TrialType.PM && start != null && end != null && t.averageKmhFor(band) != null && start <= from && end >= until) {
                return t.averageKmhFor(band);
            }
        }
        for (Trial t : leg.trials()) {
            Double reference = kms.get(t.from());
            Double point = kms.get(t.point());
            Integer minutes = t.durationMinutesFor(band);
            if (t.type() == TrialType.CO && reference != null && point != null && minutes != null && minutes > 0
                    && point > reference && reference <= from && point >= until) {
                return (point - reference) / (minutes / 60.0);
            }
        }
        return TRANSFER_KMH;
    }

    /** How many times a car crossed the lap line (crossings within the duplicate window of the one before fold into it). */
    static int lapOf(List<PassageFact> passages, String line, long duplicateWindowMs) {
        List<Instant> times = passages.stream().filter(p -> !p.voided() && p.point().equals(line)).map(PassageFact::officialTime).sorted()
                .toList();
        int laps = 0;
        Instant kept = null;
        for (Instant t : times) {
            if (kept == null || Duration.between(kept, t).toMillis() > duplicateWindowMs) {
                laps++;
                kept = t;
            }
        }
        return laps;
    }

    private static double round(double km) {
        return Math.round(km * 1000) / 1000.0;
    }
}
