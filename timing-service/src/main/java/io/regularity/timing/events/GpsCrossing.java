package io.regularity.timing.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.regularity.timing.domain.GpsEvidence;
import io.regularity.timing.domain.Passage;

/**
 * A car's crossing of a virtual line, as the stream processor found it in the car's fixes (messaging/CrossingTopology),
 * on timing's own topic {@code gps-crossings} keyed {@code raceId/car}; timing records each as a passage
 * ({@link #passage()}). Its {@code id} is made from the race, the car, the point, the line and the two fixes' times,
 * so the same crossing found again (a processor restarted, a re-processing of the fixes) is the same passage.
 */
public record GpsCrossing(UUID id, String raceId, int car, String point, String device, Instant time, double precisionMs,
        Double clockUncertaintyMs, boolean backup, GpsEvidence evidence) {

    public static final String TOPIC = "gps-crossings";
    /** What a GPS passage's source says. */
    public static final String SOURCE = "GPS";

    /** The same crossing always has the same id: the race, car, point, the line where it lay and the fixes' times. */
    public static UUID idOf(String raceId, int car, String point, GpsEvidence evidence) {
        var line = evidence.line();
        String name = "gps/" + raceId + "/" + car + "/" + point + "/" + line.lat() + "," + line.lon() + "," + line.bearingDeg() + ","
                + line.widthM() + "/" + evidence.before().time() + "/" + evidence.after().time();
        return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The passage it is: at its point, by the car's unit, its time as good as the rule says (no clock offset: GNSS time). */
    public Passage passage() {
        return new Passage(id, car, point, time, device, SOURCE, 0, precisionMs, clockUncertaintyMs);
    }

    /** The record's key: a car's crossings in order on one partition, as its passages. */
    @JsonIgnore
    public String key() {
        return raceId + "/" + car;
    }
}
