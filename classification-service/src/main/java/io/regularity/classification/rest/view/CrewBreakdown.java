package io.regularity.classification.rest.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.regularity.classification.domain.Anomaly;
import io.regularity.classification.domain.CrewResult;
import io.regularity.classification.domain.Evidence;
import io.regularity.classification.domain.Measure;
import io.regularity.classification.domain.PassageFact;
import io.regularity.classification.domain.PassageRecord;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.Resolution;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.domain.TrialResult;
import io.regularity.classification.service.CrewResultsService.ScoredCrew;
import io.regularity.support.Lang;

/**
 * A crew's results as the crew checks them against its own stopwatch: per trial, the crossings that counted
 * (official time in UTC and in the race's time zone), the numbers between them, every passage at the trial's
 * points that did not count and why, and the rulings about the trial.
 */
public final class CrewBreakdown {

    private CrewBreakdown() {
    }

    /**
     * A crossing that counted: the official time (device time + clock offset) in UTC and local, and who took it; on a
     * circuit, the lap it counted for; how good its time is ({@code precisionMs}, {@code clockUncertaintyMs}: null when
     * the post did not say).
     */
    public record Crossing(UUID passage, String point, Instant time, String localTime, Long clockOffsetMs, String device,
            String source, Integer lap, Double precisionMs, Double clockUncertaintyMs,
            @Schema(nullable = true, description = "a GPS crossing's evidence (docs/rules.md, A crossing from the car's GPS); "
                    + "absent for a post's") GpsEvidence evidence) {
    }

    /** A fix either side of a GPS crossing, its time also in the race's zone. */
    public record GpsEvidenceFix(Instant time, String localTime, Double lat, Double lon, Double speedMs, Double headingDeg, Double accuracyM) {
    }

    /**
     * What a GPS crossing was computed from: the virtual line, the car's fixes either side, the fraction of the way between
     * them, the crossing point, and the interpolated time ({@code time} = before.time + fraction · (after.time −
     * before.time)) with how good it is; {@code words} says it in the reader's language.
     */
    public record GpsEvidence(Evidence.EvidenceLine line, GpsEvidenceFix before, GpsEvidenceFix after, Double fraction, Evidence.EvidencePoint at, Instant time,
            String localTime, Double precisionMs, Double clockUncertaintyMs,
            @Schema(description = "the evidence in the reader's language (`lang`, `Accept-Language`): \"GPS: between 10:00:00.000 (2 m) "
                    + "and 10:00:01.000 (3 m), 36.5 % of the way → 10:00:00.365 ± 25 ms (positions ± 150 ms)\"") String words) {
    }

    /** A passage's evidence as the breakdown shows it; null for a passage without (a post's). */
    public static GpsEvidence evidence(PassageRecord p, ZoneId zone, Lang lang) {
        Evidence e = p == null ? null : p.evidence();
        if (e == null) {
            return null;
        }
        return new GpsEvidence(e.line(), fix(e.before(), zone), fix(e.after(), zone), e.fraction(), e.at(), p.time(),
                Words.localTime(p.time(), zone), p.precisionMs(), p.clockUncertaintyMs(), Words.evidence(p, zone, lang));
    }

    private static GpsEvidenceFix fix(Evidence.EvidenceFix f, ZoneId zone) {
        return f == null ? null : new GpsEvidenceFix(f.time(), f.time() == null ? null : Words.localTime(f.time(), zone), f.lat(), f.lon(),
                f.speedMs(), f.headingDeg(), f.accuracyM());
    }

    public record Detection(String point, Integer distanceM, Crossing passage, Long idealMs, Long actualMs, Integer deltaCs,
            Integer penalty, Integer lap) {
    }

    /** A passage at the trial's points that did not count, and why; on a circuit, the lap it belongs to (none outside the laps). */
    public record Ignored(UUID passage, String point, Instant time, String localTime, String device, String reason, Integer lap,
            @Schema(description = "why, in the reader's language (`lang`, `Accept-Language`): a passage named by its time and device")
            String words,
            @Schema(nullable = true, description = "a GPS crossing's evidence (a backup line's, voided until race direction "
                    + "restores it); absent for a post's") GpsEvidence evidence) {
    }

    public record RulingRef(long id, String type, Integer points, String reason, String by, Instant at) {
    }

    public record CrewTrial(String trial, String type, int leg, String state, Integer penalty, BigDecimal points,
            List<UUID> passages, Crossing start, Crossing finish, Long targetMs, Long elapsedMs, Integer deltaCs,
            List<Detection> detections, Crossing reference, Crossing arrival, Instant due, String dueLocal, Long minutes,
            Boolean beyondMaxLateness, Crossing crossing, List<Ignored> ignored, List<RulingRef> rulings) {
    }

    /**
     * {@code asOf}: the moment of a replayed breakdown, null for the live one; {@code resolution}: the unit the race scores its
     * PCs in, which its times are shown to.
     */
    public record CrewResults(String raceId, int car, String crew,
            @Schema(nullable = true, description = "null for a retired or excluded crew") Integer rank, String state, BigDecimal score, String timeZone,
            long revision, Instant asOf, List<CrewTrial> trials,
            @Schema(enumeration = { "HUNDREDTH", "TENTH", "SECOND" }, description = "the unit the race scores its PCs in: its times are "
                    + "shown to it, and `deltaCs` is a difference of times truncated to it") String resolution,
            @Schema(nullable = true, description = "the crew's band on the entry list, when it has one") String band) {
    }

    /** A crew's breakdown from its scored result and the facts it was scored from. */
    public static CrewResults of(ScoredCrew scored, Lang lang) {
        RaceDefinition race = scored.race();
        CrewResult result = scored.result();
        Map<UUID, Integer> laps = scored.laps();
        Set<Integer> circuits = new HashSet<>();
        race.legs().stream().filter(RaceDefinition.Leg::circuit).forEach(l -> circuits.add(l.number()));
        List<Ruling> rulings = scored.rulings();
        List<PassageRecord> records = scored.passages();
        ZoneId zone = race.zone();
        Map<UUID, PassageRecord> byId = new HashMap<>();
        records.forEach(p -> byId.put(p.id(), p));
        Map<UUID, Anomaly> anomalies = new HashMap<>();
        result.anomalies().forEach(a -> {
            if (a.passageId() != null && a.type() != Anomaly.Type.AFTER_RETIREMENT && a.type() != Anomaly.Type.LAP_LINE_MISSED) {
                anomalies.put(a.passageId(), a);
            }
        });
        Map<String, RaceDefinition.Trial> trials = new HashMap<>();
        race.trialsInRouteOrder().forEach(p -> trials.put(p.trial().id(), p.trial()));
        List<CrewTrial> out = new ArrayList<>();
        for (TrialResult t : result.trials()) {
            RaceDefinition.Trial trial = trials.get(t.trial());
            Measure m = t.measure();
            List<RulingRef> about = rulings.stream()
                    .filter(r -> t.trial().equals(r.trial()) && !"STEWARD".equals(t.type()) || t.trial().equals("STEWARD-" + r.id()))
                    .map(r -> new RulingRef(r.id(), r.type().name(), r.points(), r.reason(), r.by(), r.at())).toList();
            boolean circuit = circuits.contains(t.leg());
            Map<UUID, Integer> lapsHere = circuit ? laps : Map.of();
            List<Ignored> ignored = trial == null ? List.of()
                    : ignored(points(trial, circuit), Set.copyOf(t.passages()), records, byId, anomalies, lapsHere, zone, lang);
            if (m == null) {
                out.add(new CrewTrial(t.trial(), t.type(), t.leg(), t.state().name(), t.penalty(), t.points(), t.passages(), null,
                        null, null, null, null, null, null, null, null, null, null, null, null, ignored, about));
                continue;
            }
            List<Detection> detections = m.detections() == null ? null : m.detections().stream()
                    .map(d -> new Detection(d.point(), d.distanceM(), crossing(d.passage(), byId, lapsHere, zone, lang), d.idealMs(), d.actualMs(),
                            d.deltaCs(), d.penalty(), lapOf(trial, d.point(), circuit)))
                    .toList();
            out.add(new CrewTrial(t.trial(), t.type(), t.leg(), t.state().name(), t.penalty(), t.points(), t.passages(),
                    crossing(m.start(), byId, lapsHere, zone, lang), crossing(m.finish(), byId, lapsHere, zone, lang), m.targetMs(), m.elapsedMs(),
                    m.deltaCs(), detections, crossing(m.reference(), byId, lapsHere, zone, lang), crossing(m.arrival(), byId, lapsHere, zone, lang),
                    m.due(), m.due() == null ? null : Words.localTime(m.due(), zone), m.minutes(), m.beyondMaxLateness(),
                    crossing(m.crossing(), byId, lapsHere, zone, lang), ignored, about));
        }
        return new CrewResults(race.id(), result.car(), scored.crew().crewName(), scored.rank(), result.state().name(), result.score(),
                zone.getId(), race.revision(), scored.asOf(), out,
                (race.scoring() == null ? Resolution.HUNDREDTH : race.scoring().resolutionOrDefault()).name(), scored.crew().band());
    }

    /**
     * The timing points whose passages make a trial (a PC's start and finish, a PM's start and detections, a CO's or CT's
     * point), each with the lap it is taken on; the lap is null on a road leg.
     */
    private static Map<String, Set<Integer>> points(RaceDefinition.Trial t, boolean circuit) {
        Map<String, Set<Integer>> points = new HashMap<>();
        BiConsumer<String, Integer> add = (point, lap) -> {
            if (point != null) {
                points.computeIfAbsent(point, k -> new HashSet<>()).add(circuit ? lap : null);
            }
        };
        add.accept(t.start(), t.startLapOrFirst());
        add.accept(t.finish(), t.finishLapOrFirst());
        add.accept(t.point(), t.lapOrFirst());
        if (t.detections() != null) {
            t.detections().forEach(d -> add.accept(d.point(), t.lapOf(d)));
        }
        return points;
    }

    /** The lap a trial takes a point on, on a circuit (a PM's detection's own); null on a road leg. */
    private static Integer lapOf(RaceDefinition.Trial t, String point, boolean circuit) {
        if (!circuit || t == null || t.detections() == null) {
            return null;
        }
        return t.detections().stream().filter(d -> d.point().equals(point)).findFirst().map(t::lapOf).orElse(null);
    }

    /**
     * The passages at a trial's points that did not count: on a circuit, those of the trial's lap there and those outside
     * the laps; on a road leg, every other passage at those points.
     */
    private static List<Ignored> ignored(Map<String, Set<Integer>> points, Set<UUID> used, List<PassageRecord> records,
            Map<UUID, PassageRecord> byId, Map<UUID, Anomaly> anomalies, Map<UUID, Integer> laps, ZoneId zone, Lang lang) {
        List<Ignored> ignored = new ArrayList<>();
        for (PassageRecord p : records) {
            Set<Integer> lapsThere = points.get(p.point());
            if (lapsThere == null || used.contains(p.id())) {
                continue;
            }
            Integer lap = laps.get(p.id());
            boolean outside = !laps.isEmpty() && lap == null && p.voided() == null;
            if (!lapsThere.contains(null) && !lapsThere.contains(lap) && !outside) {
                continue; // a crossing of this hose on another lap: it counted (or not) for that lap's trials
            }
            Anomaly anomaly = anomalies.get(p.id());
            PassageRecord counted = anomaly == null || anomaly.counted() == null ? null : byId.get(anomaly.counted());
            ignored.add(new Ignored(p.id(), p.point(), p.officialTime(), Words.localTime(p.officialTime(), zone), p.device(),
                    reason(p, anomaly, byId), lap, Words.ignored(p, anomaly, counted, zone, lang), evidence(p, zone, lang)));
        }
        return ignored;
    }

    /** Why a passage did not count, in words a crew reads. */
    static String reason(PassageRecord p, Anomaly anomaly, Map<UUID, PassageRecord> byId) {
        if (p.voided() != null) {
            return "VOIDED by " + p.voided().by() + (p.voided().at() == null ? "" : " at " + p.voided().at()) + ": \""
                    + p.voided().reason() + "\"";
        }
        if (anomaly != null && anomaly.type() == Anomaly.Type.OUTSIDE_LAPS) {
            return "OUTSIDE THE LAPS: " + anomaly.detail();
        }
        PassageRecord counted = anomaly == null || anomaly.counted() == null ? null : byId.get(anomaly.counted());
        if (counted == null) {
            return "not counted: another passage at " + p.point() + " counted";
        }
        long apart = p.officialTime().toEpochMilli() - counted.officialTime().toEpochMilli();
        if (anomaly.type() == Anomaly.Type.DUPLICATE) {
            boolean backup = p.device() != null && !p.device().equals(counted.device());
            return "DUPLICATE of " + counted.id() + " (" + (backup ? "backup chronometer " + p.device() : "same chronometer " + p.device())
                    + ", " + apart + " ms later)";
        }
        return anomaly.lap() == null ? "A LATER CROSSING, " + apart / 1000 + " s after " + counted.id() + " (only the first crossing of a point counts)"
                : "A LATER CROSSING on lap " + anomaly.lap() + ", " + apart / 1000 + " s after " + counted.id()
                        + " (only the first crossing of a point on a lap counts; was the lap line missed?)";
    }

    private static Crossing crossing(PassageFact p, Map<UUID, PassageRecord> byId, Map<UUID, Integer> laps, ZoneId zone, Lang lang) {
        if (p == null) {
            return null;
        }
        PassageRecord r = byId.get(p.id());
        return new Crossing(p.id(), p.point(), p.officialTime(), Words.localTime(p.officialTime(), zone),
                r == null ? null : r.clockOffsetMs(), r == null ? null : r.device(), r == null ? null : r.source(), laps.get(p.id()),
                r == null ? null : r.precisionMs(), r == null ? null : r.clockUncertaintyMs(), evidence(r, zone, lang));
    }
}
