package io.regularity.route.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.regularity.route.domain.Race.Detection;
import io.regularity.route.domain.Race.Leg;
import io.regularity.route.domain.Race.TimingPoint;
import io.regularity.route.domain.Race.Town;
import io.regularity.route.domain.Race.Trial;
import io.regularity.route.domain.Race.VirtualLine;

/**
 * The legs of a race's sheet as they are read ({@link RaceSheet}): each {@code leg} row, then the {@code town},
 * {@code point}, {@code trial} and {@code detection} rows that belong to a leg above them (a detection to a PM above it),
 * each remembered with its row; at the end, the legs as records and the row of each element.
 */
final class SheetLegs {

    private final Map<Integer, LegBuilder> legs = new LinkedHashMap<>();
    /** The trials read so far, by leg and id ("2|PM3"), for the detections that name their PM. */
    private final Map<String, TrialBuilder> trials = new HashMap<>();

    /** A {@code leg} row: a leg of its own, numbered once. */
    void leg(SheetRow row) {
        Integer number = row.integer("leg");
        if (number == null) {
            row.error("leg", RoutePhrases.LEG_ROW_NEEDS_NUMBER);
            return;
        }
        if (legs.containsKey(number)) {
            row.error("leg", RoutePhrases.LEG_ROW_TWICE, number, legs.get(number).row);
            return;
        }
        legs.put(number, new LegBuilder(row.number, number, row.text("name"), row.isoDate("date"), row.text("from"), row.text("to"),
                row.decimal("distanceKm"), row.text("startPoint"), row.integer("laps")));
    }

    /** A {@code town}, {@code point}, {@code trial} or {@code detection} row: an element of the leg it names. */
    void element(String record, SheetRow row) {
        LegBuilder leg = legOf(row);
        if (leg == null) {
            return;
        }
        switch (record) {
            case "town" -> {
                leg.towns.add(new Town(row.text("name"), row.text("province"), row.decimal("km"), row.decimal("lat"), row.decimal("lon"),
                        row.text("description")));
                leg.townRows.add(row.number);
            }
            case "point" -> {
                leg.points.add(new TimingPoint(row.text("id"), row.text("town"), row.decimal("km"), virtualLine(row)));
                leg.pointRows.add(row.number);
            }
            case "trial" -> {
                TrialBuilder t = new TrialBuilder(row.number, row.text("id"), row.text("type"), row.text("start"), row.integer("startLap"),
                        row.text("finish"), row.integer("finishLap"), row.longValue("targetMs"), row.decimal("averageKmh"),
                        row.text("point"), row.integer("lap"), row.text("from"), row.integer("durationMinutes"), row.text("status"),
                        row.decimalsByBand("averageKmhByBand"), row.integersByBand("durationMinutesByBand"));
                leg.trials.add(t);
                if (t.id != null) {
                    trials.putIfAbsent(leg.number + "|" + t.id, t);
                }
            }
            default -> {
                String pm = row.text("id");
                TrialBuilder t = pm == null ? null : trials.get(leg.number + "|" + pm);
                if (t == null || !"PM".equals(t.type)) {
                    row.error("id", RoutePhrases.DETECTION_NAMES_PM, pm == null ? RoutePhrases.ID_EMPTY
                            : RoutePhrases.NO_PM_ABOVE.with(pm, leg.number));
                    return;
                }
                Integer distance = row.integer("distanceM");
                t.detections.add(new Detection(row.text("point"), distance, row.integer("lap")));
                t.detectionRows.add(row.number);
            }
        }
    }

    /**
     * A point row's virtual line: any of lat, lon, bearingDeg or widthM makes it one, and so does backup saying yes (the
     * validator says what is missing); backup alone saying no leaves a post a post.
     */
    private static VirtualLine virtualLine(SheetRow row) {
        Double lat = row.decimal("lat"), lon = row.decimal("lon"), bearing = row.decimal("bearingDeg"), width = row.decimal("widthM");
        Boolean backup = row.flag("backup");
        return lat == null && lon == null && bearing == null && width == null && !Boolean.TRUE.equals(backup) ? null
                : new VirtualLine(lat, lon, bearing, width, backup);
    }

    private LegBuilder legOf(SheetRow row) {
        Integer number = row.integer("leg");
        if (number == null) {
            row.error("leg", RoutePhrases.SAY_WHICH_LEG);
            return null;
        }
        LegBuilder leg = legs.get(number);
        if (leg == null) {
            row.error("leg", RoutePhrases.NO_LEG_ABOVE, number);
        }
        return leg;
    }

    /** The legs read, in the order of their rows; the row of each leg and of each of its elements goes to {@code locations}. */
    List<Leg> build(SheetLocations locations) {
        List<Leg> legList = new ArrayList<>();
        int i = 0;
        for (LegBuilder leg : legs.values()) {
            String path = "legs[" + i + "]";
            locations.put(path, leg.row);
            for (int j = 0; j < leg.townRows.size(); j++) {
                locations.put(path + ".towns[" + j + "]", leg.townRows.get(j));
            }
            for (int j = 0; j < leg.pointRows.size(); j++) {
                locations.put(path + ".timingPoints[" + j + "]", leg.pointRows.get(j));
            }
            List<Trial> built = new ArrayList<>();
            for (int j = 0; j < leg.trials.size(); j++) {
                TrialBuilder t = leg.trials.get(j);
                locations.put(path + ".trials[" + j + "]", t.row);
                for (int k = 0; k < t.detectionRows.size(); k++) {
                    locations.put(path + ".trials[" + j + "].detections[" + k + "]", t.detectionRows.get(k));
                }
                built.add(t.build());
            }
            legList.add(new Leg(leg.number, leg.name, leg.date, leg.from, leg.to, leg.distanceKm, leg.startPoint, leg.laps, leg.towns,
                    leg.points, built));
            i++;
        }
        return legList;
    }

    /** A leg as it is read, before it is a record. */
    private static final class LegBuilder {
        final int row;
        final int number;
        final String name, date, from, to, startPoint;
        final Double distanceKm;
        final Integer laps;
        final List<Town> towns = new ArrayList<>();
        final List<Integer> townRows = new ArrayList<>();
        final List<TimingPoint> points = new ArrayList<>();
        final List<Integer> pointRows = new ArrayList<>();
        final List<TrialBuilder> trials = new ArrayList<>();

        LegBuilder(int row, int number, String name, String date, String from, String to, Double distanceKm, String startPoint, Integer laps) {
            this.row = row;
            this.number = number;
            this.name = name;
            this.date = date;
            this.from = from;
            this.to = to;
            this.distanceKm = distanceKm;
            this.startPoint = startPoint;
            this.laps = laps;
        }
    }

    /** A trial as it is read: its detections come on the rows after it. */
    private static final class TrialBuilder {
        final int row;
        final String id, type, start, finish, point, from, status;
        final Integer startLap, finishLap, lap, durationMinutes;
        final Long targetMs;
        final Double averageKmh;
        final Map<String, Double> averageKmhByBand;
        final Map<String, Integer> durationMinutesByBand;
        final List<Detection> detections = new ArrayList<>();
        final List<Integer> detectionRows = new ArrayList<>();

        TrialBuilder(int row, String id, String type, String start, Integer startLap, String finish, Integer finishLap, Long targetMs,
                Double averageKmh, String point, Integer lap, String from, Integer durationMinutes, String status,
                Map<String, Double> averageKmhByBand, Map<String, Integer> durationMinutesByBand) {
            this.row = row;
            this.id = id;
            this.type = type;
            this.start = start;
            this.startLap = startLap;
            this.finish = finish;
            this.finishLap = finishLap;
            this.targetMs = targetMs;
            this.averageKmh = averageKmh;
            this.point = point;
            this.lap = lap;
            this.from = from;
            this.durationMinutes = durationMinutes;
            this.status = status;
            this.averageKmhByBand = averageKmhByBand;
            this.durationMinutesByBand = durationMinutesByBand;
        }

        Trial build() {
            return new Trial(id, type, start, finish, targetMs, averageKmh, "PM".equals(type) ? List.copyOf(detections) : null, point, from,
                    durationMinutes, status, startLap, finishLap, lap, averageKmhByBand, durationMinutesByBand);
        }
    }
}
