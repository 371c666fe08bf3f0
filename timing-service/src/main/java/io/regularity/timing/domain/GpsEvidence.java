package io.regularity.timing.domain;

/**
 * What a GPS crossing was computed from, kept with its passage so a protest can check the time: the line, the car's fixes
 * either side of it, the fraction of the way from {@code before} to {@code after} where the car met the line, and that
 * place ({@code at}). The time is {@code before.time + fraction · (after.time − before.time)} (docs/rules.md).
 */
public record GpsEvidence(VirtualLine line, VirtualLine.Fix before, VirtualLine.Fix after, double fraction, Place at) {

    /** A place, WGS 84 degrees. */
    public record Place(double lat, double lon) {
    }
}
