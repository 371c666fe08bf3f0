package io.regularity.route.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.regularity.route.domain.Race.Leg;
import io.regularity.route.domain.Race.Trial;

/**
 * Two revisions of a race compared trial by trial, as the office's History shows them: the trials added, those removed,
 * and for each trial in both what changed about it (its type, lines, laps, target, average, duration, detections or
 * status), each with the value before and after. Trials are matched by id; in route order of the newer revision, the
 * removed ones after.
 */
public final class RevisionDiff {

    /** ADDED, REMOVED or CHANGED. */
    public enum Kind {
        ADDED, REMOVED, CHANGED
    }

    /** One field of a trial that differs: its JSON name, and its value before and after (null when absent). */
    public record Field(String field, Object before, Object after) {
    }

    /** One trial that differs between the revisions, on the leg it is on (the newer revision's, for a changed one). */
    public record Difference(String trial, int leg, Kind change, List<Field> fields) {
    }

    private RevisionDiff() {
    }

    public static List<Difference> between(Race before, Race after) {
        Map<String, Located> was = trials(before);
        Map<String, Located> now = trials(after);
        List<Difference> differences = new ArrayList<>();
        now.forEach((id, located) -> {
            Located old = was.get(id);
            if (old == null) {
                differences.add(new Difference(id, located.leg, Kind.ADDED, List.of()));
            } else {
                List<Field> fields = fields(old.trial, located.trial);
                if (old.leg != located.leg) {
                    fields.add(0, new Field("leg", old.leg, located.leg));
                }
                if (!fields.isEmpty()) {
                    differences.add(new Difference(id, located.leg, Kind.CHANGED, fields));
                }
            }
        });
        was.forEach((id, located) -> {
            if (!now.containsKey(id)) {
                differences.add(new Difference(id, located.leg, Kind.REMOVED, List.of()));
            }
        });
        return differences;
    }

    private record Located(int leg, Trial trial) {
    }

    private static Map<String, Located> trials(Race race) {
        Map<String, Located> trials = new LinkedHashMap<>();
        for (Leg leg : race.legs()) {
            for (Trial trial : leg.trials() == null ? List.<Trial>of() : leg.trials()) {
                trials.put(trial.id(), new Located(leg.number(), trial));
            }
        }
        return trials;
    }

    private static List<Field> fields(Trial a, Trial b) {
        List<Field> fields = new ArrayList<>();
        compare(fields, "type", a.type(), b.type());
        compare(fields, "start", a.start(), b.start());
        compare(fields, "startLap", a.startLap(), b.startLap());
        compare(fields, "finish", a.finish(), b.finish());
        compare(fields, "finishLap", a.finishLap(), b.finishLap());
        compare(fields, "point", a.point(), b.point());
        compare(fields, "lap", a.lap(), b.lap());
        compare(fields, "targetMs", a.targetMs(), b.targetMs());
        compare(fields, "averageKmh", a.averageKmh(), b.averageKmh());
        compare(fields, "from", a.from(), b.from());
        compare(fields, "averageKmhByBand", a.averageKmhByBand() == null || a.averageKmhByBand().isEmpty() ? null : a.averageKmhByBand(),
                b.averageKmhByBand() == null || b.averageKmhByBand().isEmpty() ? null : b.averageKmhByBand());
        compare(fields, "durationMinutes", a.durationMinutes(), b.durationMinutes());
        compare(fields, "durationMinutesByBand",
                a.durationMinutesByBand() == null || a.durationMinutesByBand().isEmpty() ? null : a.durationMinutesByBand(),
                b.durationMinutesByBand() == null || b.durationMinutesByBand().isEmpty() ? null : b.durationMinutesByBand());
        compare(fields, "detections", a.detections() == null || a.detections().isEmpty() ? null : a.detections(),
                b.detections() == null || b.detections().isEmpty() ? null : b.detections());
        compare(fields, "status", a.status(), b.status());
        return fields;
    }

    private static void compare(List<Field> fields, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            fields.add(new Field(name, before, after));
        }
    }
}
