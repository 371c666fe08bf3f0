package io.regularity.route.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.regularity.route.domain.Race.Leg;
import io.regularity.route.domain.Race.TimingPoint;
import io.regularity.route.domain.Race.Town;
import io.regularity.support.geo.Along;

/**
 * A leg as a GeoJSON FeatureCollection (RFC 7946, [lon, lat]): the route as a LineString through
 * its towns in route order, each town as a Point, and each timing point as a Point placed by its km
 * between the towns around it (timing points carry no coordinates of their own). A circuit's route is closed
 * (back to its first place, the lap length being {@code distanceKm / laps}) and says its {@code laps}; its timing
 * points say on which lap each trial uses them ({@code trialLaps}).
 */
public final class LegGeoJson {

    private LegGeoJson() {
    }

    public static Map<String, Object> of(Race race, Leg leg) {
        List<Town> towns = (leg.towns() == null ? List.<Town>of() : leg.towns()).stream()
                .filter(t -> t.lat() != null && t.lon() != null && t.km() != null).toList();
        List<Object> features = new ArrayList<>();
        Double lapKm = leg.circuit() && leg.distanceKm() != null ? leg.distanceKm() / leg.lapCount() : null;
        if (towns.size() >= 2) {
            List<List<Double>> line = new ArrayList<>(towns.stream().map(t -> List.of(t.lon(), t.lat())).toList());
            if (leg.circuit()) {
                line.add(line.get(0)); // a circuit closes on itself
            }
            features.add(feature(Map.of("type", "LineString", "coordinates", line),
                    props("kind", "route", "race", race.id(), "leg", leg.number(), "name", leg.name(), "laps",
                            leg.circuit() ? leg.lapCount() : null, "closed", leg.circuit() ? true : null)));
        }
        for (Town t : towns) {
            features.add(feature(point(t.lon(), t.lat()), props("kind", "town", "name", t.name(), "province", t.province(),
                    "km", t.km(), "description", t.description())));
        }
        if (!towns.isEmpty()) {
            for (TimingPoint p : leg.timingPoints() == null ? List.<TimingPoint>of() : leg.timingPoints()) {
                double[] at = p.km() == null ? null : interpolate(towns, p.km(), lapKm);
                if (at != null) {
                    features.add(feature(point(at[0], at[1]), props("kind", "timingPoint", "id", p.id(), "town", p.town(),
                            "km", p.km(), "trials", trialsAt(leg, p.id()), "lapLine", leg.circuit() && p.id().equals(leg.startPoint()) ? true : null,
                            "trialLaps", leg.circuit() ? lapsAt(leg, p.id()) : null)));
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

    /** Each trial using a point of a circuit, with the lap it uses it on: {@code {trial, lap}}, in the leg's order. */
    private static List<Map<String, Object>> lapsAt(Leg leg, String point) {
        List<Map<String, Object>> laps = new ArrayList<>();
        for (Race.Trial t : leg.trials() == null ? List.<Race.Trial>of() : leg.trials()) {
            if (point.equals(t.start())) {
                laps.add(props("trial", t.id(), "lap", lapOrOne(t.startLap())));
            }
            if (point.equals(t.finish())) {
                laps.add(props("trial", t.id(), "lap", lapOrOne(t.finishLap())));
            }
            if (point.equals(t.point())) {
                laps.add(props("trial", t.id(), "lap", lapOrOne(t.lap())));
            }
            for (Race.Detection d : t.detections() == null ? List.<Race.Detection>of() : t.detections()) {
                if (point.equals(d.point())) {
                    laps.add(props("trial", t.id(), "lap", d.lap() != null ? d.lap() : lapOrOne(t.startLap())));
                }
            }
        }
        return laps;
    }

    private static int lapOrOne(Integer lap) {
        return lap == null ? 1 : lap;
    }

    /** [lon, lat] at {@code km} along the towns, clamped to the first and last town. */
    static double[] interpolate(List<Town> towns, double km) {
        return interpolate(towns, km, null);
    }

    /** [lon, lat] at {@code km} along the towns (service-support's {@link Along}: the same places a car's position uses). */
    static double[] interpolate(List<Town> towns, double km, Double lapKm) {
        return Along.at(towns.stream().map(t -> new Along.Place(t.km(), t.lon(), t.lat())).toList(), km, lapKm);
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
