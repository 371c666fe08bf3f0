package io.regularity.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.regularity.route.domain.Race;
import io.regularity.route.domain.Race.Leg;
import io.regularity.route.domain.Race.TimingPoint;
import io.regularity.route.domain.Race.Trial;
import io.regularity.route.domain.RaceValidator;
import io.regularity.route.domain.RoutePhrases;
import io.regularity.support.FieldError;

class RaceValidatorTest {

    static Trial pc(String id, String start, String finish) {
        return new Trial(id, "PC", start, finish, 12000L, null, null, null, null, null, null, null, null, null);
    }

    static Race race(List<Leg> legs) {
        return new Race("r", "R", 2024, null, null, null, null, legs, null, null, null, null);
    }

    static Leg leg(int n, List<Trial> trials) {
        return new Leg(n, "Leg " + n, null, null, null, null, "S" + n, null,
                null, List.of(new TimingPoint("S" + n, null, 0.0), new TimingPoint("A" + n, null, 1.0),
                        new TimingPoint("B" + n, null, 2.0)), trials);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void aSoundRaceHasNoErrors() {
        assertEquals(List.of(), RaceValidator.validate("r", race(List.of(leg(1, List.of(pc("PC1", "A1", "B1")))))));
    }

    @Test
    void legsMustBeNumberedOneToN() {
        var errors = RaceValidator.validate("r", race(List.of(leg(1, List.of()), leg(3, List.of()))));
        assertEquals(List.of("legs[1].number"), fields(errors));
    }

    @Test
    void duplicateTrialIdsAcrossLegsAreNamed() {
        var errors = RaceValidator.validate("r", race(List.of(leg(1, List.of(pc("PC1", "A1", "B1"))),
                leg(2, List.of(pc("PC1", "A2", "B2"))))));
        assertEquals(List.of("legs[1].trials[0].id"), fields(errors));
    }

    @Test
    void aTrialMayOnlyUseTimingPointsOfItsOwnLeg() {
        var errors = RaceValidator.validate("r", race(List.of(leg(1, List.of()), leg(2, List.of(pc("PC1", "A1", "B2"))))));
        assertEquals(List.of("legs[1].trials[0].start"), fields(errors));
    }

    @Test
    void aCoFromMustBeAnEarlierCoOfTheLeg() {
        Trial co1 = new Trial("CO1", "CO", null, null, null, null, null, "A1", "CO2", 30, null, null, null, null);
        Trial co2 = new Trial("CO2", "CO", null, null, null, null, null, "B1", null, 30, null, null, null, null);
        var errors = RaceValidator.validate("r", race(List.of(leg(1, List.of(co1, co2)))));
        assertEquals(List.of("legs[0].trials[0].from"), fields(errors));
    }

    @Test
    void pmDistancesMustIncreaseAndSpeedBePositive() {
        Trial pm = new Trial("PM1", "PM", "S1", null, null, 0.0, List.of(new Race.Detection("A1", 500, null),
                new Race.Detection("B1", 400, null)), null, null, null, null, null, null, null);
        var errors = RaceValidator.validate("r", race(List.of(leg(1, List.of(pm)))));
        assertEquals(List.of("legs[0].trials[0].averageKmh", "legs[0].trials[0].detections[1].distanceM"), fields(errors));
    }

    @Test
    void manyFaultsAreAllListedAtOnce() {
        Race bad = new Race("other", "", 1800, "Mars/Olympus", null, null, new Race.Scoring("GOLF", 0, null, null, null, null, null, null),
                List.of(leg(2, List.of(pc("PC 1", "X", "X")))), null, null, null, null);
        var errors = RaceValidator.validate("r", bad);
        assertTrue(errors.size() >= 8, "expected every fault, got " + errors);
        assertTrue(fields(errors).containsAll(List.of("id", "name", "year", "timeZone", "scoring.model", "scoring.pcCap",
                "legs[0].number", "legs[0].trials[0].id", "legs[0].trials[0].start", "legs[0].trials[0].finish")));
    }

    /** Issue 39: a virtual point's line across the road, each of its four numbers checked and named (a NaN from a sheet too). */
    @Test
    void aVirtualLinesNumbersAreEachCheckedAndNamed() {
        Leg sound = new Leg(1, "Leg 1", null, null, null, null, "S", null, null, List.of(new TimingPoint("S", null, 0.0),
                new TimingPoint("V1", null, 1.0, new Race.VirtualLine(45.5, 10.2, 0.0, 1.0)),
                new TimingPoint("V2", null, 2.0, new Race.VirtualLine(-90.0, 180.0, 359.9, 200.0))), List.of(pc("PC1", "V1", "V2")));
        assertEquals(List.of(), RaceValidator.validate("r", withLeg(sound)));
        Leg bad = new Leg(1, "Leg 1", null, null, null, null, "S", null, null, List.of(new TimingPoint("S", null, 0.0),
                new TimingPoint("V1", null, 1.0, new Race.VirtualLine(90.1, -180.1, 360.0, 0.9)),
                new TimingPoint("V2", null, 2.0, new Race.VirtualLine(null, null, null, null)),
                new TimingPoint("V3", null, 3.0, new Race.VirtualLine(Double.NaN, Double.NaN, -0.1, 200.5))), List.of());
        List<FieldError> errors = RaceValidator.validate("r", withLeg(bad));
        List<String> each = List.of("lat", "lon", "bearingDeg", "widthM");
        List<String> expected = new java.util.ArrayList<>();
        for (int j = 1; j <= 3; j++) {
            for (String field : each) {
                expected.add("legs[0].timingPoints[" + j + "].virtual." + field);
            }
        }
        assertEquals(expected, fields(errors));
        assertEquals(List.of("latitude must be between -90 and 90", "longitude must be between -180 and 180",
                "the road's heading at the line, in degrees clockwise from north: from 0 to less than 360",
                "the line's width across the road, in metres: from 1 to 200"),
                errors.subList(0, 4).stream().map(FieldError::message).toList());
    }

    private static Race withLeg(Leg leg) {
        return race(List.of(leg));
    }

    private static Leg legWith(List<Race.Town> towns, List<TimingPoint> points, List<Trial> trials) {
        return new Leg(1, "Leg 1", null, null, null, null, null, null, towns, points, trials);
    }

    private static List<TimingPoint> points(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> new TimingPoint(id, null, null)).toList();
    }

    @Test
    void aTrialAtAnUnknownTimingPointIsNamed() {
        var errors = RaceValidator.validate("r", withLeg(legWith(null, points("A", "B"), List.of(pc("PC1", "A", "Z")))));
        assertEquals(List.of(new FieldError("legs[0].trials[0].finish", RoutePhrases.UNKNOWN_TIMING_POINT, "Z")), errors);
        assertEquals("unknown timing point Z", errors.get(0).message());
    }

    @Test
    void duplicateTimingPointIdsAreNamed() {
        var errors = RaceValidator.validate("r", withLeg(legWith(null, points("A", "B", "A"), List.of())));
        assertEquals(List.of("legs[0].timingPoints[2].id"), fields(errors));
    }

    @Test
    void aTargetMustBePositive() {
        Trial zero = new Trial("PC1", "PC", "A", "B", 0L, null, null, null, null, null, null, null, null, null);
        assertEquals(List.of("legs[0].trials[0].targetMs"),
                fields(RaceValidator.validate("r", withLeg(legWith(null, points("A", "B"), List.of(zero))))));
    }

    @Test
    void aPcFinishMustComeAfterItsStart() {
        assertEquals(List.of("legs[0].trials[0].finish"),
                fields(RaceValidator.validate("r", withLeg(legWith(null, points("A", "B"), List.of(pc("PC1", "B", "A")))))));
    }

    @Test
    void aChainWhoseLinesDoNotMeetIsRefused() {
        // PC3 starts on PC1's finish line, but PC2 stands between them
        var errors = RaceValidator.validate("r", withLeg(legWith(null, points("A", "B", "C", "D", "E"),
                List.of(pc("PC1", "A", "B"), pc("PC2", "C", "D"), pc("PC3", "B", "E")))));
        assertEquals(List.of("legs[0].trials[2].start"), fields(errors));
        // a real chain is fine
        assertEquals(List.of(), RaceValidator.validate("r", withLeg(legWith(null, points("A", "B", "C"),
                List.of(pc("PC1", "A", "B"), pc("PC2", "B", "C"))))));
    }

    @Test
    void townKmMayNotGoBackwardsAndCoordinatesMustBeOnEarth() {
        var towns = List.of(new Race.Town("Brescia", "BS", 0.0, 45.5, 10.2, null), new Race.Town("Verona", "VR", 95.0, 45.4, 191.0, null),
                new Race.Town("Ghedi", "BS", 25.0, -91.0, 10.3, null));
        var errors = RaceValidator.validate("r", withLeg(legWith(towns, points("A"), List.of())));
        assertEquals(List.of("legs[0].towns[1].lon", "legs[0].towns[2].km", "legs[0].towns[2].lat"), fields(errors));
    }

    @Test
    void scoringValuesOutOfRangeAreNamed() {
        Race race = new Race("r", "R", 2024, null, null, null, new Race.Scoring("POINTS", 300, 0, -1, 300, 0, -5, List.of(420, -1)),
                List.of(leg(1, List.of())), null, null, null, null);
        assertEquals(List.of("scoring.pmUnitCs", "scoring.pmCap", "scoring.maxLatenessMinutes", "scoring.duplicateWindowMs",
                "scoring.pointsTable[1]"), fields(RaceValidator.validate("r", race)));
    }

    // ---- resolution and average bands

    @Test
    void anUnknownResolutionIsNamedAndTheThreeKnownOnesPass() {
        for (String resolution : List.of("HUNDREDTH", "TENTH", "SECOND")) {
            Race race = new Race("r", "R", 2024, null, null, null, new Race.Scoring(null, null, null, null, null, null, null, null, resolution),
                    List.of(leg(1, List.of())), null, null, null, null);
            assertEquals(List.of(), RaceValidator.validate("r", race), resolution);
        }
        Race race = new Race("r", "R", 2024, null, null, null, new Race.Scoring(null, null, null, null, null, null, null, null, "THOUSANDTH"),
                List.of(leg(1, List.of())), null, null, null, null);
        var errors = RaceValidator.validate("r", race);
        assertEquals(List.of("scoring.resolution"), fields(errors));
        assertEquals(RoutePhrases.RESOLUTION_VALUES, errors.get(0).said().phrase());
    }

    private static Trial pmByBand(java.util.Map<String, Double> byBand) {
        return new Trial("PM1", "PM", "S1", null, null, 40.0, List.of(new Race.Detection("A1", 500, null)), null, null, null, null, null,
                null, null, byBand, null);
    }

    private static Trial coByBand(String type, java.util.Map<String, Integer> byBand) {
        return new Trial("CO1", type, null, null, null, null, null, "A1", null, 30, null, null, null, null, null, byBand);
    }

    private static java.util.Map<String, Double> averages(Object... bandsAndValues) {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < bandsAndValues.length; i += 2) {
            m.put((String) bandsAndValues[i], (Double) bandsAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void soundBandsPass() {
        assertEquals(List.of(), RaceValidator.validate("r", race(List.of(leg(1, List.of(pmByBand(averages("HIGH", 50.0, "LOW", 40.0)),
                coByBand("CO", java.util.Map.of("HIGH", 25))))))));
    }

    @Test
    void aBandAverageAtOrBelowZeroOrAbsurdIsNamedByItsBand() {
        var errors = RaceValidator.validate("r", race(List.of(leg(1, List.of(pmByBand(averages("HIGH", 0.0, "LOW", -3.0, "MID", 450.0,
                "GOOD", 45.5)))))));
        assertEquals(List.of("legs[0].trials[0].averageKmhByBand.HIGH", "legs[0].trials[0].averageKmhByBand.LOW",
                "legs[0].trials[0].averageKmhByBand.MID"), fields(errors));
        assertEquals(RoutePhrases.BAND_AVERAGE_RANGE, errors.get(0).said().phrase());
    }

    @Test
    void aBlankOrOverlongBandNameIsAFault() {
        var errors = RaceValidator.validate("r", race(List.of(leg(1, List.of(pmByBand(averages(" ", 50.0, "X".repeat(33), 40.0)))))));
        assertEquals(List.of("legs[0].trials[0].averageKmhByBand", "legs[0].trials[0].averageKmhByBand"), fields(errors));
        assertEquals(RoutePhrases.BAND_NAME_RULE, errors.get(0).said().phrase());
    }

    @Test
    void aBandDurationOutOfRangeOrNullIsNamedAndBandsBelongToTheirTypes() {
        java.util.Map<String, Integer> durations = new java.util.LinkedHashMap<>();
        durations.put("HIGH", 0);
        durations.put("LOW", null);
        durations.put("MID", 24 * 60 + 1);
        var errors = RaceValidator.validate("r", race(List.of(leg(1, List.of(coByBand("CO", durations))))));
        assertEquals(List.of("legs[0].trials[0].durationMinutesByBand.HIGH", "legs[0].trials[0].durationMinutesByBand.LOW",
                "legs[0].trials[0].durationMinutesByBand.MID"), fields(errors));
        var misplaced = RaceValidator.validate("r", race(List.of(leg(1, List.of(coByBand("CT", java.util.Map.of("HIGH", 25)))))));
        assertEquals(List.of("legs[0].trials[0].durationMinutesByBand"), fields(misplaced));
        assertEquals(RoutePhrases.ONLY_CO_HAS_BANDS, misplaced.get(0).said().phrase());
    }

    @Test
    void aRevisionsComparisonNamesAChangedBand() {
        Race before = race(List.of(leg(1, List.of(pmByBand(averages("HIGH", 50.0))))));
        Race after = race(List.of(leg(1, List.of(pmByBand(averages("HIGH", 48.0))))));
        var differences = io.regularity.route.domain.RevisionDiff.between(before, after);
        assertEquals(1, differences.size());
        assertEquals(List.of(new io.regularity.route.domain.RevisionDiff.Field("averageKmhByBand", java.util.Map.of("HIGH", 50.0),
                java.util.Map.of("HIGH", 48.0))), differences.get(0).fields());
        assertEquals(List.of(), io.regularity.route.domain.RevisionDiff.between(before,
                race(List.of(leg(1, List.of(pmByBand(averages("HIGH", 50.0))))))));
    }

    // ---- circuits

    /** A circuit of {@code laps} laps: the line C-A at 0 and three hoses after it. */
    private static Leg circuit(Integer laps, List<Trial> trials) {
        return new Leg(1, "Trofeo", null, null, null, 16.8, "C-A", laps, null, List.of(new TimingPoint("C-A", null, 0.0),
                new TimingPoint("C-B", null, 0.7), new TimingPoint("C-C", null, 1.5), new TimingPoint("C-D", null, 2.2)), trials);
    }

    private static Trial lapPc(String id, String start, Integer startLap, String finish, Integer finishLap) {
        return new Trial(id, "PC", start, finish, 12000L, null, null, null, null, null, null, startLap, finishLap, null);
    }

    private static Trial ct(String id, String point, Integer lap) {
        return new Trial(id, "CT", null, null, null, null, null, point, null, null, null, null, null, lap);
    }

    @Test
    void aCircuitTakesTrialsOnEveryLapAndAPcThatEndsOnTheLineOfTheNextLap() {
        assertEquals(List.of(), RaceValidator.validate("r", withLeg(circuit(6, List.of(lapPc("PC1", "C-A", 1, "C-B", 1),
                lapPc("PC2", "C-B", 1, "C-C", 1), lapPc("PC3", "C-D", 3, "C-A", 4), lapPc("PC4", "C-A", 4, "C-B", 4),
                lapPc("PC5", "C-A", 6, "C-A", 7), ct("CT1", "C-C", 6))))));
    }

    @Test
    void onARoadLegAnyLapButOneIsAFaultNamingTheField() {
        Trial pc = lapPc("PC1", "A1", 2, "B1", null);
        Trial ct = ct("CT1", "A1", 3);
        var errors = RaceValidator.validate("r", race(List.of(leg(1, List.of(pc, ct)))));
        assertEquals(List.of(new FieldError("legs[0].trials[0].startLap", RoutePhrases.NOT_A_CIRCUIT, "startLap"),
                new FieldError("legs[0].trials[1].lap", RoutePhrases.NOT_A_CIRCUIT, "lap")), errors);
        assertEquals(List.of("this leg is not a circuit (it has no laps): leave startLap out, or 1",
                "this leg is not a circuit (it has no laps): leave lap out, or 1"), errors.stream().map(FieldError::message).toList());
        assertEquals(List.of(), RaceValidator.validate("r", race(List.of(leg(1, List.of(lapPc("PC1", "A1", 1, "B1", 1)))))));
    }

    @Test
    void lapsAreBetweenOneAndNAndOnlyTheLineHasLapNPlusOne() {
        var errors = RaceValidator.validate("r", withLeg(circuit(6, List.of(lapPc("PC1", "C-B", 7, "C-C", 7), ct("CT1", "C-A", 7),
                ct("CT2", "C-B", 0)))));
        assertEquals(List.of("legs[0].trials[0].startLap", "legs[0].trials[0].finishLap", "legs[0].trials[2].lap"), fields(errors));
    }

    @Test
    void onACircuitTheFinishComesAfterTheStartInCircuitOrder() {
        // C-B on lap 2 is before C-C on lap 1 in space, after it in circuit order: fine; C-C lap 2 to C-B lap 2 is backwards
        assertEquals(List.of(), RaceValidator.validate("r", withLeg(circuit(3, List.of(lapPc("PC1", "C-C", 1, "C-B", 2))))));
        var errors = RaceValidator.validate("r", withLeg(circuit(3, List.of(lapPc("PC1", "C-C", 2, "C-B", 2)))));
        assertEquals(List.of("legs[0].trials[0].finish"), fields(errors));
        assertTrue(errors.get(0).message().contains("circuit order"), errors.toString());
        // finishLap is 1 when not given, and the message says so
        var defaulted = RaceValidator.validate("r", withLeg(circuit(3, List.of(lapPc("PC1", "C-B", 3, "C-C", null)))));
        assertTrue(defaulted.get(0).message().contains("finishLap is 1 when not given"), defaulted.toString());
    }

    @Test
    void aPmsDetectionsFollowItsStartInCircuitOrderEachOnItsLap() {
        Trial pm = new Trial("PM1", "PM", "C-C", null, null, 50.0, List.of(new Race.Detection("C-A", 1500, 3),
                new Race.Detection("C-B", 2200, null)), null, null, null, null, 2, null, null);
        // the second detection has the PM's startLap (2): C-B on lap 2 comes before C-A on lap 3
        assertEquals(List.of("legs[0].trials[0].detections[1].point"), fields(RaceValidator.validate("r", withLeg(circuit(4, List.of(pm))))));
    }

    @Test
    void aCircuitNeedsItsLineFirstAtZeroAndItsPointsInCircuitOrder() {
        Leg noLine = new Leg(1, "T", null, null, null, null, null, 6, null, List.of(new TimingPoint("C-A", null, 0.0)), List.of());
        assertEquals(List.of("legs[0].startPoint"), fields(RaceValidator.validate("r", withLeg(noLine))));
        Leg unordered = new Leg(1, "T", null, null, null, null, "C-A", 6, null, List.of(new TimingPoint("C-A", null, 0.5),
                new TimingPoint("C-B", null, 1.0), new TimingPoint("C-C", null, 0.8), new TimingPoint("C-D", null, null)), List.of());
        assertEquals(List.of("legs[0].timingPoints[0].km", "legs[0].timingPoints[2].km", "legs[0].timingPoints[3].km"),
                fields(RaceValidator.validate("r", withLeg(unordered))));
        Leg zero = new Leg(1, "T", null, null, null, null, "C-A", 0, null, List.of(new TimingPoint("C-A", null, 0.0)), List.of());
        assertEquals(List.of("legs[0].laps"), fields(RaceValidator.validate("r", withLeg(zero))));
    }

    @Test
    void eachTypeSaysItsLapsInItsOwnFields() {
        Trial ct = new Trial("CT1", "CT", null, null, null, null, null, "C-B", null, null, null, 2, null, null);
        Trial pc = new Trial("PC1", "PC", "C-A", "C-B", 12000L, null, null, null, null, null, null, null, null, 2);
        assertEquals(List.of("legs[0].trials[0].startLap", "legs[0].trials[1].lap"),
                fields(RaceValidator.validate("r", withLeg(circuit(3, List.of(ct, pc))))));
    }
}
