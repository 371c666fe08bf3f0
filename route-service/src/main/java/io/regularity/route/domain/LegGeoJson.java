package io.regularity.route.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.regularity.route.domain.Race.Leg;
import io.regularity.route.domain.Race.TimingPoint;
import io.regularity.route.domain.Race.Town;

/**
 * A leg as a GeoJSON FeatureCollection (RFC 7946, [lon, lat]): the route as a LineString through
 * its towns in route order, each town as a Point, and each timing point as a Point placed by its km
 * between the towns around it (timing points carry no coordinates of their own).
 */
public final class LegGeoJson {

    private LegGeoJson() {
    }

    public static Map<String, Object> of(Race race, Leg leg) {
        List<Town> towns = (leg.towns() == null ? List.<Town>of() : leg.towns()).stream()
                .filter(t -> t.lat() != null && t.lon() != null && t.km() != null).toList();
        List<Object> features = new ArrayList<>();
        if (towns.size() >= 2) {
            List<List<Double>> line = towns.stream().map(t -> List.of(t.lon(), t.lat())).toList();
            features.add(feature(Map.of("type", "LineString", "coordinates", line),
                    props("kind", "route", "race", race.id(), "leg", leg.number(), "name", leg.name())));
        }
        for (Town t : towns) {
            features.add(feature(point(t.lon(), t.lat()), props("kind", "town", "name", t.name(), "province", t.province(),
                    "km", t.km(), "description", t.description())));
        }
        if (!towns.isEmpty()) {
            for (TimingPoint p : leg.timingPoints() == null ? List.<TimingPoint>of() : leg.timingPoints()) {
                double[] at = p.km() == null ? null : interpolate(towns, p.km());
                if (at != null) {
                    features.add(feature(point(at[0], at[1]), props("kind", "timingPoint", "id", p.id(), "town", p.town(),
                            "km", p.km(), "trials", trialsAt(leg, p.id()))));
                }
            }
        }
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("features", features);
        return collection;
    }

    private static List<String> trialsAt(Leg leg, String point) {
        List<String> ids = new ArrayList<>();
        for (Race.Trial t : leg.trials() == null ? List.<Race.Trial>of() : leg.trials()) {
            boolean at = point.equals(t.start()) || point.equals(t.finish()) || point.equals(t.point())
                    || (t.detections() != null && t.detections().stream().anyMatch(d -> point.equals(d.point())));
            if (at) {
                ids.add(t.id());
            }
        }
        return ids;
    }

    /** [lon, lat] at {@code km} along the towns, clamped to the first and last town. */
    static double[] interpolate(List<Town> towns, double km) {
        Town before = towns.get(0);
        if (km <= before.km()) {
            return new double[] { before.lon(), before.lat() };
        }
        for (Town after : towns) {
            if (after.km() >= km) {
                double span = after.km() - before.km();
                double f = span <= 0 ? 0 : (km - before.km()) / span;
                return new double[] { round(before.lon() + f * (after.lon() - before.lon())),
                        round(before.lat() + f * (after.lat() - before.lat())) };
            }
            before = after;
        }
        return new double[] { before.lon(), before.lat() };
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static Map<String, Object> point(double lon, double lat) {
        return Map.of("type", "Point", "coordinates", List.of(lon, lat));
    }

    private static Map<String, Object> feature(Map<String, Object> geometry, Map<String, Object> properties) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "Feature");
        f.put("geometry", geometry);
        f.put("properties", properties);
        return f;
    }

    private static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                p.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return p;
    }
}
