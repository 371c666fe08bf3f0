package io.regularity.deploy.demo;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A leg's road as the simulator drives it: a smooth path through its towns' coordinates, the one geometry both the
 * demo's virtual timing lines ({@link DemoRace}) and the cars' GPS fixes ({@link GpsFeed}) are made from.
 *
 * <p>The path is a centripetal Catmull-Rom spline through the towns (alpha 0.5, Barry and Goldman's form: no cusps nor
 * self-intersections between close towns), computed on the sphere (the towns as points of a sphere of the Earth's mean
 * radius, each sample put back on it), then sampled every {@link #STEP_M} metres or less: the path is the polyline of
 * those samples, so a line placed across it at a sample's chord is crossed exactly where the path says. A leg's km
 * (the road's, longer than the smooth path) maps onto the path town by town: km {@code k} between town {@code i} (at
 * {@code k_i}) and the next lies the same share of the way along that stretch of path.
 */
public final class RoutePath {

    /** The Earth's mean radius, metres (what timing-service's VirtualLine uses). */
    public static final double EARTH_RADIUS_M = 6_371_008.8;
    /** The longest chord between two samples of the path, metres. */
    public static final double STEP_M = 20.0;

    /** Where the path is at a km of the leg, and which way it runs there (degrees clockwise from north). */
    public record Place(double lat, double lon, double headingDeg) {
    }

    private final double[] townKm;
    /** The sample index of each town. */
    private final int[] townSample;
    private final double[] lat;
    private final double[] lon;
    /** Metres along the path from its first town to each sample. */
    private final double[] along;

    /** A path through the towns: each {@code {lat, lon, km}}, in the leg's order, km not decreasing. */
    public RoutePath(List<double[]> towns) {
        if (towns.size() < 2) {
            throw new IllegalArgumentException("a path needs two towns at least");
        }
        int n = towns.size();
        double[][] p = new double[n][];
        townKm = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = xyz(towns.get(i)[0], towns.get(i)[1]);
            townKm[i] = towns.get(i)[2];
        }
        List<double[]> samples = new ArrayList<>();
        townSample = new int[n];
        for (int i = 0; i < n - 1; i++) {
            double[] p0 = i == 0 ? reflect(p[0], p[1]) : p[i - 1];
            double[] p3 = i + 2 >= n ? reflect(p[n - 1], p[n - 2]) : p[i + 2];
            townSample[i] = samples.size();
            int steps = Math.max(8, (int) Math.ceil(distance(p[i], p[i + 1]) * 1.6 / STEP_M));
            for (int k = 0; k < steps; k++) {
                samples.add(onSphere(catmullRom(p0, p[i], p[i + 1], p3, k / (double) steps)));
            }
        }
        townSample[n - 1] = samples.size();
        samples.add(p[n - 1]);
        lat = new double[samples.size()];
        lon = new double[samples.size()];
        along = new double[samples.size()];
        for (int j = 0; j < samples.size(); j++) {
            double[] q = samples.get(j);
            lat[j] = Math.toDegrees(Math.asin(q[2] / EARTH_RADIUS_M));
            lon[j] = Math.toDegrees(Math.atan2(q[1], q[0]));
            along[j] = j == 0 ? 0 : along[j - 1] + distance(samples.get(j - 1), q);
        }
    }

    /** The path of a leg of a race definition (or of the route data): its {@code towns}' lat, lon and km. */
    public static RoutePath of(JsonNode leg) {
        List<double[]> towns = new ArrayList<>();
        leg.get("towns").forEach(t -> towns.add(new double[] { t.get("lat").asDouble(), t.get("lon").asDouble(), t.get("km").asDouble() }));
        return new RoutePath(towns);
    }

    /** The path's length, metres. */
    public double lengthM() {
        return along[along.length - 1];
    }

    /** Metres along the path at a km of the leg (before the first town: its start; past the last: its end). */
    public double metresAt(double km) {
        int n = townKm.length;
        if (km <= townKm[0]) {
            return 0;
        }
        for (int i = 0; i < n - 1; i++) {
            if (km <= townKm[i + 1]) {
                double from = along[townSample[i]];
                double to = along[townSample[i + 1]];
                double span = townKm[i + 1] - townKm[i];
                return span <= 0 ? to : from + (km - townKm[i]) / span * (to - from);
            }
        }
        return lengthM();
    }

    /** Metres of path per km of the leg around a km: the smooth path is shorter than the road. */
    public double metresPerKm(double km) {
        int n = townKm.length;
        for (int i = 0; i < n - 1; i++) {
            if (km < townKm[i + 1] || i == n - 2) {
                double span = townKm[i + 1] - townKm[i];
                return span <= 0 ? 0 : (along[townSample[i + 1]] - along[townSample[i]]) / span;
            }
        }
        return 1000;
    }

    /** Where the path is at a km of the leg. */
    public Place at(double km) {
        return atMetres(metresAt(km));
    }

    /** Where the path is {@code s} metres from its start, and its heading there (the chord's it lies on). */
    public Place atMetres(double s) {
        int j = chord(s);
        double span = along[j + 1] - along[j];
        double f = span <= 0 ? 0 : Math.max(0, Math.min(1, (s - along[j]) / span));
        return new Place(lat[j] + f * (lat[j + 1] - lat[j]), lon[j] + f * (lon[j + 1] - lon[j]), bearing(lat[j], lon[j], lat[j + 1], lon[j + 1]));
    }

    /** The index of the chord holding {@code s}: the last sample at or before it (never the last sample). */
    private int chord(double s) {
        int lo = 0;
        int hi = along.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (along[mid] <= s) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        // a zero-length chord (two towns at one place) has no heading: take the next one that has a length
        while (lo < along.length - 2 && along[lo + 1] - along[lo] <= 0) {
            lo++;
        }
        return lo;
    }

    /**
     * The bearing from one place to another, degrees clockwise from north in [0, 360), in the flat plane around the first
     * (east = Δlon · cos(lat) · R, north = Δlat · R), as timing-service's VirtualLine measures.
     */
    public static double bearing(double lat1, double lon1, double lat2, double lon2) {
        double east = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians(lat1));
        double north = Math.toRadians(lat2 - lat1);
        double degrees = Math.toDegrees(Math.atan2(east, north));
        return degrees < 0 ? degrees + 360 : degrees >= 360 ? degrees - 360 : degrees;
    }

    /** A place moved {@code east} and {@code north} metres, in the flat plane around it. */
    public static double[] offset(double lat, double lon, double east, double north) {
        return new double[] { lat + Math.toDegrees(north / EARTH_RADIUS_M),
                lon + Math.toDegrees(east / (EARTH_RADIUS_M * Math.cos(Math.toRadians(lat)))) };
    }

    /** The distance between two places in metres (great circle). */
    public static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        return distance(xyz(lat1, lon1), xyz(lat2, lon2));
    }

    private static double[] xyz(double latDeg, double lonDeg) {
        double la = Math.toRadians(latDeg);
        double lo = Math.toRadians(lonDeg);
        return new double[] { EARTH_RADIUS_M * Math.cos(la) * Math.cos(lo), EARTH_RADIUS_M * Math.cos(la) * Math.sin(lo),
                EARTH_RADIUS_M * Math.sin(la) };
    }

    private static double[] onSphere(double[] q) {
        double norm = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]);
        return new double[] { q[0] / norm * EARTH_RADIUS_M, q[1] / norm * EARTH_RADIUS_M, q[2] / norm * EARTH_RADIUS_M };
    }

    private static double[] reflect(double[] end, double[] next) {
        return onSphere(new double[] { 2 * end[0] - next[0], 2 * end[1] - next[1], 2 * end[2] - next[2] });
    }

    /** The great-circle distance between two points of the sphere. */
    private static double distance(double[] a, double[] b) {
        double chord = Math.sqrt(sq(a[0] - b[0]) + sq(a[1] - b[1]) + sq(a[2] - b[2]));
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, chord / (2 * EARTH_RADIUS_M)));
    }

    private static double sq(double x) {
        return x * x;
    }

    /** The centripetal Catmull-Rom point a share {@code u} of the way from p1 to p2 (Barry and Goldman's pyramid). */
    static double[] catmullRom(double[] p0, double[] p1, double[] p2, double[] p3, double u) {
        double t0 = 0;
        double t1 = t0 + knot(p0, p1);
        double t2 = t1 + knot(p1, p2);
        double t3 = t2 + knot(p2, p3);
        double t = t1 + u * (t2 - t1);
        double[] a1 = lerp(p0, p1, t0, t1, t);
        double[] a2 = lerp(p1, p2, t1, t2, t);
        double[] a3 = lerp(p2, p3, t2, t3, t);
        double[] b1 = lerp(a1, a2, t0, t2, t);
        double[] b2 = lerp(a2, a3, t1, t3, t);
        return lerp(b1, b2, t1, t2, t);
    }

    /** The square root of a chord's length (centripetal), never 0 so two towns at one place still divide. */
    private static double knot(double[] a, double[] b) {
        return Math.max(1e-3, Math.sqrt(Math.sqrt(sq(a[0] - b[0]) + sq(a[1] - b[1]) + sq(a[2] - b[2]))));
    }

    private static double[] lerp(double[] a, double[] b, double ta, double tb, double t) {
        double wa = (tb - t) / (tb - ta);
        double wb = (t - ta) / (tb - ta);
        return new double[] { wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2] };
    }
}
