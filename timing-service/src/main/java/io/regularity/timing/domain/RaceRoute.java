package io.regularity.timing.domain;

import java.util.List;

/** A race as a timing post is set up on it (from route-events): its legs and their timing points in route order. */
public record RaceRoute(String id, String name, List<Leg> legs) {

    /** A leg; on a circuit ({@code laps} above 1) the posts lap after lap, {@code startPoint} being the lap line. */
    public record Leg(int number, String name, String date, List<Point> timingPoints, Integer laps, String startPoint) {
    }

    public record Point(String id, String town, Double km) {
    }
}
