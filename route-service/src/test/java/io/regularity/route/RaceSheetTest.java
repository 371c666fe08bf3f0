package io.regularity.route;

import static io.regularity.testsupport.Workbooks.workbook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.ThreadMXBean;

import io.regularity.route.domain.Race;
import io.regularity.route.domain.Race.Detection;
import io.regularity.route.domain.Race.Leg;
import io.regularity.route.domain.Race.Scoring;
import io.regularity.route.domain.Race.TimingPoint;
import io.regularity.route.domain.Race.Town;
import io.regularity.route.domain.Race.Trial;
import io.regularity.route.domain.Race.Trophy;
import io.regularity.route.domain.RaceSheet;
import io.regularity.route.domain.RaceValidator;
import io.regularity.route.rest.RaceResource;
import io.regularity.route.rest.TemplateResource;
import io.regularity.support.FieldError;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Sheet;
import io.regularity.support.csv.Xlsx;

/** The route spreadsheet, both ways: any definition exported and read again is the same definition; faults name row and column. */
class RaceSheetTest {

    static String csv(Race race) {
        StringBuilder text = new StringBuilder(Csv.BOM);
        RaceSheet.rows(race).forEach(row -> text.append(Csv.line(row.toArray())));
        return text.toString();
    }

    /** The definition without what a sheet does not carry (the revision and the publication, which the server keeps). */
    static Race definition(Race race) {
        return new Race(race.id(), race.name(), race.year(), race.timeZone(), race.protestMinutes(), race.officials(), race.scoring(), race.legs(),
                race.trophies(), null, null, null);
    }

    static void assertRoundTrip(Race race) {
        RaceSheet.Read fromCsv = RaceSheet.read(race.id(), Sheet.of(Csv.records(csv(race))));
        assertEquals(List.of(), fromCsv.errors());
        assertEquals(definition(race), fromCsv.race());
        RaceSheet.Read fromXlsx = RaceSheet.read(race.id(), Xlsx.read(Xlsx.write("Route", RaceSheet.rows(race))));
        assertEquals(List.of(), fromXlsx.errors());
        assertEquals(definition(race), fromXlsx.race());
    }

    @Test
    void theApiDocumentsExampleComesBackTheSame() throws Exception {
        Race example = new ObjectMapper().readValue(RaceResource.RACE_EXAMPLE, Race.class);
        assertEquals(List.of(), RaceValidator.validate(example.id(), example));
        assertRoundTrip(example);
    }

    @Test
    void theTemplateTheDemoRaceComesBackTheSame() {
        Race template = TemplateResource.template("demo-2023", null, null, null);
        assertEquals(List.of(), RaceValidator.validate(template.id(), template));
        assertEquals(5, template.legs().size());
        assertEquals(203, template.legs().stream().mapToInt(l -> l.trials().size()).sum());
        assertEquals(262, template.legs().stream().mapToInt(l -> l.timingPoints().size()).sum());
        assertEquals(46, template.legs().stream().mapToInt(l -> l.towns().size()).sum());
        assertRoundTrip(template);
    }

    @Test
    void randomDefinitionsRoadsAndCircuitsComeBackTheSame() {
        Random random = new Random(25);
        for (int i = 0; i < 200; i++) {
            Race race = random(random, "r" + i);
            assertEquals(List.of(), RaceValidator.validate(race.id(), race), "the generator makes valid races");
            assertRoundTrip(race);
        }
    }

    @Test
    void aSheetSavedByExcelInItalyIsReadWithItsSemicolonsAndDecimalCommas() {
        String italian = "\uFEFF" + RaceResource.SHEET_EXAMPLE.replace("\n", "\r\n");
        RaceSheet.Read read = RaceSheet.read("1000-miglia-2023", Sheet.of(Csv.records(italian)));
        assertEquals(List.of(), read.errors());
        Leg leg = read.race().legs().get(0);
        assertEquals(25.4, leg.timingPoints().get(2).km());
        assertEquals(24_000L, leg.trials().get(0).targetMs());
        assertEquals("POINTS", read.race().scoring().model());
    }

    @Test
    void everyFaultNamesTheRowAndTheColumnAsTheSpreadsheetShowsThem() {
        String sheet = """
                record,leg,id,name,year,type,start,finish,targetMs,km,startPoint,laps
                race,,r,Coppa,2024,,,,,,,
                leg,1,,Leg 1,,,,,,,S,
                point,1,S,,,,,,,0,,
                point,1,A,,,,,,,1.5,,
                point,1,B,,,,,,,two,,
                trial,1,PC1,,,PC,A,B,twelve,,,
                trial,1,PC2,,,PC,B,A,12000,,,
                trial,1,CT1,,,CT,,,,,,
                """;
        List<FieldError> errors = RaceSheet.read("r", Sheet.of(Csv.records(sheet))).errors();
        List<String> messages = errors.stream().map(FieldError::message).toList();
        assertTrue(messages.contains("row 6, column km: must be a number such as 25.4 (or 25,4), not \"two\""), messages.toString());
        assertTrue(messages.contains("row 7, column targetMs: must be a whole number, not \"twelve\""), messages.toString());
        // the validator's faults, said the same way: PC1 has no target left, CT1 no point
        assertTrue(messages.contains("row 7, column targetMs: target must be positive"), messages.toString());
        assertTrue(messages.contains("row 9, column point: must name a timing point"), messages.toString());
        assertEquals("row 9.point", errors.get(messages.indexOf("row 9, column point: must name a timing point")).field());
    }

    /** Issue 39: a point row with a line across the road is a virtual point; its faults name its row and the sheet's column. */
    @Test
    void aPointRowWithALineIsVirtualAndItsFaultsNameTheColumn() {
        String sheet = """
                record,leg,id,name,year,km,startPoint,lat,lon,bearingDeg,widthM
                race,,r,Coppa,2024,,,,,,
                leg,1,,Leg 1,,,S,,,,
                point,1,S,,,0,,,,,
                point,1,V1,,,1.5,,"45,5412",10.2118,112.5,12
                point,1,V2,,,2.5,,45.6,,400,
                point,1,V3,,,3.5,,,,abc,
                """;
        RaceSheet.Read read = RaceSheet.read("r", Sheet.of(Csv.records(sheet)));
        List<TimingPoint> points = read.race().legs().get(0).timingPoints();
        assertNull(points.get(0).virtual(), "a point row without a line is a post");
        assertEquals(new Race.VirtualLine(45.5412, 10.2118, 112.5, 12.0), points.get(1).virtual());
        List<String> messages = read.errors().stream().map(FieldError::message).toList();
        assertEquals(List.of("row 7, column bearingDeg: must be a number such as 25.4 (or 25,4), not \"abc\"",
                "row 6, column lon: longitude must be between -180 and 180",
                "row 6, column bearingDeg: the road's heading at the line, in degrees clockwise from north: from 0 to less than 360",
                "row 6, column widthM: the line's width across the road, in metres: from 1 to 200"), messages);
        assertEquals("row 6.widthM", read.errors().get(3).field());
    }

    /**
     * Issue 39: a point row's backup column says a post times the point and its line only backs it up: yes, sì, true, 1
     * (or no, false, 0) as a sheet writes them in English or Italian; anything else is a fault naming the cell; the export
     * writes yes or no and reads back the same.
     */
    @Test
    void aPointRowsBackupColumnIsReadAsYesOrNoAndWrittenBack() {
        String sheet = """
                record;leg;id;name;year;km;startPoint;lat;lon;bearingDeg;widthM;backup
                race;;r;Coppa;2024;;;;;;;
                leg;1;;Leg 1;;;S;;;;;
                point;1;S;;;0;;;;;;no
                point;1;B1;;;1,5;;45,5412;10,2118;112,5;12;Sì
                point;1;B2;;;2,5;;45,55;10,22;90;12;1
                point;1;B3;;;3,5;;45,56;10,23;90;12;TRUE
                point;1;V1;;;4,5;;45,57;10,24;90;12;no
                point;1;V2;;;5,5;;45,58;10,25;90;12;
                point;1;X1;;;6,5;;45,59;10,26;90;12;forse
                """;
        RaceSheet.Read read = RaceSheet.read("r", Sheet.of(Csv.records(sheet)));
        List<TimingPoint> points = read.race().legs().get(0).timingPoints();
        assertNull(points.get(0).virtual(), "backup no on a post without a line leaves it a post");
        assertEquals(new Race.VirtualLine(45.5412, 10.2118, 112.5, 12.0, true), points.get(1).virtual());
        assertEquals(true, points.get(2).virtual().backup());
        assertEquals(true, points.get(3).virtual().backup());
        assertEquals(false, points.get(4).virtual().backup());
        assertNull(points.get(5).virtual().backup());
        assertNull(points.get(6).virtual().backup());
        assertEquals(List.of("row 10, column backup: must be yes or no (sì, true, 1; no, false, 0), not \"forse\""),
                read.errors().stream().map(FieldError::message).toList());
        assertEquals("row 10.backup", read.errors().get(0).field());
        // a backup line with nothing else: the validator names the numbers it lacks on the row
        RaceSheet.Read alone = RaceSheet.read("r", Sheet.of(Csv.records("""
                record;leg;id;name;year;km;startPoint;backup
                race;;r;Coppa;2024;;;
                leg;1;;Leg 1;;;S;
                point;1;S;;;0;;yes
                """)));
        assertEquals(List.of("row 4.lat", "row 4.lon", "row 4.bearingDeg", "row 4.widthM"),
                alone.errors().stream().map(FieldError::field).toList());
        // written as yes and no, read back the same
        Race race = new Race("r", "Coppa", 2024, "Europe/Rome", null, null, null, List.of(new Leg(1, "Leg 1", null, null, null, null, "S", null,
                List.of(), points.subList(0, 6), List.of())), List.of(), null, null, null);
        List<List<Object>> rows = RaceSheet.rows(race);
        int backup = rows.get(0).indexOf("backup");
        assertEquals("yes", rows.get(rows.size() - 5).get(backup));
        assertEquals("no", rows.get(rows.size() - 2).get(backup));
        assertNull(rows.get(rows.size() - 1).get(backup));
        assertRoundTrip(race);
    }

    @Test
    void resolutionAndBandsAreReadWithDecimalCommasAndABadCellIsNamed() {
        String sheet = """
                record;leg;id;name;year;resolution;startPoint;km;type;start;averageKmh;averageKmhByBand;point;distanceM;durationMinutes;durationMinutesByBand
                race;;r;Coppa;2024;;;;;;;;;;;
                scoring;;;;;TENTH;;;;;;;;;;
                leg;1;;Leg 1;;;S;;;;;;;;;
                point;1;S;;;;;0;;;;;;;;
                point;1;A;;;;;1,5;;;;;;;;
                trial;1;PM1;;;;;;PM;S;40;"HIGH=50,5; LOW=38";;;;
                detection;1;PM1;;;;;;;;;;A;1000;;
                trial;1;CO1;;;;;;CO;;;;A;;30;HIGH=25
                """;
        RaceSheet.Read read = RaceSheet.read("r", Sheet.of(Csv.records(sheet)));
        assertEquals(List.of(), read.errors());
        assertEquals("TENTH", read.race().scoring().resolution());
        assertEquals(Map.of("HIGH", 50.5, "LOW", 38.0), read.race().legs().get(0).trials().get(0).averageKmhByBand());
        assertEquals(Map.of("HIGH", 25), read.race().legs().get(0).trials().get(1).durationMinutesByBand());

        String bad = sheet.replace("\"HIGH=50,5; LOW=38\"", "HIGH fifty").replace(";HIGH=25", ";HIGH=0").replace("TENTH", "TENTHS");
        List<String> messages = RaceSheet.read("r", Sheet.of(Csv.records(bad))).errors().stream().map(FieldError::message).toList();
        assertTrue(messages.contains("row 7, column averageKmhByBand: must be bands and their values such as HIGH=50; LOW=40, not \"HIGH fifty\""),
                messages.toString());
        assertTrue(messages.contains("row 9, column durationMinutesByBand: a band's duration must be a whole number of minutes from 1 to 1440"),
                messages.toString());
        assertTrue(messages.contains("row 3, column resolution: must be HUNDREDTH, TENTH or SECOND"), messages.toString());
    }

    @Test
    void aDetectionMustNameAPmAboveItAndEveryRowSaysWhatItIs() {
        String sheet = """
                record,leg,id,name,year,point,distanceM
                race,,r,Coppa,2024,,
                detection,1,PM1,,,A,500
                mystery,,,,,,
                ,,,,,,
                """;
        List<String> messages = RaceSheet.read("r", Sheet.of(Csv.records(sheet))).errors().stream().map(FieldError::message).toList();
        assertTrue(messages.contains("row 3, column leg: no leg 1 above this row: a leg's row comes before its towns, points and trials"),
                messages.toString());
        assertTrue(messages.contains("row 4, column record: unknown record \"mystery\": it is race, scoring, leg, town, point, trial, "
                + "detection or trophy"), messages.toString());
        assertTrue(messages.contains("row 2, column record (its leg rows): a race needs at least one leg"), messages.toString());
        assertEquals(3, messages.size(), messages.toString());
    }

    @Test
    void aCellThatLooksLikeAFormulaIsNeutralisedOnExportAndComesBackAsItWas() {
        Race race = new Race("r", "=SUM(A1)", 2024, "Europe/Rome", null, null, null, List.of(new Leg(1, "@home", null, null, null, null, "S", null,
                List.of(new Town("-Brescia", "BS", 0.0, null, null, "+39 030")), List.of(new TimingPoint("S", null, 0.0)), List.of())),
                List.of(), null, null, null);
        assertTrue(csv(race).contains("\"'=SUM(A1)\""));
        assertRoundTrip(race);
    }

    @Test
    void aDateExcelKeepsAsANumberIsReadAsTheDate() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("record", "leg", "id", "name", "year", "date", "startPoint"));
        rows.add(List.of("race", "", "r", "Coppa", "2024", "", ""));
        rows.add(List.of("leg", "1", "", "Leg 1", "", "45090", "S"));
        rows.add(List.of("point", "1", "S", "", "", "", ""));
        RaceSheet.Read read = RaceSheet.read("r", Sheet.of(rows));
        assertEquals("2023-06-13", read.race().legs().get(0).date());
        assertNull(read.race().legs().get(0).laps());
    }

    /**
     * A row at a workbook's last row is one problem, said at once: the million rows before it are empty and cost
     * nothing (the same sheet with that row as row 5 is read first, for the classes it loads are not what is measured).
     */
    @Test
    void aRowAtAWorkbooksLastRowIsOneProblemSaidAtOnce() throws Exception {
        Object[] rows = { 1, new String[] { "record", "leg", "id", "name", "year", "startPoint" }, 2,
                new String[] { "race", "", "r", "Coppa", "2024", "" }, 3, new String[] { "leg", "1", "", "Leg 1", "", "S" }, 4,
                new String[] { "point", "1", "S" }, 5, new String[] { "mystery" } };
        assertEquals(1, RaceSheet.read("r", Xlsx.read(workbook(rows))).errors().size());
        rows[8] = 1_048_576;
        byte[] workbook = workbook(rows);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long bytes = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        List<String> messages = RaceSheet.read("r", Xlsx.read(workbook)).errors().stream().map(FieldError::message).toList();
        long millis = (System.nanoTime() - start) / 1_000_000;
        bytes = threads.getCurrentThreadAllocatedBytes() - bytes;
        assertEquals(List.of("row 1048576, column record: unknown record \"mystery\": it is race, scoring, leg, town, point, trial, "
                + "detection or trophy"), messages);
        assertTrue(millis < 1000, "it took " + millis + " ms");
        assertTrue(bytes < 8 << 20, "it cost " + bytes + " bytes");
    }

    /**
     * A workbook saved in Excel's 1904 date system (older Excel for the Mac) keeps 13 June 2023 as 43628, not 45090: its
     * leg's date is read as the same day either way, not four years and a day early.
     */
    @Test
    void aDateIsReadInTheWorkbooksOwnDateSystem() throws Exception {
        Object[] rows = { 1, new String[] { "record", "leg", "id", "name", "year", "date", "startPoint" }, 2,
                new String[] { "race", "", "r", "Coppa", "2024", "", "" }, 3, new String[] { "leg", "1", "", "Leg 1", "", "45090", "S" }, 4,
                new String[] { "point", "1", "S" } };
        assertEquals("2023-06-13", RaceSheet.read("r", Xlsx.read(workbook(rows))).race().legs().get(0).date());
        ((String[]) rows[5])[5] = "43628";
        for (String date1904 : List.of("<workbookPr date1904=\"1\"/>", "<workbookPr date1904=\"true\" defaultThemeVersion=\"124226\"/>")) {
            assertEquals("2023-06-13", RaceSheet.read("r", Xlsx.read(workbook(date1904, rows))).race().legs().get(0).date(), date1904);
        }
    }

    // ---- random valid definitions

    static Race random(Random random, String id) {
        List<Leg> legs = new ArrayList<>();
        int legCount = 1 + random.nextInt(3);
        List<String> trialIds = new ArrayList<>();
        int[] counter = { 0 };
        for (int n = 1; n <= legCount; n++) {
            legs.add(random.nextInt(3) == 0 ? circuit(random, n, trialIds, counter) : road(random, n, trialIds, counter));
        }
        Scoring scoring = random.nextBoolean() ? null : new Scoring(random.nextBoolean() ? "POINTS" : "PENALTIES", 1 + random.nextInt(500),
                1 + random.nextInt(10), 1 + random.nextInt(500), random.nextInt(500), 1 + random.nextInt(60), random.nextInt(20_000),
                random.nextBoolean() ? null : List.of(420, 395, 380), random.nextBoolean() ? null
                        : List.of("HUNDREDTH", "TENTH", "SECOND").get(random.nextInt(3)));
        List<Trophy> trophies = trialIds.isEmpty() || random.nextBoolean() ? List.of()
                : List.of(new Trophy("Trofeo " + id, trialIds.subList(0, Math.min(3, trialIds.size()))));
        return new Race(id, "Race " + id + (random.nextBoolean() ? ", with a comma; and \"quotes\"" : ""), 1950 + random.nextInt(80),
                random.nextBoolean() ? null : "Europe/Rome", random.nextBoolean() ? null : random.nextInt(121),
                random.nextBoolean() ? null : new Race.Officials("Clerk " + id, random.nextBoolean() ? null : "Chief, \"timekeeper\""), scoring, legs,
                trophies, null, null, null);
    }

    static Leg road(Random random, int n, List<String> trialIds, int[] counter) {
        List<TimingPoint> points = new ArrayList<>();
        List<Town> towns = new ArrayList<>();
        double km = 0;
        int pointCount = 4 + random.nextInt(6);
        for (int i = 0; i < pointCount; i++) {
            // a point in three is virtual (issue 39): a line across the road at any place, any heading, 1 to 200 m wide
            Race.VirtualLine line = random.nextInt(3) > 0 ? null : new Race.VirtualLine((45_000_000 + random.nextInt(1_000_000)) / 1e6,
                    (random.nextInt(360_000_001) - 180_000_000) / 1e6, random.nextInt(3600) / 10.0, (10 + random.nextInt(1991)) / 10.0,
                    new Boolean[] { null, true, false }[random.nextInt(3)]);
            points.add(new TimingPoint("L" + n + "-P" + i, random.nextBoolean() ? "Città " + i : null, Math.round(km * 1000) / 1000.0, line));
            km += 0.1 + random.nextInt(5000) / 1000.0;
        }
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            towns.add(new Town("Town " + i + (random.nextBoolean() ? " d'Italia" : ""), random.nextBoolean() ? "BS" : null, i * 10.0,
                    random.nextBoolean() ? 45 + random.nextInt(1000) / 1000.0 : null, random.nextBoolean() ? 10.2 : null,
                    random.nextBoolean() ? "a description,\nover two lines" : null));
        }
        List<Trial> trials = new ArrayList<>();
        trials.add(new Trial("PC" + ++counter[0], "PC", "L" + n + "-P1", "L" + n + "-P2", 1_000L + random.nextInt(60_000), null, null, null,
                null, null, random.nextBoolean() ? "CLOSED" : null, null, null, null));
        trials.add(new Trial("PM" + ++counter[0], "PM", "L" + n + "-P2", null, null, 30 + random.nextInt(20) + 0.5, List.of(new Detection("L" + n
                + "-P3", 500 + random.nextInt(500), null)), null, null, null, null, null, null, null,
                random.nextBoolean() ? null : Map.of("HIGH", 45.5 + random.nextInt(5), "Media bassa", 38.0), null));
        trials.add(new Trial("CO" + ++counter[0], "CO", null, null, null, null, null, "L" + n + "-P" + (pointCount - 1), null,
                30 + random.nextInt(200), null, null, null, null, null, random.nextBoolean() ? null : Map.of("HIGH", 25 + random.nextInt(5))));
        trials.add(new Trial("CT" + ++counter[0], "CT", null, null, null, null, null, "L" + n + "-P3", null, null, null, null, null, null));
        trials.forEach(t -> trialIds.add(t.id()));
        return new Leg(n, "Leg " + n, "2024-06-1" + n, "From " + n, "To " + n, random.nextBoolean() ? Math.round(km * 1000) / 1000.0 : null, "L" + n + "-P0", null,
                towns, points, trials);
    }

    static Leg circuit(Random random, int n, List<String> trialIds, int[] counter) {
        int laps = 2 + random.nextInt(8);
        List<TimingPoint> points = List.of(new TimingPoint("C" + n + "-A", null, 0.0), new TimingPoint("C" + n + "-B", null, 0.7),
                new TimingPoint("C" + n + "-C", null, 1.5), new TimingPoint("C" + n + "-D", null, 2.2));
        List<Trial> trials = new ArrayList<>();
        for (int lap = 1; lap <= laps; lap++) {
            if (random.nextBoolean()) {
                trials.add(new Trial("PC" + ++counter[0], "PC", "C" + n + "-D", "C" + n + "-A", 40_000L, null, null, null, null, null, null, lap,
                        lap + 1, null));
            }
        }
        trials.add(new Trial("CT" + ++counter[0], "CT", null, null, null, null, null, "C" + n + "-B", null, null, null, null, null,
                1 + random.nextInt(laps)));
        trials.add(new Trial("PM" + ++counter[0], "PM", "C" + n + "-C", null, null, 40.0, List.of(new Detection("C" + n + "-A", 1300, 2),
                new Detection("C" + n + "-B", 2000, 2)), null, null, null, null, 1, null, null));
        trials.add(new Trial("CO" + ++counter[0], "CO", null, null, null, null, null, "C" + n + "-A", null, 60, null, null, null, laps + 1));
        trials.forEach(t -> trialIds.add(t.id()));
        return new Leg(n, "Circuito " + n, null, null, null, Math.round(2800.0 * laps) / 1000.0, "C" + n + "-A", laps, List.of(), points, trials);
    }
}
