package io.regularity.timing.domain;

import java.time.Instant;

/**
 * One position of a car, as its crew's phone or GNSS receiver took it: when (UTC), where (WGS 84 degrees), how fast (m/s),
 * heading (degrees from north, clockwise), how accurate horizontally (m) and from what ({@code PHONE} or {@code NMEA}).
 * Speed, heading and accuracy are null when the source did not say them. A car's fixes are idempotent by their time.
 */
public record Fix(Instant time, double lat, double lon, Double speedMs, Double headingDeg, Double accuracyM, Source source) {

    /** Where a fix comes from: the phone's own positioning, or a GNSS receiver's NMEA sentences. */
    public enum Source {
        PHONE, NMEA
    }
}
