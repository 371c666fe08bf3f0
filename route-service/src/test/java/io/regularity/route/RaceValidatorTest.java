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
import io.regularity.support.FieldError;

class RaceValidatorTest {

    static Trial pc(String id, String start, String finish) {
        return new Trial(id, "PC", start, finish, 12000L, null, null, null, null, null, null);
    }

    static Race race(List<Leg> legs) {
        return new Race("r", "R", 2024, null, null, legs, null, null, null);
    }

    static Leg leg(int n, List<Trial> trials) {
        return new Leg(n, "Leg " + n, null, null, null, null, "S" + n,
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
        Trial co1 = new Trial("CO1", "CO", null, null, null, null, null, "A1", "CO2", 30, null);
        Trial co2 = new Trial("CO2", "CO", null, null, null, null, null, "B1", null, 30, null);
        var errors = RaceValidator.validate("r", race(List.of(leg(1, List.of(co1, co2)))));
        assertEquals(List.of("legs[0].trials[0].from"), fields(errors));
    }

    @Test
    void pmDistancesMustIncreaseAndSpeedBePositive() {
        Trial pm = new Trial("PM1", "PM", "S1", null, null, 0.0, List.of(new Race.Detection("A1", 500),
                new Race.Detection("B1", 400)), null, null, null, null);
        var errors = RaceValidator.validate("r", race(List.of(leg(1, List.of(pm)))));
        assertEquals(List.of("legs[0].trials[0].averageKmh", "legs[0].trials[0].detections[1].distanceM"), fields(errors));
    }

    @Test
    void manyFaultsAreAllListedAtOnce() {
        Race bad = new Race("other", "", 1800, "Mars/Olympus", new Race.Scoring("GOLF", 0, null, null, null, null, null, null),
                List.of(leg(2, List.of(pc("PC 1", "X", "X")))), null, null, null);
        var errors = RaceValidator.validate("r", bad);
        assertTrue(errors.size() >= 8, "expected every fault, got " + errors);
        assertTrue(fields(errors).containsAll(List.of("id", "name", "year", "timeZone", "scoring.model", "scoring.pcCap",
                "legs[0].number", "legs[0].trials[0].id", "legs[0].trials[0].start", "legs[0].trials[0].finish")));
    }

    private static Race withLeg(Leg leg) {
        return race(List.of(leg));
    }

    private static Leg legWith(List<Race.Town> towns, List<TimingPoint> points, List<Trial> trials) {
        return new Leg(1, "Leg 1", null, null, null, null, null, towns, points, trials);
    }

    private static List<TimingPoint> points(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> new TimingPoint(id, null, null)).toList();
    }

    @Test
    void aTrialAtAnUnknownTimingPointIsNamed() {
        var errors = RaceValidator.validate("r", withLeg(legWith(null, points("A", "B"), List.of(pc("PC1", "A", "Z")))));
        assertEquals(List.of(new FieldError("legs[0].trials[0].finish", "unknown timing point Z")), errors);
    }

    @Test
    void duplicateTimingPointIdsAreNamed() {
        var errors = RaceValidator.validate("r", withLeg(legWith(null, points("A", "B", "A"), List.of())));
        assertEquals(List.of("legs[0].timingPoints[2].id"), fields(errors));
    }

    @Test
    void aTargetMustBePositive() {
        Trial zero = new Trial("PC1", "PC", "A", "B", 0L, null, null, null, null, null, null);
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
        Race race = new Race("r", "R", 2024, null, new Race.Scoring("POINTS", 300, 0, -1, 300, 0, -5, List.of(420, -1)),
                List.of(leg(1, List.of())), null, null, null);
        assertEquals(List.of("scoring.pmUnitCs", "scoring.pmCap", "scoring.maxLatenessMinutes", "scoring.duplicateWindowMs",
                "scoring.pointsTable[1]"), fields(RaceValidator.validate("r", race)));
    }
}
