package io.regularity.route.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.regularity.route.domain.Race.Detection;
import io.regularity.route.domain.Race.Leg;
import io.regularity.route.domain.Race.Scoring;
import io.regularity.route.domain.Race.TimingPoint;
import io.regularity.route.domain.Race.Town;
import io.regularity.route.domain.Race.Trial;
import io.regularity.route.domain.Race.Trophy;
import io.regularity.support.FieldError;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Sheet;

/**
 * A whole race definition as one spreadsheet table, both ways (docs/guide.md, The route as a spreadsheet): a header row
 * of {@link #COLUMNS}, then one row per thing, its kind in the first column ({@code record}): {@code race},
 * {@code scoring}, and per leg a {@code leg} row followed by its {@code town}, {@code point}, {@code trial} and
 * {@code detection} rows, then the {@code trophy} rows. Each kind fills the columns named as its JSON fields and leaves
 * the others empty (a virtual point's line fills {@code lat}, {@code lon}, {@code bearingDeg} and {@code widthM} of its {@code point}
 * row, and {@code backup} yes when a post times the point and the line only backs it up). Rows are numbered as the spreadsheet numbers them (the header is row 1), and every problem is said
 * as "row 14, column targetMs: …", those of the reading and those of {@link RaceValidator} alike.
 */
public final class RaceSheet {

    public static final List<String> COLUMNS = List.of("record", "leg", "id", "name", "year", "timeZone", "protestMinutes",
            "clerkOfCourse", "chiefTimekeeper", "model", "pcCap",
            "pmUnitCs", "pmCap", "ctMissed", "maxLatenessMinutes", "duplicateWindowMs", "pointsTable", "resolution", "date", "from", "to", "distanceKm",
            "startPoint", "laps", "km", "town", "province", "lat", "lon", "bearingDeg", "widthM", "backup", "description", "type", "start", "startLap",
            "finish", "finishLap", "targetMs", "averageKmh", "averageKmhByBand", "point", "lap", "distanceM", "durationMinutes",
            "durationMinutesByBand", "status", "trials");

    /** What a sheet read as: the definition, and every problem found (row and column named). */
    public record Read(Race race, List<FieldError> errors) {
    }

    private RaceSheet() {
    }

    // ---- writing

    /** The definition as rows: the header, then its rows; cells are text or numbers, null when empty. */
    public static List<List<Object>> rows(Race race) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(COLUMNS));
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("id", race.id());
        head.put("name", race.name());
        head.put("year", race.year());
        head.put("timeZone", race.timeZone());
        head.put("protestMinutes", race.protestMinutes());
        if (race.officials() != null) {
            head.put("clerkOfCourse", race.officials().clerkOfCourse());
            head.put("chiefTimekeeper", race.officials().chiefTimekeeper());
        }
        rows.add(row("race", null, head));
        Scoring s = race.scoring();
        if (s != null) {
            Map<String, Object> scoring = new LinkedHashMap<>();
            scoring.put("model", s.model());
            scoring.put("pcCap", s.pcCap());
            scoring.put("pmUnitCs", s.pmUnitCs());
            scoring.put("pmCap", s.pmCap());
            scoring.put("ctMissed", s.ctMissed());
            scoring.put("maxLatenessMinutes", s.maxLatenessMinutes());
            scoring.put("duplicateWindowMs", s.duplicateWindowMs());
            scoring.put("pointsTable", s.pointsTable() == null ? null : String.join(" ", s.pointsTable().stream().map(String::valueOf).toList()));
            scoring.put("resolution", s.resolution());
            rows.add(row("scoring", null, scoring));
        }
        for (Leg leg : race.legs()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", leg.name());
            l.put("date", leg.date());
            l.put("from", leg.from());
            l.put("to", leg.to());
            l.put("distanceKm", leg.distanceKm());
            l.put("startPoint", leg.startPoint());
            l.put("laps", leg.laps());
            rows.add(row("leg", leg.number(), l));
            for (Town t : nonNull(leg.towns())) {
                Map<String, Object> town = new LinkedHashMap<>();
                town.put("name", t.name());
                town.put("province", t.province());
                town.put("km", t.km());
                town.put("lat", t.lat());
                town.put("lon", t.lon());
                town.put("description", t.description());
                rows.add(row("town", leg.number(), town));
            }
            for (TimingPoint p : nonNull(leg.timingPoints())) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("id", p.id());
                point.put("town", p.town());
                point.put("km", p.km());
                if (p.virtual() != null) {
                    point.put("lat", p.virtual().lat());
                    point.put("lon", p.virtual().lon());
                    point.put("bearingDeg", p.virtual().bearingDeg());
                    point.put("widthM", p.virtual().widthM());
                    point.put("backup", p.virtual().backup() == null ? null : p.virtual().backup() ? "yes" : "no");
                }
                rows.add(row("point", leg.number(), point));
            }
            for (Trial t : nonNull(leg.trials())) {
                Map<String, Object> trial = new LinkedHashMap<>();
                trial.put("id", t.id());
                trial.put("type", t.type());
                trial.put("start", t.start());
                trial.put("startLap", t.startLap());
                trial.put("finish", t.finish());
                trial.put("finishLap", t.finishLap());
                trial.put("targetMs", t.targetMs());
                trial.put("averageKmh", t.averageKmh());
                trial.put("averageKmhByBand", SheetRow.byBand(t.averageKmhByBand()));
                trial.put("point", t.point());
                trial.put("lap", t.lap());
                trial.put("from", t.from());
                trial.put("durationMinutes", t.durationMinutes());
                trial.put("durationMinutesByBand", SheetRow.byBand(t.durationMinutesByBand()));
                trial.put("status", t.status());
                rows.add(row("trial", leg.number(), trial));
                for (Detection d : nonNull(t.detections())) {
                    Map<String, Object> detection = new LinkedHashMap<>();
                    detection.put("id", t.id());
                    detection.put("point", d.point());
                    detection.put("distanceM", d.distanceM());
                    detection.put("lap", d.lap());
                    rows.add(row("detection", leg.number(), detection));
                }
            }
        }
        for (Trophy t : nonNull(race.trophies())) {
            Map<String, Object> trophy = new LinkedHashMap<>();
            trophy.put("name", t.name());
            trophy.put("trials", String.join(" ", nonNull(t.trials())));
            rows.add(row("trophy", null, trophy));
        }
        return rows;
    }

    /** The definition as CSV: a byte-order mark (Excel then reads it as UTF-8), the header, then its rows. */
    public static String csv(Race race) {
        StringBuilder csv = new StringBuilder(Csv.BOM);
        rows(race).forEach(row -> csv.append(Csv.line(row.toArray())));
        return csv.toString();
    }

    private static List<Object> row(String record, Integer leg, Map<String, Object> cells) {
        Object[] row = new Object[COLUMNS.size()];
        row[0] = record;
        row[1] = leg;
        cells.forEach((column, value) -> {
            int i = COLUMNS.indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + column);
            }
            row[i] = value instanceof Double d ? BigDecimal.valueOf(d) : value;
        });
        return Arrays.asList(row);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    // ---- reading

    /**
     * The work of reading one sheet: its header, then row by row the race, its scoring, its legs (with {@link SheetLegs})
     * and its trophies; it also remembers which row each element of the definition came from.
     */
    private static final class Reader {
        /** The sheet read, for its rows and for the date system its serial dates count in. */
        final Sheet sheet;
        final List<FieldError> errors = new ArrayList<>();
        final Map<String, Integer> header = new HashMap<>();
        final SheetLocations locations = new SheetLocations();

        Reader(Sheet sheet) {
            this.sheet = sheet;
        }

        Read read() {
            List<List<String>> records = sheet.rows();
            if (records.isEmpty() || records.get(0).stream().allMatch(String::isBlank)) {
                errors.add(new FieldError("row 1", RoutePhrases.AT_ROW.with(1, RoutePhrases.HEADER_MISSING.with(String.join(", ", COLUMNS)))));
                return new Read(null, errors);
            }
            List<String> head = records.get(0);
            for (int i = 0; i < head.size(); i++) {
                String name = head.get(i).trim();
                if (!name.isEmpty()) {
                    if (!COLUMNS.contains(name)) {
                        errors.add(new FieldError("row 1", RoutePhrases.AT_ROW_COLUMN.with(1, letters(i),
                                RoutePhrases.UNKNOWN_COLUMN.with(name, String.join(", ", COLUMNS)))));
                    } else {
                        header.put(name, i);
                    }
                }
            }
            if (!header.containsKey("record")) {
                errors.add(new FieldError("row 1", RoutePhrases.AT_ROW.with(1, RoutePhrases.HEADER_LACKS_RECORD)));
                return new Read(null, errors);
            }
            String id = null, name = null, timeZone = null;
            Integer year = null, protestMinutes = null;
            Race.Officials officials = null;
            Scoring scoring = null;
            SheetLegs legs = new SheetLegs();
            List<Trophy> trophies = new ArrayList<>();
            List<Integer> trophyRows = new ArrayList<>();
            Integer raceRow = null, scoringRow = null;
            for (int r = 1; r < records.size(); r++) {
                if (records.get(r).isEmpty()) {
                    continue; // a row a workbook skips: a sheet may have a million of them before its last
                }
                SheetRow row = new SheetRow(records.get(r), r + 1, header, sheet, errors);
                if (row.blank()) {
                    continue;
                }
                String record = row.text("record");
                if (record == null) {
                    row.error("record", RoutePhrases.SAY_RECORD);
                    continue;
                }
                switch (record) {
                    case "race" -> {
                        if (raceRow != null) {
                            row.error("record", RoutePhrases.SECOND_RACE_ROW, raceRow);
                        }
                        raceRow = row.number;
                        id = row.text("id");
                        name = row.text("name");
                        year = row.integer("year");
                        timeZone = row.text("timeZone");
                        protestMinutes = row.integer("protestMinutes");
                        String clerk = row.text("clerkOfCourse"), chief = row.text("chiefTimekeeper");
                        officials = clerk == null && chief == null ? null : new Race.Officials(clerk, chief);
                    }
                    case "scoring" -> {
                        scoringRow = row.number;
                        scoring = new Scoring(row.text("model"), row.integer("pcCap"), row.integer("pmUnitCs"), row.integer("pmCap"),
                                row.integer("ctMissed"), row.integer("maxLatenessMinutes"), row.integer("duplicateWindowMs"),
                                row.integers("pointsTable"), row.text("resolution"));
                    }
                    case "leg" -> legs.leg(row);
                    case "town", "point", "trial", "detection" -> legs.element(record, row);
                    case "trophy" -> {
                        String trialList = row.text("trials");
                        trophies.add(new Trophy(row.text("name"), trialList == null ? List.of() : List.of(trialList.trim().split("[\\s,;]+"))));
                        trophyRows.add(row.number);
                    }
                    default -> row.error("record", RoutePhrases.UNKNOWN_RECORD, record);
                }
            }
            if (raceRow == null) {
                errors.add(new FieldError("row 2", RoutePhrases.NO_RACE_ROW));
            }
            // where each element came from, for the validator's faults
            locations.put("", raceRow);
            locations.put("scoring", scoringRow);
            List<Leg> legList = legs.build(locations);
            for (int j = 0; j < trophyRows.size(); j++) {
                locations.put("trophies[" + j + "]", trophyRows.get(j));
            }
            Race race = new Race(id, name, year, timeZone, protestMinutes, officials, scoring, legList, trophies, null, null, null);
            return new Read(race, errors);
        }

        /** A column's letters as a spreadsheet shows them (A, B, … AA). */
        private static String letters(int index) {
            StringBuilder letters = new StringBuilder();
            for (int i = index + 1; i > 0; i = (i - 1) / 26) {
                letters.insert(0, (char) ('A' + (i - 1) % 26));
            }
            return letters.toString();
        }
    }

    /**
     * Reads a sheet's rows (row 1 the header; empty rows skipped) and checks the definition they hold: the definition, and
     * every problem, of the reading and of {@link RaceValidator} alike, each naming the row and column as the spreadsheet
     * shows them. Numbers may have decimal commas (a sheet saved in Italy); a date may be one Excel keeps as a number,
     * counted in the sheet's date system.
     */
    public static Read read(String raceId, Sheet sheet) {
        Reader reader = new Reader(sheet);
        Read read = reader.read();
        if (read.race() == null) {
            return read;
        }
        List<FieldError> errors = new ArrayList<>(read.errors());
        Race race = read.race();
        if (race.id() == null) {
            race = race.withId(raceId);
        }
        errors.addAll(reader.locations.locate(RaceValidator.validate(raceId, race)));
        return new Read(race, errors);
    }
}
