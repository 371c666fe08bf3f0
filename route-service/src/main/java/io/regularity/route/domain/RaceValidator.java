package io.regularity.route.domain;

import static io.regularity.route.domain.RoutePhrases.*;

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
import io.regularity.support.Phrase;
import io.regularity.support.RaceId;
import io.regularity.support.Said;

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
    /** A virtual line's width across the road, metres: from a lane to a wide square. */
    static final int MIN_LINE_WIDTH_M = 1, MAX_LINE_WIDTH_M = 200;
    /** Room for a name and a title on a signed paper's line. */
    static final int MAX_OFFICIAL = 120;
    /** A band's name at most (HIGH, LOW, A, "Media alta"): as long as a crew's band may be. */
    public static final int MAX_BAND = 32;
    /** Far above any average a regularity trial imposes (on public roads, at most 50 km/h; on a track, some 100). */
    public static final int MAX_AVERAGE_KMH = 200;
    /** A sector's duration at most: a day. */
    public static final int MAX_DURATION_MINUTES = 24 * 60;

    private final List<FieldError> errors = new ArrayList<>();
    private final RouteOrder routeOrder = new RouteOrder(errors);

    private RaceValidator() {
    }

    public static List<FieldError> validate(String raceId, Race race) {
        RaceValidator v = new RaceValidator();
        v.check(raceId, race);
        return v.errors;
    }

    private void error(String field, Phrase phrase, Object... values) {
        errors.add(new FieldError(field, phrase, values));
    }

    private void error(String field, Said said) {
        errors.add(new FieldError(field, said));
    }

    private void check(String raceId, Race race) {
        if (!RaceId.valid(raceId)) {
            error("id", RaceId.RULE);
        }
        if (race.id() != null && !race.id().equals(raceId)) {
            error("id", MUST_EQUAL_PATH_ID, raceId);
        }
        if (blank(race.name())) {
            error("name", MUST_NOT_BE_BLANK);
        }
        if (race.year() == null || race.year() < 1900 || race.year() > 2200) {
            error("year", YEAR_RANGE);
        }
        if (race.timeZone() != null) {
            try {
                ZoneId.of(race.timeZone());
            } catch (Exception e) {
                error("timeZone", UNKNOWN_TIME_ZONE, race.timeZone());
            }
        }
        if (race.protestMinutes() != null && (race.protestMinutes() < 0 || race.protestMinutes() > 24 * 60)) {
            error("protestMinutes", PROTEST_MINUTES_RANGE);
        }
        if (race.officials() != null) {
            if (race.officials().clerkOfCourse() != null && race.officials().clerkOfCourse().length() > MAX_OFFICIAL) {
                error("officials.clerkOfCourse", NAME_TOO_LONG, MAX_OFFICIAL);
            }
            if (race.officials().chiefTimekeeper() != null && race.officials().chiefTimekeeper().length() > MAX_OFFICIAL) {
                error("officials.chiefTimekeeper", NAME_TOO_LONG, MAX_OFFICIAL);
            }
        }
        checkScoring(race.scoring());
        if (race.legs() == null || race.legs().isEmpty()) {
            error("legs", NEEDS_A_LEG);
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
                    error(path + ".name", MUST_NOT_BE_BLANK);
                }
                List<String> trials = trophy.trials() == null ? List.of() : trophy.trials();
                for (int j = 0; j < trials.size(); j++) {
                    if (!trialIds.containsKey(trials.get(j))) {
                        error(path + ".trials[" + j + "]", UNKNOWN_TRIAL, trials.get(j));
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
            error("scoring.model", MODEL_VALUES);
        }
        if (s.resolution() != null && !Race.Scoring.RESOLUTIONS.contains(s.resolution())) {
            error("scoring.resolution", RESOLUTION_VALUES);
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
                    error("scoring.pointsTable[" + i + "]", BETWEEN, 0, 100_000);
                }
            }
        }
    }

    private void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            error(field, BETWEEN, min, max);
        }
    }

    private void checkLeg(String path, int expectedNumber, Leg leg, Set<String> racePoints, Map<String, Trial> raceTrials) {
        if (leg.number() == null || leg.number() != expectedNumber) {
            error(path + ".number", LEGS_NUMBERED, expectedNumber);
        }
        if (blank(leg.name())) {
            error(path + ".name", MUST_NOT_BE_BLANK);
        }
        if (leg.date() != null) {
            try {
                LocalDate.parse(leg.date());
            } catch (Exception e) {
                error(path + ".date", ISO_DATE);
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
                    error(tp + ".name", MUST_NOT_BE_BLANK);
                }
                if (town.km() == null || town.km() < 0) {
                    error(tp + ".km", ZERO_OR_MORE);
                } else if (town.km() < lastKm) {
                    error(tp + ".km", TOWNS_KM_BACKWARDS, town.km(), lastKm);
                } else {
                    lastKm = town.km();
                }
                if (town.lat() != null && (town.lat() < -90 || town.lat() > 90)) {
                    error(tp + ".lat", LATITUDE);
                }
                if (town.lon() != null && (town.lon() < -180 || town.lon() > 180)) {
                    error(tp + ".lon", LONGITUDE);
                }
            }
        }
        int laps = 1;
        if (leg.laps() != null) {
            if (leg.laps() < 1 || leg.laps() > MAX_LAPS) {
                error(path + ".laps", LAPS_RANGE, MAX_LAPS);
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
                error(tp, TIMING_POINT_ID_RULE);
            } else if (!racePoints.add(id)) {
                error(tp, DUPLICATE_TIMING_POINT, id);
            } else {
                legPoints.add(id);
            }
            if (points.get(i).virtual() != null) {
                checkVirtual(path + ".timingPoints[" + i + "].virtual", points.get(i).virtual());
            }
        }
        if (leg.startPoint() != null && !legPoints.contains(leg.startPoint())) {
            error(path + ".startPoint", UNKNOWN_TIMING_POINT, leg.startPoint());
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

    /** A virtual line's four numbers, each said (NaN, from a sheet, is no number either). */
    private void checkVirtual(String path, Race.VirtualLine line) {
        if (line.lat() == null || !(line.lat() >= -90 && line.lat() <= 90)) {
            error(path + ".lat", LATITUDE);
        }
        if (line.lon() == null || !(line.lon() >= -180 && line.lon() <= 180)) {
            error(path + ".lon", LONGITUDE);
        }
        if (line.bearingDeg() == null || !(line.bearingDeg() >= 0 && line.bearingDeg() < 360)) {
            error(path + ".bearingDeg", BEARING_RANGE);
        }
        if (line.widthM() == null || !(line.widthM() >= MIN_LINE_WIDTH_M && line.widthM() <= MAX_LINE_WIDTH_M)) {
            error(path + ".widthM", LINE_WIDTH_RANGE, MIN_LINE_WIDTH_M, MAX_LINE_WIDTH_M);
        }
    }

    private void misplaced(String field, Integer value, boolean misplaced, Said said) {
        if (misplaced && value != null && value != 1) {
            error(field, said);
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
                error(field, NOT_A_CIRCUIT, field.substring(field.lastIndexOf('.') + 1));
            }
            return;
        }
        boolean line = point != null && point.equals(laps.line());
        int max = laps.count() + (line ? 1 : 0);
        if (lap < 1 || lap > max) {
            error(field, line ? LAP_RANGE_ON_LINE.with(laps.count(), max) : LAP_RANGE.with(laps.count(), laps.count() + 1));
        }
    }

    private void checkTrial(String path, Trial t, Set<String> points, Set<String> legCos, Map<String, Trial> raceTrials, Laps laps) {
        if (t.id() == null || !ID.matcher(t.id()).matches()) {
            error(path + ".id", TRIAL_ID_RULE);
        } else if (raceTrials.putIfAbsent(t.id(), t) != null) {
            error(path + ".id", DUPLICATE_TRIAL, t.id());
        }
        if (t.status() != null && !STATUSES.contains(t.status())) {
            error(path + ".status", STATUS_VALUES);
        }
        if (t.type() == null || !TYPES.contains(t.type())) {
            error(path + ".type", TYPE_VALUES);
            return;
        }
        switch (t.type()) {
            case "PC" -> {
                point(path + ".start", t.start(), points);
                point(path + ".finish", t.finish(), points);
                lap(path + ".startLap", t.startLap(), t.start(), laps);
                lap(path + ".finishLap", t.finishLap(), t.finish(), laps);
                if (t.start() != null && t.start().equals(t.finish()) && laps.of(t.startLap()) == laps.of(t.finishLap())) {
                    error(path + ".finish", laps.circuit() ? FINISH_DIFFERS_OR_LATER_LAP : FINISH_DIFFERS);
                }
                if (t.targetMs() == null || t.targetMs() <= 0) {
                    error(path + ".targetMs", TARGET_POSITIVE);
                }
            }
            case "PM" -> {
                point(path + ".start", t.start(), points);
                lap(path + ".startLap", t.startLap(), t.start(), laps);
                if (t.averageKmh() == null || t.averageKmh() <= 0) {
                    error(path + ".averageKmh", AVERAGE_POSITIVE);
                }
                if (t.detections() == null || t.detections().isEmpty()) {
                    error(path + ".detections", PM_NEEDS_DETECTION);
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
                            error(path + ".detections[" + i + "].distanceM", DETECTION_DISTANCES);
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
                    error(path + ".durationMinutes", MUST_BE_POSITIVE);
                }
                if (t.from() != null && !legCos.contains(t.from())) {
                    error(path + ".from", CO_FROM_EARLIER);
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
        bands(path + ".averageKmhByBand", t.averageKmhByBand(), "PM".equals(t.type()), ONLY_PM_HAS_BANDS.with(t.type()), 0, MAX_AVERAGE_KMH,
                BAND_AVERAGE_RANGE.with(MAX_AVERAGE_KMH));
        bands(path + ".durationMinutesByBand", t.durationMinutesByBand(), "CO".equals(t.type()), ONLY_CO_HAS_BANDS.with(t.type()), 0,
                MAX_DURATION_MINUTES, BAND_DURATION_RANGE.with(MAX_DURATION_MINUTES));
        // each type says its laps in its own fields
        boolean timed = "PC".equals(t.type()) || "PM".equals(t.type());
        misplaced(path + ".startLap", t.startLap(), !timed, LAP_IN_LAP.with(t.type()));
        misplaced(path + ".finishLap", t.finishLap(), !"PC".equals(t.type()), ONLY_PC_FINISH_LAP.with());
        misplaced(path + ".lap", t.lap(), timed, ("PC".equals(t.type()) ? LAPS_IN_START_AND_FINISH_LAP : LAPS_IN_START_LAP).with(t.type()));
    }

    /**
     * A trial's values by band: only on the type that has them; each band named (1 to {@link #MAX_BAND} characters, no
     * control characters), each value above {@code min} and at most {@code max}.
     */
    private void bands(String field, Map<String, ? extends Number> byBand, boolean allowed, Said notHere, double min, double max,
            Said range) {
        if (byBand == null) {
            return;
        }
        if (!allowed) {
            error(field, notHere);
            return;
        }
        byBand.forEach((band, value) -> {
            if (band.isBlank() || band.strip().length() > MAX_BAND || band.chars().anyMatch(Character::isISOControl)
                    || !band.equals(band.strip())) {
                error(field, BAND_NAME_RULE.with(MAX_BAND));
            }
            if (value == null || value.doubleValue() <= min || value.doubleValue() > max || Double.isNaN(value.doubleValue())) {
                error(field + "." + band, range);
            }
        });
    }

    private void point(String field, String id, Set<String> points) {
        if (id == null) {
            error(field, MUST_NAME_TIMING_POINT);
        } else if (!points.contains(id)) {
            error(field, UNKNOWN_TIMING_POINT, id);
        }
    }

    /** A null where an object belongs is a fault of its own, and nothing inside it can be checked. */
    private boolean present(String path, Object element) {
        if (element == null) {
            error(path, MUST_BE_OBJECT);
            return false;
        }
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
