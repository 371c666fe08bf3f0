package io.regularity.classification;

import java.time.Instant;
import java.util.UUID;

import io.regularity.testsupport.RealServers;

/** Builds and sends the events route-service and timing-service would publish. */
final class Events {

    private Events() {
    }

    /**
     * A one-leg race: points {@code P0..P5}; PC1 P1→P2 (12 s), PC2 P2→P3 (20 s), CT1 at P4; trophy "T" = PC2.
     */
    static String raceDefined(String raceId, String model, long revision, String pc2Status) {
        return """
                {"eventId": "%s", "type": "RaceDefined", "schemaVersion": 1, "occurredAt": "2024-06-11T07:00:00.000Z",
                 "revision": %d,
                 "race": {"id": "%s", "name": "Test", "year": 2024,
                   "scoring": {"model": "%s", "pcCap": 300, "pmUnitCs": 1, "pmCap": 300, "ctMissed": 300,
                               "maxLatenessMinutes": 30, "duplicateWindowMs": 10000, "pointsTable": [420, 395]},
                   "legs": [{"number": 1, "name": "Leg 1", "startPoint": "P0",
                     "timingPoints": [{"id": "P0", "km": 0}, {"id": "P1", "km": 10.0}, {"id": "P2", "km": 10.2}, {"id": "P3", "km": 10.5},
                                      {"id": "P4", "km": 20.0}, {"id": "P5", "km": 30.0}],
                     "trials": [{"id": "PC1", "type": "PC", "start": "P1", "finish": "P2", "targetMs": 12000, "status": "OPEN"},
                                {"id": "PC2", "type": "PC", "start": "P2", "finish": "P3", "targetMs": 20000, "status": "%s"},
                                {"id": "CT1", "type": "CT", "point": "P4", "status": "OPEN"}]}],
                   "trophies": [{"name": "T", "trials": ["PC2"]}], "revision": %d}}
                """.formatted(UUID.randomUUID(), revision, raceId, model, pc2Status, revision);
    }

    /**
     * A circuit race: one leg of {@code laps} laps on C-A (the lap line), C-B, C-C; on every lap a PC C-A→C-B (20 s) and a
     * PC C-C→C-A ending on the line of the next lap (30 s), and a CT at C-B on the last lap.
     */
    static String circuitDefined(String raceId, int laps) {
        StringBuilder trials = new StringBuilder();
        for (int lap = 1; lap <= laps; lap++) {
            trials.append("""
                    {"id": "PC%d", "type": "PC", "start": "C-A", "startLap": %d, "finish": "C-B", "finishLap": %d, "targetMs": 20000},
                    {"id": "PC%d", "type": "PC", "start": "C-C", "startLap": %d, "finish": "C-A", "finishLap": %d, "targetMs": 30000},
                    """.formatted(2 * lap - 1, lap, lap, 2 * lap, lap, lap + 1));
        }
        trials.append("{\"id\": \"CT1\", \"type\": \"CT\", \"point\": \"C-B\", \"lap\": %d}".formatted(laps));
        return """
                {"eventId": "%s", "type": "RaceDefined", "schemaVersion": 1, "occurredAt": "2024-06-11T07:00:00.000Z", "revision": 1,
                 "race": {"id": "%s", "name": "Circuit", "year": 2024, "scoring": {"model": "PENALTIES", "duplicateWindowMs": 10000},
                   "legs": [{"number": 1, "name": "Circuit", "startPoint": "C-A", "laps": %d,
                     "timingPoints": [{"id": "C-A"}, {"id": "C-B"}, {"id": "C-C"}], "trials": [%s]}], "revision": 1}}
                """.formatted(UUID.randomUUID(), raceId, laps, trials);
    }

    static String passageRecorded(String raceId, UUID passageId, int car, String point, Instant time, long clockOffsetMs) {
        return """
                {"eventId": "%s", "type": "PassageRecorded", "schemaVersion": 1, "occurredAt": "%s", "id": "%s",
                 "raceId": "%s", "car": %d, "point": "%s", "time": "%s", "device": "tk-1", "source": "HOSE",
                 "clockOffsetMs": %d, "receivedAt": "%s"}
                """.formatted(UUID.randomUUID(), time, passageId, raceId, car, point, time, clockOffsetMs, time);
    }

    /** A passage that says who timed it and how good its time is (docs/rules.md, How good a time is). */
    static String timedPassage(String raceId, int car, String point, Instant time, String device, double precisionMs,
            double clockUncertaintyMs) {
        return """
                {"eventId": "%s", "type": "PassageRecorded", "schemaVersion": 1, "occurredAt": "%s", "id": "%s",
                 "raceId": "%s", "car": %d, "point": "%s", "time": "%s", "device": "%s", "source": "HOSE",
                 "clockOffsetMs": 0, "receivedAt": "%s", "precisionMs": %s, "clockUncertaintyMs": %s}
                """.formatted(UUID.randomUUID(), time, UUID.randomUUID(), raceId, car, point, time, device, time, precisionMs,
                clockUncertaintyMs);
    }

    static String passageVoided(String raceId, UUID passageId, int car) {
        return """
                {"eventId": "%s", "type": "PassageVoided", "schemaVersion": 1, "occurredAt": "2024-06-11T10:00:00.000Z",
                 "passageId": "%s", "raceId": "%s", "car": %d, "reason": "wrong car", "by": "race-direction"}
                """.formatted(UUID.randomUUID(), passageId, raceId, car);
    }

    /** A fix as timing-service sends it to {@code fixes} (its golden sample's shape), without speed or accuracy when null. */
    static String fixRecorded(String raceId, int car, Instant time, double lat, double lon, Double headingDeg) {
        return """
                {"eventId": "%s", "type": "FixRecorded", "schemaVersion": 1, "occurredAt": "%s", "raceId": "%s", "car": %d,
                 "device": "crew-%d", "time": "%s", "lat": %s, "lon": %s, "speedMs": 16.4, %s"accuracyM": 3.5, "source": "PHONE",
                 "receivedAt": "%s"}
                """.formatted(UUID.randomUUID(), time, raceId, car, car, time, lat, lon, headingDeg == null ? "" : "\"headingDeg\": " + headingDeg + ", ",
                time);
    }

    static void fix(String raceId, int car, String json) {
        send("fixes", raceId + "/" + car, json);
    }

    static void send(String topic, String key, String value) {
        RealServers.send(topic, key, value);
    }

    static void route(String raceId, String json) {
        send("route-events", raceId, json);
    }

    static void passage(String raceId, int car, String json) {
        send("passages", raceId + "/" + car, json);
    }
}
