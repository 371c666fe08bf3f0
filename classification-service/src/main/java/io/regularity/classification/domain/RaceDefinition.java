package io.regularity.classification.domain;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * classification-service's own reading of a race definition (from RaceDefined): only what scoring
 * and the lists need. Unknown fields are ignored.
 */
public record RaceDefinition(String id, String name, Integer year, String timeZone, Integer protestMinutes, Officials officials,
        Scoring scoring, List<Leg> legs, List<Trophy> trophies, long revision, Posted posted, Published published) {

    /** A definition that says nothing of its notice board: no officials, the default protest window, nothing posted. */
    public RaceDefinition(String id, String name, Integer year, String timeZone, Scoring scoring, List<Leg> legs, List<Trophy> trophies,
            long revision, Published published) {
        this(id, name, year, timeZone, null, null, scoring, legs, trophies, revision, null, published);
    }

    /** A definition as RaceDefined carries it (route-service's JSON), with its race id and revision. */
    public static RaceDefinition read(ObjectMapper json, String raceId, long revision, String text)
            throws IOException {
        RaceDefinition parsed = json.readValue(text, RaceDefinition.class);
        return new RaceDefinition(raceId, parsed.name(), parsed.year(), parsed.timeZone(), parsed.protestMinutes(), parsed.officials(),
                parsed.scoring(), parsed.legs(), parsed.trophies() == null ? List.of() : parsed.trophies(), revision, parsed.posted(),
                parsed.published());
    }

    /** Whether the race is scored in points (higher wins) rather than in penalties (lower wins). */
    public boolean points() {
        return scoring != null && scoring.points();
    }

    /** The scoring model's name: POINTS or PENALTIES. */
    public String model() {
        return points() ? "POINTS" : "PENALTIES";
    }

    /** The race's time zone (route-service's {@code timeZone}), UTC when it has none or one Java does not know. */
    public ZoneId zone() {
        try {
            return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The names that sign the official papers (route-service's {@code officials}). */
    public record Officials(String clerkOfCourse, String chiefTimekeeper) {
    }

    /**
     * What race direction posted on the notice board as provisional (route-service's {@code posted}): legs by number,
     * and the race, each with until when crews may protest.
     */
    public record Posted(Map<String, Post> legs, Post race) {
    }

    public record Post(Instant at, String by, long revision, Instant protestsUntil) {
    }

    /**
     * The posting of a list, whose window its protests are lodged in, or null when it is not posted: the leg's own for a
     * leg's list, the last leg's for a cumulative one up to it, the race's for the others (as {@link #publicationOf}).
     */
    public Post postingOf(ListSpec spec) {
        if (posted == null) {
            return null;
        }
        if (spec.kind() == ListSpec.Kind.LEG && spec.leg() != null) {
            return posted.legs() == null ? null : posted.legs().get(String.valueOf(spec.leg()));
        }
        return posted.race();
    }

    /** The posting a protest of this leg ({@code null}: of the whole race) is lodged against: the leg's, else the race's. */
    public Post postingFor(Integer leg) {
        if (posted == null) {
            return null;
        }
        Post own = leg == null || posted.legs() == null ? null : posted.legs().get(String.valueOf(leg));
        return own != null ? own : posted.race();
    }

    /** What race direction published as final (route-service's publication): legs by number, and the race. */
    public record Published(Map<String, Stamp> legs, Stamp race) {
    }

    public record Stamp(Instant at, String by, long revision) {
    }

    /**
     * The publication that makes a list FINAL, or null while it is PROVISIONAL: the leg's own for a leg alone,
     * the last leg's for a cumulative list up to it when every leg up to it is published, the race's for the others.
     */
    public Stamp publicationOf(ListSpec spec) {
        if (published == null) {
            return null;
        }
        Map<String, Stamp> legs = published.legs() == null ? Map.of() : published.legs();
        if (spec.kind() == ListSpec.Kind.LEG && spec.leg() != null) {
            if (!spec.cumulative()) {
                return legs.get(String.valueOf(spec.leg()));
            }
            boolean all = this.legs.stream().filter(l -> l.number() <= spec.leg()).allMatch(l -> legs.containsKey(String.valueOf(l.number())));
            return all ? legs.get(String.valueOf(spec.leg())) : null;
        }
        return published.race();
    }

    /** The race's scoring settings; {@code resolution} the unit its PCs are scored in (HUNDREDTH when not given). */
    public record Scoring(String model, Integer pcCap, Integer pmUnitCs, Integer pmCap, Integer ctMissed,
            Integer maxLatenessMinutes, Integer duplicateWindowMs, List<Integer> pointsTable, Resolution resolution) {

        /** Scoring at the hundredth. */
        public Scoring(String model, Integer pcCap, Integer pmUnitCs, Integer pmCap, Integer ctMissed, Integer maxLatenessMinutes,
                Integer duplicateWindowMs, List<Integer> pointsTable) {
            this(model, pcCap, pmUnitCs, pmCap, ctMissed, maxLatenessMinutes, duplicateWindowMs, pointsTable, null);
        }

        public Resolution resolutionOrDefault() {
            return resolution == null ? Resolution.HUNDREDTH : resolution;
        }

        public boolean points() {
            return "POINTS".equals(model);
        }

        public int pcCapOrDefault() {
            return pcCap == null ? 300 : pcCap;
        }

        public int pmUnitCsOrDefault() {
            return pmUnitCs == null ? 1 : pmUnitCs;
        }

        public int pmCapOrDefault() {
            return pmCap == null ? 300 : pmCap;
        }

        public int ctMissedOrDefault() {
            return ctMissed == null ? 300 : ctMissed;
        }

        public int maxLatenessOrDefault() {
            return maxLatenessMinutes == null ? 30 : maxLatenessMinutes;
        }

        public long duplicateWindowOrDefault() {
            return duplicateWindowMs == null ? 10_000 : duplicateWindowMs;
        }

        /** T(p): the points a penalty of p earns; the race's table, then the default formula of rules.md. */
        public int pointsFor(int penalty) {
            if (pointsTable != null && penalty < pointsTable.size()) {
                return pointsTable.get(penalty);
            }
            if (penalty == 0) {
                return 420;
            }
            if (penalty == 1) {
                return 395;
            }
            return Math.max(0, 400 - 10 * penalty);
        }
    }

    /**
     * A day of the race; {@code laps} above 1 makes it a circuit whose {@code startPoint} is the lap line. Its
     * {@code distanceKm} and {@code towns} place it on the map.
     */
    public record Leg(int number, String name, String startPoint, Integer laps, List<TimingPoint> timingPoints, List<Trial> trials,
            Double distanceKm, List<Town> towns, String date) {

        /** A leg without its date (route-service's {@code date}, ISO, read for the papers only). */
        public Leg(int number, String name, String startPoint, Integer laps, List<TimingPoint> timingPoints, List<Trial> trials,
                Double distanceKm, List<Town> towns) {
            this(number, name, startPoint, laps, timingPoints, trials, distanceKm, towns, null);
        }

        /** A leg not placed on the map. */
        public Leg(int number, String name, String startPoint, Integer laps, List<TimingPoint> timingPoints, List<Trial> trials) {
            this(number, name, startPoint, laps, timingPoints, trials, null, null);
        }

        /** A road leg. */
        public Leg(int number, String name, String startPoint, List<TimingPoint> timingPoints, List<Trial> trials) {
            this(number, name, startPoint, null, timingPoints, trials);
        }

        /** How many laps: 1 for a road leg. */
        public int lapCount() {
            return laps == null || laps < 1 ? 1 : laps;
        }

        public boolean circuit() {
            return lapCount() > 1;
        }
    }

    /** A timing point; {@code km} from the leg's start (on a circuit, from the lap line), null when not given. */
    public record TimingPoint(String id, Double km) {

        public TimingPoint(String id) {
            this(id, null);
        }
    }

    /** A town of a leg, where the map puts it. */
    public record Town(String name, Double km, Double lat, Double lon) {
    }

    /**
     * The kinds of trial rules.md scores. A definition naming another is refused where it is read (RaceDefined set aside
     * with the reason), never scored as one of these.
     */
    public enum TrialType {
        /** A regularity trial timed between two points (prova cronometrata). */
        PC,
        /** An average kept over detections (prova di media). */
        PM,
        /** A time control, due a number of minutes after another (controllo orario). */
        CO,
        /** A passage control (controllo timbro). */
        CT
    }

    /** Where race direction has a trial: open, closed (its results final), or neutralised (scoring nothing). */
    public enum TrialStatus {
        OPEN, CLOSED, NEUTRALISED
    }

    /**
     * A trial, with the laps it is measured on (a circuit's; 1 when not given): a PC's start and finish, a CO's or CT's, a PM's start.
     * A PM may give an average per band ({@code averageKmhByBand}) and a CO a duration per band ({@code durationMinutesByBand}):
     * a crew of a band the trial names is scored against that value, any other crew against the plain one.
     */
    public record Trial(String id, TrialType type, String start, String finish, Long targetMs, Double averageKmh,
            List<Detection> detections, String point, String from, Integer durationMinutes, TrialStatus status, Integer startLap,
            Integer finishLap, Integer lap, Map<String, Double> averageKmhByBand, Map<String, Integer> durationMinutesByBand) {

        /** A trial without bands. */
        public Trial(String id, TrialType type, String start, String finish, Long targetMs, Double averageKmh, List<Detection> detections,
                String point, String from, Integer durationMinutes, TrialStatus status, Integer startLap, Integer finishLap, Integer lap) {
            this(id, type, start, finish, targetMs, averageKmh, detections, point, from, durationMinutes, status, startLap, finishLap, lap,
                    null, null);
        }

        /** A trial of a road leg. */
        public Trial(String id, TrialType type, String start, String finish, Long targetMs, Double averageKmh, List<Detection> detections,
                String point, String from, Integer durationMinutes, TrialStatus status) {
            this(id, type, start, finish, targetMs, averageKmh, detections, point, from, durationMinutes, status, null, null, null);
        }

        public boolean closed() {
            return status == TrialStatus.CLOSED || status == TrialStatus.NEUTRALISED;
        }

        /** A copy with another status. */
        public Trial withStatus(TrialStatus newStatus) {
            return new Trial(id, type, start, finish, targetMs, averageKmh, detections, point, from, durationMinutes, newStatus, startLap,
                    finishLap, lap, averageKmhByBand, durationMinutesByBand);
        }

        /** A PM's average for a crew of {@code band}: the band's own when the trial names it, else the plain one. */
        public Double averageKmhFor(String band) {
            Double own = band == null || averageKmhByBand == null ? null : averageKmhByBand.get(band);
            return own != null ? own : averageKmh;
        }

        /** A CO's sector duration for a crew of {@code band}: the band's own when the trial names it, else the plain one. */
        public Integer durationMinutesFor(String band) {
            Integer own = band == null || durationMinutesByBand == null ? null : durationMinutesByBand.get(band);
            return own != null ? own : durationMinutes;
        }

        public int startLapOrFirst() {
            return startLap == null ? 1 : startLap;
        }

        public int finishLapOrFirst() {
            return finishLap == null ? 1 : finishLap;
        }

        public int lapOrFirst() {
            return lap == null ? 1 : lap;
        }

        /** A detection's lap: its own, else the PM's start lap. */
        public int lapOf(Detection d) {
            return d.lap() != null ? d.lap() : startLapOrFirst();
        }
    }

    public record Detection(String point, Integer distanceM, Integer lap) {

        public Detection(String point, Integer distanceM) {
            this(point, distanceM, null);
        }
    }

    public record Trophy(String name, List<String> trials) {
    }

    /** A trial with where it sits: its leg and its index in the race's route order. */
    public record PlacedTrial(Trial trial, Leg leg, int routeIndex) {
    }

    public List<PlacedTrial> trialsInRouteOrder() {
        List<PlacedTrial> all = new ArrayList<>();
        for (Leg leg : legs) {
            for (Trial t : leg.trials() == null ? List.<Trial>of() : leg.trials()) {
                all.add(new PlacedTrial(t, leg, all.size()));
            }
        }
        return all;
    }

    /** Every timing point id of the race, with its leg number and its index in that leg's route order. */
    public Map<String, int[]> pointPositions() {
        Map<String, int[]> positions = new HashMap<>();
        for (Leg leg : legs) {
            List<TimingPoint> points = leg.timingPoints() == null ? List.of() : leg.timingPoints();
            for (int i = 0; i < points.size(); i++) {
                positions.put(points.get(i).id(), new int[] { leg.number(), i });
            }
        }
        return positions;
    }

    public int lastLegNumber() {
        return legs.stream().mapToInt(Leg::number).max().orElse(0);
    }
}
