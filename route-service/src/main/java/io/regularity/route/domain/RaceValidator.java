package io.regularity.route.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.regularity.route.domain.Race.Leg;
import io.regularity.route.domain.Race.TimingPoint;
import io.regularity.route.domain.Race.Trial;
import io.regularity.support.FieldError;
import io.regularity.support.RaceId;

/**
 * Checks that a race definition holds together and lists every problem at once; the order of a leg's points and trials
 * (on the road, or on a circuit from its lap line) is {@link RouteOrder}'s part.
 */
public final class RaceValidator {

    /** What an id of a timing point, a trial or a device may be: safe in a path, a key and a printed sheet. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> MODELS = Set.of("PENALTIES", "POINTS");
    private static final Set<String> TYPES = Set.of("PC", "PM", "CO", "CT");
    private static final Set<String> STATUSES = Set.of("OPEN", "CLOSED", "NEUTRALISED");
    /** Far beyond any circuit race (a club event's hour of regularity runs some 30 laps). */
    public static final int MAX_LAPS = 1000;

    private final List<FieldError> errors = new ArrayList<>();
    private final RouteOrder routeOrder = new RouteOrder(errors);

    private RaceValidator() {
    }

    public static List<FieldError> validate(String raceId, Race race) {
        RaceValidator v = new RaceValidator();
        v.check(raceId, race);
        return v.errors;
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    private void check(String raceId, Race race) {
        if (!RaceId.valid(raceId)) {
            error("id", RaceId.RULE);
        }
        if (race.id() != null && !race.id().equals(raceId)) {
            error("id", "must equal the race id in the path (" + raceId + ")");
        }
        if (blank(race.name())) {
            error("name", "must not be blank");
        }
        if (race.year() == null || race.year() < 1900 || race.year() > 2200) {
            error("year", "must be a year between 1900 and 2200");
        }
        if (race.timeZone() != null) {
            try {
                ZoneId.of(race.timeZone());
            } catch (Exception e) {
                error("timeZone", "unknown time zone " + race.timeZone());
            }
        }
        checkScoring(race.scoring());
        if (race.legs() == null || race.legs().isEmpty()) {
            error("legs", "a race needs at least one leg");
            return;
        }
        Set<String> pointIds = new HashSet<>();
        Map<String, Trial> trialIds = new HashMap<>();
        for (int i = 0; i < race.legs().size(); i++) {
            if (present("legs[" + i + "]", race.legs().get(i))) {
                checkLeg("legs[" + i + "]", i + 1, race.legs().get(i), pointIds, trialIds);
            }
        }
        if (race.trophies() != null) {
            for (int i = 0; i < race.trophies().size(); i++) {
                var trophy = race.trophies().get(i);
                String path = "trophies[" + i + "]";
                if (!present(path, trophy)) {
                    continue;
                }
                if (blank(trophy.name())) {
                    error(path + ".name", "must not be blank");
                }
                List<String> trials = trophy.trials() == null ? List.of() : trophy.trials();
                for (int j = 0; j < trials.size(); j++) {
                    if (!trialIds.containsKey(trials.get(j))) {
                        error(path + ".trials[" + j + "]", "unknown trial " + trials.get(j));
                    }
                }
            }
        }
    }

    private void checkScoring(Race.Scoring s) {
        if (s == null) {
            return;
        }
        if (s.model() != null && !MODELS.contains(s.model())) {
            error("scoring.model", "must be PENALTIES or POINTS");
        }
        range("scoring.pcCap", s.pcCap(), 1, 100_000);
        range("scoring.pmUnitCs", s.pmUnitCs(), 1, 100);
        range("scoring.pmCap", s.pmCap(), 1, 100_000);
        range("scoring.ctMissed", s.ctMissed(), 0, 100_000);
        range("scoring.maxLatenessMinutes", s.maxLatenessMinutes(), 1, 24 * 60);
        range("scoring.duplicateWindowMs", s.duplicateWindowMs(), 0, 3_600_000);
        if (s.pointsTable() != null) {
            for (int i = 0; i < s.pointsTable().size(); i++) {
                Integer p = s.pointsTable().get(i);
                if (p == null || p < 0 || p > 100_000) {
                    error("scoring.pointsTable[" + i + "]", "must be between 0 and 100000");
                }
            }
        }
    }

    private void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            error(field, "must be between " + min + " and " + max);
        }
    }

    private void checkLeg(String path, int expectedNumber, Leg leg, Set<String> racePoints, Map<String, Trial> raceTrials) {
        if (leg.number() == null || leg.number() != expectedNumber) {
            error(path + ".number", "legs must be numbered 1..n in order: expected " + expectedNumber);
        }
        if (blank(leg.name())) {
            error(path + ".name", "must not be blank");
        }
        if (leg.date() != null) {
            try {
                LocalDate.parse(leg.date());
            } catch (Exception e) {
                error(path + ".date", "must be an ISO date such as 2024-06-15");
            }
        }
        if (leg.towns() != null) {
            double lastKm = -1;
            for (int i = 0; i < leg.towns().size(); i++) {
                var town = leg.towns().get(i);
                String tp = path + ".towns[" + i + "]";
                if (!present(tp, town)) {
                    continue;
                }
                if (blank(town.name())) {
                    error(tp + ".name", "must not be blank");
                }
                if (town.km() == null || town.km() < 0) {
                    error(tp + ".km", "must be 0 or more");
                } else if (town.km() < lastKm) {
                    error(tp + ".km", "towns must be in route order: km goes backwards (" + town.km() + " < " + lastKm + ")");
                } else {
                    lastKm = town.km();
                }
                if (town.lat() != null && (town.lat() < -90 || town.lat() > 90)) {
                    error(tp + ".lat", "latitude must be between -90 and 90");
                }
                if (town.lon() != null && (town.lon() < -180 || town.lon() > 180)) {
                    error(tp + ".lon", "longitude must be between -180 and 180");
                }
            }
        }
        int laps = 1;
        if (leg.laps() != null) {
            if (leg.laps() < 1 || leg.laps() > MAX_LAPS) {
                error(path + ".laps", "must be a whole number of laps from 1 to " + MAX_LAPS);
            } else {
                laps = leg.laps();
            }
        }
        Set<String> legPoints = new HashSet<>();
        List<TimingPoint> points = leg.timingPoints() == null ? List.of() : leg.timingPoints();
        for (int i = 0; i < points.size(); i++) {
            if (!present(path + ".timingPoints[" + i + "]", points.get(i))) {
                continue;
            }
            String id = points.get(i).id();
            String tp = path + ".timingPoints[" + i + "].id";
            if (id == null || !ID.matcher(id).matches()) {
                error(tp, "timing point id must be 1-64 letters, digits, '.', '_' or '-'");
            } else if (!racePoints.add(id)) {
                error(tp, "duplicate timing point id " + id);
            } else {
                legPoints.add(id);
            }
        }
        if (leg.startPoint() != null && !legPoints.contains(leg.startPoint())) {
            error(path + ".startPoint", "unknown timing point " + leg.startPoint());
        }
        if (laps > 1) {
            routeOrder.checkCircuit(path, leg.startPoint(), points);
        }
        Laps lapsOf = new Laps(laps, leg.startPoint());
        List<Trial> trials = leg.trials() == null ? List.of() : leg.trials();
        Set<String> legCos = new HashSet<>();
        for (int i = 0; i < trials.size(); i++) {
            if (present(path + ".trials[" + i + "]", trials.get(i))) {
                checkTrial(path + ".trials[" + i + "]", trials.get(i), legPoints, legCos, raceTrials, lapsOf);
            }
        }
        if (errors.isEmpty()) {
            routeOrder.checkTrials(path, points, trials, lapsOf);
        }
    }

    private void misplaced(String field, Integer value, boolean misplaced, String message) {
        if (misplaced && value != null && value != 1) {
            error(field, message);
        }
    }

    /**
     * A trial's lap at a point: any value but 1 on a road leg is a fault naming the field; on a circuit a lap from 1 to
     * N, or N+1 on the lap line (the crossing that ends the last lap).
     */
    private void lap(String field, Integer lap, String point, Laps laps) {
        if (lap == null) {
            return;
        }
        if (!laps.circuit()) {
            if (lap != 1) {
                error(field, "this leg is not a circuit (it has no laps): leave " + field.substring(field.lastIndexOf('.') + 1)
                        + " out, or 1");
            }
            return;
        }
        boolean line = point != null && point.equals(laps.line());
        int max = laps.count() + (line ? 1 : 0);
        if (lap < 1 || lap > max) {
            error(field, "must be a lap from 1 to " + laps.count() + (line ? ", or " + max + " on the lap line (the crossing that ends the last lap)"
                    : " (only the lap line has a lap " + (laps.count() + 1) + ", the crossing that ends the last lap)"));
        }
    }

    private void checkTrial(String path, Trial t, Set<String> points, Set<String> legCos, Map<String, Trial> raceTrials, Laps laps) {
        if (t.id() == null || !ID.matcher(t.id()).matches()) {
            error(path + ".id", "trial id must be 1-64 letters, digits, '.', '_' or '-'");
        } else if (raceTrials.putIfAbsent(t.id(), t) != null) {
            error(path + ".id", "duplicate trial id " + t.id());
        }
        if (t.status() != null && !STATUSES.contains(t.status())) {
            error(path + ".status", "must be OPEN, CLOSED or NEUTRALISED");
        }
        if (t.type() == null || !TYPES.contains(t.type())) {
            error(path + ".type", "must be PC, PM, CO or CT");
            return;
        }
        switch (t.type()) {
            case "PC" -> {
                point(path + ".start", t.start(), points);
                point(path + ".finish", t.finish(), points);
                lap(path + ".startLap", t.startLap(), t.start(), laps);
                lap(path + ".finishLap", t.finishLap(), t.finish(), laps);
                if (t.start() != null && t.start().equals(t.finish()) && laps.of(t.startLap()) == laps.of(t.finishLap())) {
                    error(path + ".finish", laps.circuit() ? "must differ from start, or be on a later lap" : "must differ from start");
                }
                if (t.targetMs() == null || t.targetMs() <= 0) {
                    error(path + ".targetMs", "target must be positive");
                }
            }
            case "PM" -> {
                point(path + ".start", t.start(), points);
                lap(path + ".startLap", t.startLap(), t.start(), laps);
                if (t.averageKmh() == null || t.averageKmh() <= 0) {
                    error(path + ".averageKmh", "average speed must be positive");
                }
                if (t.detections() == null || t.detections().isEmpty()) {
                    error(path + ".detections", "a PM needs at least one secret detection");
                } else {
                    int last = 0;
                    for (int i = 0; i < t.detections().size(); i++) {
                        var d = t.detections().get(i);
                        if (!present(path + ".detections[" + i + "]", d)) {
                            continue;
                        }
                        point(path + ".detections[" + i + "].point", d.point(), points);
                        lap(path + ".detections[" + i + "].lap", d.lap(), d.point(), laps);
                        if (d.distanceM() == null || d.distanceM() <= last) {
                            error(path + ".detections[" + i + "].distanceM", "detection distances must be positive and increasing");
                        } else {
                            last = d.distanceM();
                        }
                    }
                }
            }
            case "CO" -> {
                point(path + ".point", t.point(), points);
                lap(path + ".lap", t.lap(), t.point(), laps);
                if (t.durationMinutes() == null || t.durationMinutes() <= 0) {
                    error(path + ".durationMinutes", "must be positive");
                }
                if (t.from() != null && !legCos.contains(t.from())) {
                    error(path + ".from", "must name an earlier CO of the same leg");
                }
                if (t.id() != null) {
                    legCos.add(t.id());
                }
            }
            default -> {
                point(path + ".point", t.point(), points);
                lap(path + ".lap", t.lap(), t.point(), laps);
            }
        }
        // each type says its laps in its own fields
        boolean timed = "PC".equals(t.type()) || "PM".equals(t.type());
        misplaced(path + ".startLap", t.startLap(), !timed, "a " + t.type() + " says its lap in lap");
        misplaced(path + ".finishLap", t.finishLap(), !"PC".equals(t.type()), "only a PC has a finishLap");
        misplaced(path + ".lap", t.lap(), timed, "a " + t.type() + " says its laps in startLap" + ("PC".equals(t.type()) ? " and finishLap" : ""));
    }

    private void point(String field, String id, Set<String> points) {
        if (id == null) {
            error(field, "must name a timing point");
        } else if (!points.contains(id)) {
            error(field, "unknown timing point " + id);
        }
    }

    /** A null where an object belongs is a fault of its own, and nothing inside it can be checked. */
    private boolean present(String path, Object element) {
        if (element == null) {
            error(path, "must be an object, not null");
            return false;
        }
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
