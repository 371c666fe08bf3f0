package io.regularity.classification.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * classification's reading of timing's {@code FixRecorded} (topic {@code fixes}, key {@code raceId/car}): a car's position
 * as its crew's phone or receiver gave it. What the map needs only; {@code speedMs}, {@code headingDeg} and
 * {@code accuracyM} are null when the fix did not say them. Fields it does not know are skipped (docs/events.md).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FixEvent(String type, String raceId, Integer car, Instant time, Double lat, Double lon, Double speedMs, Double headingDeg,
        Double accuracyM, Instant receivedAt) {

    public static final String TYPE = "FixRecorded";

    /** Why this event places no car (a field missing or out of range), or null when it is a usable fix. */
    public String problem() {
        if (!TYPE.equals(type)) {
            return "not a FixRecorded: " + type;
        }
        if (raceId == null || raceId.isBlank() || car == null || time == null || lat == null || lon == null) {
            return "a FixRecorded without raceId, car, time, lat or lon";
        }
        if (!(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
            return "a FixRecorded with lat or lon out of range";
        }
        return null;
    }
}
