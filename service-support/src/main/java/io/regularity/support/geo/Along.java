package io.regularity.support.geo;

import java.util.List;

/**
 * Where a km of a leg lies on the map: between the leg's towns (in km order, each with its coordinates), in proportion.
 * Shared by route-service (the leg's GeoJSON: where each timing point is) and classification-service (where each car is).
 */
public final class Along {

    /** A place of the leg: its km from the start and its coordinates. */
    public record Place(double km, double lon, double lat) {
    }

    private Along() {
    }

    /**
     * [lon, lat] at {@code km} along the places. On a circuit of {@code lapKm} the stretch after the last place runs back
     * to the first (at {@code lapKm}); otherwise positions are clamped to the first and last place.
     */
    public static double[] at(List<Place> places, double km, Double lapKm) {
        Place before = places.get(0);
        if (km <= before.km()) {
            return new double[] { before.lon(), before.lat() };
        }
        for (Place after : places) {
            if (after.km() >= km) {
                return between(before, after.km(), after.lon(), after.lat(), km);
            }
            before = after;
        }
        Place first = places.get(0);
        if (lapKm != null && lapKm > before.km() && km < lapKm) {
            return between(before, lapKm, first.lon(), first.lat(), km);
        }
        return new double[] { before.lon(), before.lat() };
    }

    private static double[] between(Place before, double afterKm, double afterLon, double afterLat, double km) {
        double span = afterKm - before.km();
        double f = span <= 0 ? 0 : (km - before.km()) / span;
        return new double[] { round(before.lon() + f * (afterLon - before.lon())), round(before.lat() + f * (afterLat - before.lat())) };
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
