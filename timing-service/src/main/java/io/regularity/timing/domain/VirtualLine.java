package io.regularity.timing.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A virtual timing line (docs/rules.md, A crossing from the car's GPS): a segment {@code widthM} long centred on
 * ({@code lat}, {@code lon}), across a road whose heading there is {@code bearingDeg} (degrees clockwise from north).
 * {@link #crossing} finds where and when a car crossed it from two consecutive fixes, and how good that time is. Lines
 * near longitude 180° or the poles are out of scope (the races are in Europe).
 */
public record VirtualLine(double lat, double lon, double bearingDeg, double widthM) {

    /** The Earth's mean radius, metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;
    /** Two fixes further apart than this say nothing of when the car crossed. */
    public static final long MAX_FIX_GAP_MS = 5_000;
    /** Below this speed a car's movement is smaller than its fixes' noise. */
    public static final double MIN_SPEED_MS = 1.0;
    /** A position worse than this is not a satellite fix. */
    public static final double MAX_ACCURACY_M = 50.0;
    /** The acceleration or braking a car is taken to stay within between two fixes, m/s². */
    public static final double MAX_ACCELERATION_MS2 = 4.0;

    /**
     * A car's position at a moment, as its unit sends it: {@code speedMs}, {@code headingDeg} and {@code accuracyM}
     * (the horizontal accuracy) may be missing; the speed, when both fixes of a pair say one, is the pair's speed (else
     * their distance over their interval), the heading is evidence only.
     */
    public record Fix(Instant time, double lat, double lon, Double speedMs, Double headingDeg, Double accuracyM) {
    }

    /**
     * Where and when the car crossed: {@code fraction} of the way from the first fix to the second; {@code precisionMs}
     * what the constant speed between them may be off by, {@code clockUncertaintyMs} what their positions may be off by
     * (null when a fix does not say its accuracy).
     */
    public record Crossing(Instant time, double lat, double lon, double fraction, double precisionMs, Double clockUncertaintyMs) {
    }

    /** Whether the line's numbers are a line: what route-service's validator lets through. */
    public boolean valid() {
        return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && bearingDeg >= 0 && bearingDeg < 360 && widthM >= 1 && widthM <= 200;
    }

    /**
     * The crossing of this line by the car between fix {@code a} and the next fix {@code b}, in the road's direction;
     * empty when the pair does not cross it or does not count (more than {@link #MAX_FIX_GAP_MS} apart, slower than
     * {@link #MIN_SPEED_MS}, a fix less accurate than {@link #MAX_ACCURACY_M}). A fix exactly on the line belongs to the
     * pair it starts ({@code [a, b)}), so two pairs sharing it find one crossing.
     */
    public Optional<Crossing> crossing(Fix a, Fix b) {
        if (!valid() || !usable(a) || !usable(b)) {
            return Optional.empty();
        }
        Duration gap = Duration.between(a.time(), b.time());
        if (gap.isNegative() || gap.isZero() || gap.compareTo(Duration.ofMillis(MAX_FIX_GAP_MS)) > 0) {
            return Optional.empty();
        }
        long gapNanos = gap.toNanos();
        double[] pa = local(a), pb = local(b);
        double bearing = Math.toRadians(bearingDeg);
        // along the road (east, north) = (sin, cos); across it, to the right of the road's way: (cos, -sin)
        double alongA = pa[0] * Math.sin(bearing) + pa[1] * Math.cos(bearing);
        double alongB = pb[0] * Math.sin(bearing) + pb[1] * Math.cos(bearing);
        if (!(alongA <= 0 && alongB > 0)) {
            return Optional.empty(); // not reached, already past, or the other way
        }
        double seconds = gapNanos / 1e9;
        double speed = speed(a, b).orElse(Math.hypot(pb[0] - pa[0], pb[1] - pa[1]) / seconds);
        if (speed < MIN_SPEED_MS) {
            return Optional.empty();
        }
        double f = (0.0 - alongA) / (alongB - alongA); // 0.0 - : a fix on the line is at 0, not -0
        double east = pa[0] + f * (pb[0] - pa[0]);
        double north = pa[1] + f * (pb[1] - pa[1]);
        double across = east * Math.cos(bearing) - north * Math.sin(bearing);
        if (Math.abs(across) > widthM / 2) {
            return Optional.empty(); // beside the line
        }
        double t1Ms = a.time().getEpochSecond() * 1000.0 + a.time().getNano() / 1e6;
        Instant time = Instant.ofEpochMilli(Math.round(t1Ms + f * seconds * 1000));
        double precisionMs = tenth(MAX_ACCELERATION_MS2 * seconds * seconds / (8 * speed) * 1000);
        Double clockUncertaintyMs = a.accuracyM() == null || b.accuracyM() == null ? null
                : tenth(Math.max(a.accuracyM(), b.accuracyM()) / speed * 1000);
        double latAt = lat + Math.toDegrees(north / EARTH_RADIUS_M);
        double lonAt = lon + Math.toDegrees(east / (EARTH_RADIUS_M * Math.cos(Math.toRadians(lat))));
        return Optional.of(new Crossing(time, latAt, lonAt, f, precisionMs, clockUncertaintyMs));
    }

    /**
     * The speed both fixes say (their mean): a receiver's Doppler speed, steadier than two positions a few metres apart,
     * each off by its noise (at 10 Hz a car moves about as far between fixes as their noise); empty unless both say one.
     */
    private static Optional<Double> speed(Fix a, Fix b) {
        if (a.speedMs() == null || b.speedMs() == null || !Double.isFinite(a.speedMs()) || !Double.isFinite(b.speedMs())
                || a.speedMs() < 0 || b.speedMs() < 0) {
            return Optional.empty();
        }
        return Optional.of((a.speedMs() + b.speedMs()) / 2);
    }

    /** A fix the sums can use: a time, a place, and an accuracy (when it says one) of a satellite fix. */
    private static boolean usable(Fix fix) {
        if (fix == null || fix.time() == null || !Double.isFinite(fix.lat()) || !Double.isFinite(fix.lon())
                || Math.abs(fix.lat()) > 90 || Math.abs(fix.lon()) > 180) {
            return false;
        }
        Double accuracy = fix.accuracyM();
        return accuracy == null || (accuracy >= 0 && accuracy <= MAX_ACCURACY_M);
    }

    /** A fix's place in metres east and north of the line's centre (equirectangular, around the centre's latitude). */
    private double[] local(Fix fix) {
        double east = Math.toRadians(fix.lon() - lon) * Math.cos(Math.toRadians(lat)) * EARTH_RADIUS_M;
        double north = Math.toRadians(fix.lat() - lat) * EARTH_RADIUS_M;
        return new double[] { east, north };
    }

    private static double tenth(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
