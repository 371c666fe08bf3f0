package io.regularity.route.domain;

import java.util.ArrayList;
import java.util.List;

import io.regularity.route.domain.Race.Detection;
import io.regularity.route.domain.Race.Leg;
import io.regularity.route.domain.Race.TimingPoint;
import io.regularity.route.domain.Race.Town;
import io.regularity.route.domain.Race.Trial;

/**
 * The timing posts of a race: one per timing point, where it is (its leg, town, km, and coordinates placed between the
 * towns around it, as on the leg's map) and what it times: each trial with the role the post has in it (START, FINISH,
 * DETECTION, CONTROL) and, on a circuit, the lap. What the chief timekeeper prints, one sheet a post.
 */
public final class Posts {

    public enum Role { START, FINISH, DETECTION, CONTROL }

    /** A trial a post times: its role there and, on a circuit, the lap. */
    public record Use(String trial, Role role, Integer lap) {
    }

    public record Post(String point, int leg, String town, Double km, Double lat, Double lon, Boolean lapLine, List<Use> trials) {
    }

    private Posts() {
    }

    public static List<Post> of(Race race) {
        List<Post> posts = new ArrayList<>();
        for (Leg leg : race.legs()) {
            List<Town> towns = (leg.towns() == null ? List.<Town>of() : leg.towns()).stream()
                    .filter(t -> t.lat() != null && t.lon() != null && t.km() != null).toList();
            Double lapKm = leg.circuit() && leg.distanceKm() != null ? leg.distanceKm() / leg.lapCount() : null;
            for (TimingPoint p : leg.timingPoints() == null ? List.<TimingPoint>of() : leg.timingPoints()) {
                double[] at = towns.isEmpty() || p.km() == null ? null : LegGeoJson.interpolate(towns, p.km(), lapKm);
                posts.add(new Post(p.id(), leg.number(), p.town(), p.km(), at == null ? null : at[1], at == null ? null : at[0],
                        leg.circuit() && p.id().equals(leg.startPoint()) ? true : null, uses(leg, p.id())));
            }
        }
        return posts;
    }

    private static List<Use> uses(Leg leg, String point) {
        boolean circuit = leg.circuit();
        List<Use> uses = new ArrayList<>();
        for (Trial t : leg.trials() == null ? List.<Trial>of() : leg.trials()) {
            if (point.equals(t.start())) {
                uses.add(new Use(t.id(), Role.START, circuit ? lap(t.startLap()) : null));
            }
            if (point.equals(t.finish())) {
                uses.add(new Use(t.id(), Role.FINISH, circuit ? lap(t.finishLap()) : null));
            }
            if (point.equals(t.point())) {
                uses.add(new Use(t.id(), Role.CONTROL, circuit ? lap(t.lap()) : null));
            }
            for (Detection d : t.detections() == null ? List.<Detection>of() : t.detections()) {
                if (point.equals(d.point())) {
                    uses.add(new Use(t.id(), Role.DETECTION, circuit ? (d.lap() != null ? d.lap() : lap(t.startLap())) : null));
                }
            }
        }
        return uses;
    }

    private static int lap(Integer lap) {
        return lap == null ? 1 : lap;
    }
}
