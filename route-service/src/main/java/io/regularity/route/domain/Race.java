package io.regularity.route.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A whole race definition, as organisers PUT it and every service learns it. */
public record Race(String id, String name, Integer year, String timeZone, Integer protestMinutes, Officials officials,
        Scoring scoring, List<Leg> legs, List<Trophy> trophies, Long revision, Posted posted, Published published) {

    /** How long crews may protest after a list is posted, when the organiser does not say (rules.md). */
    public static final int DEFAULT_PROTEST_MINUTES = 30;

    /** The same race with other legs, as an organiser would PUT it: no revision, no posting or publication (the server's). */
    public Race withLegs(List<Leg> newLegs) {
        return new Race(id, name, year, timeZone, protestMinutes, officials, scoring, newLegs, trophies, null, null, null);
    }

    /** The same race with another id, as an organiser would PUT it. */
    public Race withId(String newId) {
        return new Race(newId, name, year, timeZone, protestMinutes, officials, scoring, legs, trophies, null, null, null);
    }

    /** The names that sign the race's official papers: the clerk of the course and the chief timekeeper. */
    public record Officials(String clerkOfCourse, String chiefTimekeeper) {
    }

    /**
     * What race direction has put on the notice board as provisional, by whom, when, at which revision and until when
     * crews may protest: legs by number, and the whole race. Kept by the server like {@link Published}.
     */
    public record Posted(Map<String, Post> legs, Post race) {
    }

    public record Post(Instant at, String by, long revision, Instant protestsUntil) {
    }

    /**
     * What race direction has published as final, by whom, when and at which revision: legs by number, and
     * the whole race. Kept by the server (a client's {@code published} is ignored); any other change clears it.
     */
    public record Published(Map<String, Stamp> legs, Stamp race) {
    }

    public record Stamp(Instant at, String by, long revision) {
    }

    /** How the race scores; {@code resolution} the unit its PCs are scored in: HUNDREDTH (the default), TENTH or SECOND. */
    public record Scoring(String model, Integer pcCap, Integer pmUnitCs, Integer pmCap, Integer ctMissed,
            Integer maxLatenessMinutes, Integer duplicateWindowMs, List<Integer> pointsTable, String resolution) {

        /** The resolutions a race may score its PCs in. */
        public static final List<String> RESOLUTIONS = List.of("HUNDREDTH", "TENTH", "SECOND");

        /** Scoring at the hundredth (unless defaulted otherwise). */
        public Scoring(String model, Integer pcCap, Integer pmUnitCs, Integer pmCap, Integer ctMissed, Integer maxLatenessMinutes,
                Integer duplicateWindowMs, List<Integer> pointsTable) {
            this(model, pcCap, pmUnitCs, pmCap, ctMissed, maxLatenessMinutes, duplicateWindowMs, pointsTable, null);
        }

        /** The rules.md defaults for whatever the organiser left out. */
        public Scoring withDefaults() {
            return new Scoring(model == null ? "PENALTIES" : model,
                    pcCap == null ? 300 : pcCap,
                    pmUnitCs == null ? 1 : pmUnitCs,
                    pmCap == null ? 300 : pmCap,
                    ctMissed == null ? 300 : ctMissed,
                    maxLatenessMinutes == null ? 30 : maxLatenessMinutes,
                    duplicateWindowMs == null ? 10_000 : duplicateWindowMs,
                    pointsTable == null ? List.of(420, 395) : pointsTable,
                    resolution == null ? "HUNDREDTH" : resolution);
        }
    }

    /**
     * A day of the race. {@code laps} above 1 makes it a circuit: {@code startPoint} is the lap line, every timing point
     * lies on the circuit at its {@code km} from the line, listed in circuit order.
     */
    public record Leg(Integer number, String name, String date, String from, String to, Double distanceKm,
            String startPoint, Integer laps, List<Town> towns, List<TimingPoint> timingPoints, List<Trial> trials) {

        /** How many laps: 1 for a road leg. */
        public int lapCount() {
            return laps == null ? 1 : laps;
        }

        public boolean circuit() {
            return lapCount() > 1;
        }

        /** The same leg with other trials. */
        public Leg withTrials(List<Trial> newTrials) {
            return new Leg(number, name, date, from, to, distanceKm, startPoint, laps, towns, timingPoints, newTrials);
        }
    }

    public record Town(String name, String province, Double km, Double lat, Double lon, String description) {
    }

    /**
     * A timing point; {@code virtual} when no post times it but a line across the road that the cars' GPS fixes are
     * measured against (rules.md, A crossing from the car's GPS).
     */
    public record TimingPoint(String id, String town, Double km, VirtualLine virtual) {

        /** A point timed at a post. */
        public TimingPoint(String id, String town, Double km) {
            this(id, town, km, null);
        }
    }

    /**
     * A virtual timing line: a segment {@code widthM} metres long centred on ({@code lat}, {@code lon}), across the road
     * whose heading there is {@code bearingDeg} (degrees clockwise from north). {@code backup}: a post times the point too,
     * and the cars' GPS crossings of the line are kept only as suggestions for a crossing the post missed (docs/rules.md).
     */
    public record VirtualLine(Double lat, Double lon, Double bearingDeg, Double widthM, Boolean backup) {

        /** A line the cars' GPS alone times. */
        public VirtualLine(Double lat, Double lon, Double bearingDeg, Double widthM) {
            this(lat, lon, bearingDeg, widthM, null);
        }
    }

    /**
     * One trial; which fields matter depends on {@code type} (PC, PM, CO, CT). On a circuit, the laps it is measured on: a
     * PC's {@code startLap} and {@code finishLap}, a CO's or CT's {@code lap}, a PM's {@code startLap} (its detections
     * say theirs); each 1 when not given. A PM may give an average per band beside its {@code averageKmh}
     * ({@code averageKmhByBand}), a CO a duration per band beside its {@code durationMinutes} ({@code durationMinutesByBand}):
     * a crew of a band named there is scored against its own value, any other against the plain one.
     */
    public record Trial(String id, String type, String start, String finish, Long targetMs, Double averageKmh,
            List<Detection> detections, String point, String from, Integer durationMinutes, String status, Integer startLap,
            Integer finishLap, Integer lap, Map<String, Double> averageKmhByBand, Map<String, Integer> durationMinutesByBand) {

        /** A trial without bands. */
        public Trial(String id, String type, String start, String finish, Long targetMs, Double averageKmh, List<Detection> detections,
                String point, String from, Integer durationMinutes, String status, Integer startLap, Integer finishLap, Integer lap) {
            this(id, type, start, finish, targetMs, averageKmh, detections, point, from, durationMinutes, status, startLap, finishLap, lap,
                    null, null);
        }

        /** The same trial with another status. */
        public Trial withStatus(String newStatus) {
            return corrected(null, null, null, newStatus);
        }

        /** The same trial with what race direction corrects (each null: kept as it is). */
        public Trial corrected(Long newTargetMs, Double newAverageKmh, Integer newDurationMinutes, String newStatus) {
            return new Trial(id, type, start, finish, newTargetMs != null ? newTargetMs : targetMs,
                    newAverageKmh != null ? newAverageKmh : averageKmh, detections, point, from,
                    newDurationMinutes != null ? newDurationMinutes : durationMinutes, newStatus != null ? newStatus : status, startLap,
                    finishLap, lap, averageKmhByBand, durationMinutesByBand);
        }
    }

    /** A PM's secret detection; {@code lap} on a circuit (the PM's {@code startLap} when not given). */
    public record Detection(String point, Integer distanceM, Integer lap) {
    }

    public record Trophy(String name, List<String> trials) {
    }
}
