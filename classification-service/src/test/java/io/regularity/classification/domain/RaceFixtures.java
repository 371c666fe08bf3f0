package io.regularity.classification.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.regularity.classification.domain.RaceDefinition.Detection;
import io.regularity.classification.domain.RaceDefinition.Leg;
import io.regularity.classification.domain.RaceDefinition.Scoring;
import io.regularity.classification.domain.RaceDefinition.TimingPoint;
import io.regularity.classification.domain.RaceDefinition.Trial;
import io.regularity.classification.domain.RaceDefinition.TrialStatus;
import io.regularity.classification.domain.RaceDefinition.TrialType;

/** Small races, crews and passages for the domain tests. */
final class RaceFixtures {

    static final Instant T0 = Instant.parse("2024-06-11T08:00:00Z");

    private RaceFixtures() {
    }

    static Scoring penalties() {
        return new Scoring("PENALTIES", 300, 1, 300, 300, 30, 10_000, List.of(420, 395));
    }

    static Scoring points() {
        return new Scoring("POINTS", 300, 1, 300, 300, 30, 10_000, List.of(420, 395));
    }

    /** PENALTIES, PCs scored at {@code resolution}. */
    static Scoring resolution(Resolution resolution) {
        return new Scoring("PENALTIES", 300, 1, 300, 300, 30, 10_000, List.of(420, 395), resolution);
    }

    static Trial pc(String id, String start, String finish, long targetMs) {
        return new Trial(id, TrialType.PC, start, finish, targetMs, null, null, null, null, null, TrialStatus.OPEN);
    }

    static Trial pm(String id, String start, double kmh, Detection... detections) {
        return new Trial(id, TrialType.PM, start, null, null, kmh, List.of(detections), null, null, null, TrialStatus.OPEN);
    }

    static Trial co(String id, String point, String from, int minutes) {
        return new Trial(id, TrialType.CO, null, null, null, null, null, point, from, minutes, TrialStatus.OPEN);
    }

    static Trial ct(String id, String point) {
        return new Trial(id, TrialType.CT, null, null, null, null, null, point, null, null, TrialStatus.OPEN);
    }

    static Trial withStatus(Trial t, String status) {
        return t.withStatus(TrialStatus.valueOf(status));
    }

    /** A leg whose timing points are {@code prefix-0 .. prefix-(n-1)}, the first being the start. */
    static Leg leg(int number, String prefix, int points, Trial... trials) {
        List<TimingPoint> list = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            list.add(new TimingPoint(prefix + "-" + i));
        }
        return new Leg(number, "Leg " + number, prefix + "-0", list, List.of(trials));
    }

    static RaceDefinition race(Scoring scoring, Leg... legs) {
        return new RaceDefinition("test-race", "Test", 2024, null, scoring, List.of(legs), List.of(), 1, null);
    }

    static Crew crew(int car, String coefficient) {
        return new Crew(car, new Crew.Person("Ada Rossi", true), new Crew.Person("Bea Bianchi", true), "Fiat 508", 1934,
                new BigDecimal(coefficient), "1931-1937", null);
    }

    static PassageFact at(int car, String point, Instant time) {
        return new PassageFact(UUID.nameUUIDFromBytes((car + "|" + point + "|" + time).getBytes()), car, point, time, false);
    }

    static Instant t(long millisAfterT0) {
        return T0.plusMillis(millisAfterT0);
    }
}
