package io.regularity.timing.domain;

import java.util.List;

/** A race as a timing post is set up on it (from route-events): its legs and their timing points in route order. */
public record RaceRoute(String id, String name, String timeZone, List<Leg> legs) {

    /** A leg; on a circuit ({@code laps} above 1) the posts lap after lap, {@code startPoint} being the lap line. */
    public record Leg(int number, String name, String date, List<Point> timingPoints, Integer laps, String startPoint) {
    }

    /** A timing point; {@code pcLine} when a PC of the leg starts or finishes there (its times decide a penalty by the hundredth). */
    public record Point(String id, String town, Double km, Boolean pcLine) {
    }
}
