package io.regularity.timing.events;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.regularity.timing.domain.GpsLine;
import io.regularity.timing.domain.RaceRoute;
import io.regularity.timing.domain.VirtualLine;

/**
 * What timing keeps of a RaceDefined's race ({@link RouteEvent}), in its own copy of the event (the contract's shape, docs/events.md): the
 * legs, their timing points in route order (a virtual point with its line), and which points a PC starts or finishes at. Read with the application's
 * tolerant mapper, so a field timing does not need, or a kind of trial it does not know, changes nothing here.
 */
public record RaceDefinition(String id, String name, String timeZone, List<Leg> legs) {

    public record Leg(int number, String name, String date, Integer laps, String startPoint, List<Point> timingPoints, List<Trial> trials) {
    }

    /** A timing point; {@code virtual} when it is a line across the road timed from the cars' GPS fixes (issue 39). */
    public record Point(String id, String town, Double km, Line virtual) {
    }

    /**
     * A virtual point's line as route sends it: each number may be missing from a definition route did not check;
     * {@code backup} when a post times the point and the line only backs it up.
     */
    public record Line(Double lat, Double lon, Double bearingDeg, Double widthM, Boolean backup) {

        public Line(Double lat, Double lon, Double bearingDeg, Double widthM) {
            this(lat, lon, bearingDeg, widthM, null);
        }


        /** The line, when its four numbers make one. */
        public Optional<VirtualLine> line() {
            if (lat == null || lon == null || bearingDeg == null || widthM == null) {
                return Optional.empty();
            }
            VirtualLine line = new VirtualLine(lat, lon, bearingDeg, widthM);
            return line.valid() ? Optional.of(line) : Optional.empty();
        }
    }

    public record Trial(Kind type, String start, String finish) {
    }

    /** The kinds of trial timing tells apart: a PC's lines are timed to the hundredth; any other kind is {@code OTHER}. */
    public enum Kind {
        PC, OTHER;

        @JsonCreator
        static Kind of(String type) {
            return "PC".equals(type) ? PC : OTHER;
        }
    }

    /** The race as a timing post is set up on it. */
    public RaceRoute route(String raceId) {
        List<RaceRoute.Leg> routeLegs = new ArrayList<>();
        for (Leg leg : listed(legs)) {
            Set<String> pcLines = new HashSet<>();
            for (Trial trial : listed(leg.trials())) {
                if (trial.type() == Kind.PC) {
                    pcLines.add(trial.start());
                    pcLines.add(trial.finish());
                }
            }
            List<RaceRoute.Point> points = listed(leg.timingPoints()).stream()
                    .map(p -> new RaceRoute.Point(p.id(), p.town(), p.km(), pcLines.contains(p.id()) ? true : null)).toList();
            routeLegs.add(new RaceRoute.Leg(leg.number(), leg.name(), leg.date(), points, leg.laps() != null && leg.laps() > 1 ? leg.laps() : null,
                    leg.startPoint()));
        }
        return new RaceRoute(raceId, name, timeZone == null ? "Europe/Rome" : timeZone, routeLegs);
    }

    /** Every timing point of the race. */
    public Set<String> points() {
        Set<String> points = new HashSet<>();
        listed(legs).forEach(leg -> listed(leg.timingPoints()).forEach(p -> points.add(p.id())));
        return points;
    }

    /**
     * The virtual lines of the race, in route order (what the crossings of the cars' fixes are found against), each point
     * once; a point whose line does not hold together is left out.
     */
    public List<GpsLine> gpsLines() {
        Map<String, GpsLine> lines = new LinkedHashMap<>();
        for (Leg leg : listed(legs)) {
            for (Point p : listed(leg.timingPoints())) {
                if (p.id() != null && p.virtual() != null) {
                    p.virtual().line().ifPresent(line -> lines.putIfAbsent(p.id(),
                            new GpsLine(p.id(), line, Boolean.TRUE.equals(p.virtual().backup()))));
                }
            }
        }
        return List.copyOf(lines.values());
    }

    /** The day of its first leg, null when no leg has a date. */
    public LocalDate firstDay() {
        LocalDate first = null;
        for (Leg leg : listed(legs)) {
            try {
                LocalDate day = LocalDate.parse(leg.date() == null ? "" : leg.date());
                first = first == null || day.isBefore(first) ? day : first;
            } catch (DateTimeParseException e) {
                // a leg without a date bounds nothing
            }
        }
        return first;
    }

    private static <T> List<T> listed(List<T> list) {
        return list == null ? List.of() : list;
    }
}
