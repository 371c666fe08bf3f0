package io.regularity.classification.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.regularity.classification.domain.Anomaly.Type;
import io.regularity.classification.domain.Crossings.At;
import io.regularity.classification.domain.RaceDefinition.Detection;
import io.regularity.classification.domain.RaceDefinition.PlacedTrial;
import io.regularity.classification.domain.RaceDefinition.Scoring;
import io.regularity.classification.domain.RaceDefinition.Trial;
import io.regularity.classification.domain.RaceDefinition.TrialStatus;
import io.regularity.classification.domain.RaceDefinition.TrialType;
import io.regularity.classification.domain.TrialResult.State;

/**
 * Scores one crew on a race from the stored facts alone: its passages and the rulings about it. A
 * pure function, so any arrival order of the same facts gives the same result, and a rebuild gives
 * what live scoring gave. Built once per race revision; {@link #score} is thread-safe.
 */
public final class CrewScorer {

    private final RaceDefinition race;
    private final Scoring scoring;
    private final List<PlacedTrial> trials;
    private final Map<String, int[]> positions;
    private final Map<String, PlacedTrial> trialsById = new HashMap<>();
    private final int lastLeg;

    public CrewScorer(RaceDefinition race) {
        this.race = race;
        this.scoring = race.scoring() == null ? new Scoring(null, null, null, null, null, null, null, null) : race.scoring();
        this.trials = race.trialsInRouteOrder();
        this.positions = race.pointPositions();
        this.lastLeg = race.lastLegNumber();
        trials.forEach(t -> trialsById.put(t.trial().id(), t));
    }

    /** Whether this scores {@code race}, that very definition as read (one instance per revision read). */
    public boolean scores(RaceDefinition race) {
        return this.race == race;
    }

    /** Every leg's part of a crew's result, and the crew's whole result. */
    public CrewResult score(Crew crew, List<PassageFact> passages, List<Ruling> rulings) {
        return CrewResult.of(crew.car(), scoreLegs(crew, passages, rulings, allLegs()));
    }

    /**
     * Scores only some legs of a crew (0 stands for the rulings and the passages at unknown points):
     * a passage can change nothing outside its own leg, so a live batch re-scores only what it touched.
     * {@code passages} need only hold those legs' passages.
     */
    public List<LegResult> scoreLegs(Crew crew, List<PassageFact> passages, List<Ruling> rulings, Set<Integer> legs) {
        return new CrewRun(crew, passages, rulings).run(legs);
    }

    /**
     * The lap each of a crew's passages on a circuit leg belongs to (rules.md, Circuits), by passage id: what a crew's
     * breakdown says of each crossing. Passages of road legs, and those outside the laps, have none.
     */
    public Map<UUID, Integer> laps(int car, List<PassageFact> passages) {
        return new Crossings(race, positions, scoring.duplicateWindowOrDefault(), car, passages, Optional.empty(), (leg, a) -> {
        }).laps();
    }

    /** Leg 0 (rulings, unknown points) and every leg number of the race. */
    public Set<Integer> allLegs() {
        Set<Integer> all = new TreeSet<>();
        all.add(0);
        race.legs().forEach(l -> all.add(l.number()));
        return all;
    }

    /** The leg of a timing point, 0 for a point the route does not know. */
    public int legOf(String point) {
        int[] pos = positions.get(point);
        return pos == null ? 0 : pos[0];
    }

    /** The work of scoring one crew: its counted passages, then each trial in route order. */
    private final class CrewRun {
        final Crew crew;
        final BigDecimal coefficient;
        final List<Ruling> rulings;
        final Crossings crossings;
        final Map<Integer, List<Anomaly>> anomalies = new HashMap<>();
        final Map<Integer, Boolean> excludedOn = new HashMap<>();
        final Map<Integer, List<PassageFact>> byLeg = new HashMap<>();

        CrewRun(Crew crew, List<PassageFact> passages, List<Ruling> rulings) {
            this.crew = crew;
            this.coefficient = crew.coefficient() == null ? BigDecimal.ONE : crew.coefficient();
            this.rulings = rulings;
            passages.forEach(p -> byLeg.computeIfAbsent(legOf(p.point()), k -> new ArrayList<>()).add(p));
            Optional<Instant> retiredAt = rulings.stream().filter(r -> r.type() == Ruling.Type.RETIRE).map(Ruling::at)
                    .min(Comparator.naturalOrder());
            this.crossings = new Crossings(race, positions, scoring.duplicateWindowOrDefault(), crew.car(), passages, retiredAt, this::anomaly);
        }

        void anomaly(int leg, Anomaly anomaly) {
            anomalies.computeIfAbsent(leg, k -> new ArrayList<>()).add(anomaly);
        }

        List<LegResult> run(Set<Integer> legs) {
            List<TrialResult> results = new ArrayList<>();
            Map<Integer, List<Integer>> measuredPcByLeg = new HashMap<>();
            Map<String, Ruling> perTrial = new HashMap<>();
            for (Ruling r : rulings) {
                if (r.trial() != null && (r.type() == Ruling.Type.NEUTRALISE || r.type() == Ruling.Type.ASSIGN_AVERAGE)) {
                    perTrial.merge(r.trial(), r, (a, b) -> a.id() >= b.id() ? a : b);
                }
            }
            List<PlacedTrial> wanted = trials.stream().filter(t -> legs.contains(t.leg().number())).toList();
            for (PlacedTrial placed : wanted) {
                Ruling ruling = perTrial.get(placed.trial().id());
                TrialResult result;
                if (placed.trial().status() == TrialStatus.NEUTRALISED
                        || (ruling != null && ruling.type() == Ruling.Type.NEUTRALISE)) {
                    result = neutralised(placed);
                } else {
                    result = switch (placed.trial().type()) {
                        case PC -> pc(placed);
                        case PM -> pm(placed);
                        case CO -> co(placed);
                        case CT -> ct(placed);
                    };
                    boolean toAssign = ruling != null && ruling.type() == Ruling.Type.ASSIGN_AVERAGE;
                    if (result.state() == State.MEASURED && placed.trial().type() == TrialType.PC && !toAssign) {
                        measuredPcByLeg.computeIfAbsent(placed.leg().number(), k -> new ArrayList<>()).add(result.penalty());
                    }
                }
                results.add(result);
            }
            // assigned averages need every measured PC of the leg first
            for (int i = 0; i < results.size(); i++) {
                PlacedTrial placed = wanted.get(i);
                Ruling ruling = perTrial.get(placed.trial().id());
                if (ruling != null && ruling.type() == Ruling.Type.ASSIGN_AVERAGE && results.get(i).state() != State.NEUTRALISED) {
                    results.set(i, assigned(placed, measuredPcByLeg.getOrDefault(placed.leg().number(), List.of())));
                }
            }
            Map<Integer, List<TrialResult>> byLeg = new HashMap<>();
            for (TrialResult r : results) {
                byLeg.computeIfAbsent(r.leg(), k -> new ArrayList<>()).add(r);
            }
            List<TrialResult> rulingRows = new ArrayList<>();
            for (Ruling r : rulings) {
                if (r.type() == Ruling.Type.STEWARD_PENALTY && r.points() != null) {
                    PlacedTrial on = r.trial() == null ? null : trialsById.get(r.trial());
                    int p = r.points();
                    rulingRows.add(new TrialResult("STEWARD-" + r.id(), "STEWARD", on == null ? 0 : on.leg().number(),
                            on == null ? -1 : on.routeIndex(), State.MEASURED, p, scoring.points() ? BigDecimal.valueOf(-p) : null,
                            scoring.points() ? BigDecimal.valueOf(-p) : BigDecimal.valueOf(p).multiply(coefficient),
                            BigDecimal.valueOf(scoring.points() ? -p : p), List.of()));
                }
            }
            boolean retired = rulings.stream().anyMatch(r -> r.type() == Ruling.Type.RETIRE);
            List<LegResult> out = new ArrayList<>();
            for (int leg : new TreeSet<>(legs)) {
                String digest = ResultsDigest.passages(this.byLeg.getOrDefault(leg, List.of()));
                if (leg == 0) {
                    out.add(LegResult.of(0, rulingRows, anomalies.getOrDefault(0, List.of()), false, retired, digest));
                } else if (race.legs().stream().anyMatch(l -> l.number() == leg)) {
                    out.add(LegResult.of(leg, byLeg.getOrDefault(leg, List.of()), anomalies.getOrDefault(leg, List.of()),
                            excludedOn.getOrDefault(leg, false), false, digest));
                }
            }
            return out;
        }

        private Instant at(At point) {
            return crossings.timeAt(point);
        }

        private PassageFact crossing(At point) {
            return crossings.at(point);
        }

        private List<UUID> used(At... points) {
            return crossings.used(points);
        }

        /** Missed rather than pending: the trial is closed, or the crew was seen further along the leg. */
        private boolean missed(PlacedTrial placed, At... points) {
            return placed.trial().closed() || crossings.wentPast(placed.leg().number(), points);
        }

        private TrialResult pc(PlacedTrial placed) {
            Trial t = placed.trial();
            At startAt = new At(t.start(), t.startLapOrFirst());
            At finishAt = new At(t.finish(), t.finishLapOrFirst());
            Instant start = at(startAt);
            Instant finish = at(finishAt);
            int cap = scoring.pcCapOrDefault();
            Resolution resolution = scoring.resolutionOrDefault();
            Measure measure = Measure.pc(crossing(startAt), crossing(finishAt), t.targetMs(), resolution);
            if (start != null && finish != null) {
                int penalty = pcPenalty(finish.toEpochMilli() - start.toEpochMilli(), t.targetMs(), cap, resolution);
                return earned(placed, State.MEASURED, penalty, List.of(penalty), used(startAt, finishAt)).with(measure);
            }
            if (missed(placed, startAt, finishAt)) {
                return earned(placed, State.MISSED, cap, List.of(cap), used(startAt, finishAt)).with(measure);
            }
            return pending(placed, used(startAt, finishAt)).with(measure);
        }

        private TrialResult pm(PlacedTrial placed) {
            Trial t = placed.trial();
            At startAt = new At(t.start(), t.startLapOrFirst());
            Instant start = at(startAt);
            List<Detection> detections = t.detections() == null ? List.of() : t.detections();
            List<Integer> penalties = new ArrayList<>();
            boolean pending = false;
            int missedCount = 0;
            List<At> points = new ArrayList<>();
            List<Measure.Detection> measured = new ArrayList<>();
            points.add(startAt);
            for (Detection d : detections) {
                At dAt = new At(d.point(), t.lapOf(d));
                points.add(dAt);
                Instant seen = at(dAt);
                double averageKmh = t.averageKmhFor(crew.band());
                double idealMs = d.distanceM() * 3600.0 / averageKmh;
                Integer penalty = null;
                if (start != null && seen != null) {
                    penalty = pmPenalty(seen.toEpochMilli() - start.toEpochMilli(), d.distanceM(), averageKmh,
                            scoring.pmUnitCsOrDefault(), scoring.pmCapOrDefault());
                    penalties.add(penalty);
                } else if (missed(placed, startAt, dAt)) {
                    penalty = scoring.pmCapOrDefault();
                    penalties.add(penalty);
                    missedCount++;
                } else {
                    pending = true;
                }
                Long actualMs = start == null || seen == null ? null : seen.toEpochMilli() - start.toEpochMilli();
                measured.add(new Measure.Detection(d.point(), d.distanceM(), crossing(dAt), Math.round(idealMs), actualMs,
                        actualMs == null ? null : (int) ((actualMs - idealMs) / 10.0), penalty));
            }
            List<UUID> used = used(points.toArray(At[]::new));
            Measure measure = Measure.pm(crossing(startAt), measured);
            if (pending) {
                return pending(placed, used).with(measure);
            }
            State state = missedCount == detections.size() ? State.MISSED : State.MEASURED;
            return earned(placed, state, penalties.stream().mapToInt(Integer::intValue).sum(), penalties, used).with(measure);
        }

        private TrialResult co(PlacedTrial placed) {
            Trial t = placed.trial();
            At referencePoint = t.from() == null ? new At(placed.leg().startPoint(), 1)
                    : Optional.ofNullable(trialsById.get(t.from())).map(p -> new At(p.trial().point(), p.trial().lapOrFirst())).orElse(null);
            At pointAt = new At(t.point(), t.lapOrFirst());
            Instant arrival = at(pointAt);
            Instant reference = at(referencePoint);
            boolean onLastLeg = placed.leg().number() == lastLeg;
            List<UUID> used = used(referencePoint, pointAt);
            CoPenalty penalty;
            State state;
            Integer duration = t.durationMinutesFor(crew.band());
            Instant due = reference == null || duration == null ? null : CoPenalty.due(reference, duration);
            Long minutes = due == null || arrival == null ? null : CoPenalty.minutes(due, arrival);
            boolean beyond;
            if (arrival == null) {
                if (!missed(placed, pointAt)) {
                    return pending(placed, used).with(Measure.co(crossing(referencePoint), null, due, null, false));
                }
                penalty = CoPenalty.beyondMaxLateness(onLastLeg);
                state = State.MISSED;
                beyond = true;
            } else if (reference == null) {
                anomaly(placed.leg().number(), new Anomaly(Type.CO_UNRESOLVED, crew.car(), t.point(), t.id(), crossing(pointAt).id(),
                        "no passage at the reference point " + (referencePoint == null ? null : referencePoint.point())
                                + ": the CO cannot be scored and counts 0"));
                penalty = new CoPenalty(0, false);
                state = State.MEASURED;
                beyond = false;
            } else {
                penalty = CoPenalty.of(due, arrival, scoring.maxLatenessOrDefault(), onLastLeg);
                state = State.MEASURED;
                beyond = minutes > scoring.maxLatenessOrDefault();
            }
            if (penalty.excluded()) {
                excludedOn.put(placed.leg().number(), true);
            }
            return deducted(placed, state, penalty.penalty(), used)
                    .with(Measure.co(crossing(referencePoint), crossing(pointAt), due, minutes, beyond));
        }

        private TrialResult ct(PlacedTrial placed) {
            Trial t = placed.trial();
            At pointAt = new At(t.point(), t.lapOrFirst());
            if (at(pointAt) != null) {
                return deducted(placed, State.MEASURED, 0, used(pointAt)).with(Measure.ct(crossing(pointAt)));
            }
            if (missed(placed, pointAt)) {
                return deducted(placed, State.MISSED, scoring.ctMissedOrDefault(), List.of()).with(Measure.ct(null));
            }
            return pending(placed, List.of()).with(Measure.ct(null));
        }

        private TrialResult neutralised(PlacedTrial placed) {
            Trial t = placed.trial();
            return switch (t.type()) {
                case PC -> earned(placed, State.NEUTRALISED, 0, List.of(0), List.of());
                case PM -> earned(placed, State.NEUTRALISED, 0,
                        Collections.nCopies(t.detections() == null ? 0 : t.detections().size(), 0), List.of());
                case CO, CT -> deducted(placed, State.NEUTRALISED, 0, List.of());
            };
        }

        private TrialResult assigned(PlacedTrial placed, List<Integer> measuredPcs) {
            int average = measuredPcs.isEmpty() ? 0
                    : BigDecimal.valueOf(measuredPcs.stream().mapToLong(Integer::longValue).sum())
                            .divide(BigDecimal.valueOf(measuredPcs.size()), 0, RoundingMode.HALF_UP).intValueExact();
            Trial t = placed.trial();
            return switch (t.type()) {
                case PC -> earned(placed, State.ASSIGNED, average, List.of(average), List.of());
                case PM -> {
                    int n = t.detections() == null ? 0 : t.detections().size();
                    yield earned(placed, State.ASSIGNED, average * n, Collections.nCopies(n, average), List.of());
                }
                case CO, CT -> deducted(placed, State.ASSIGNED, average, List.of());
            };
        }

        /** PC and PM: penalties that, under POINTS, earn coefficient × T(p) each. */
        private TrialResult earned(PlacedTrial placed, State state, int penalty, List<Integer> parts, List<UUID> used) {
            if (scoring.points()) {
                int table = parts.stream().mapToInt(scoring::pointsFor).sum();
                BigDecimal points = coefficient.multiply(BigDecimal.valueOf(table));
                return result(placed, state, penalty, points, points, BigDecimal.valueOf(table), used);
            }
            return result(placed, state, penalty, null, coefficient.multiply(BigDecimal.valueOf(penalty)),
                    BigDecimal.valueOf(penalty), used);
        }

        /** CO and CT: penalties that, under POINTS, are deducted as points without the coefficient. */
        private TrialResult deducted(PlacedTrial placed, State state, int penalty, List<UUID> used) {
            if (scoring.points()) {
                BigDecimal points = BigDecimal.valueOf(-penalty);
                return result(placed, state, penalty, points, points, points, used);
            }
            return result(placed, state, penalty, null, coefficient.multiply(BigDecimal.valueOf(penalty)),
                    BigDecimal.valueOf(penalty), used);
        }

        private TrialResult pending(PlacedTrial placed, List<UUID> used) {
            return result(placed, State.PENDING, null, null, BigDecimal.ZERO, BigDecimal.ZERO, used);
        }

        private TrialResult result(PlacedTrial placed, State state, Integer penalty, BigDecimal points, BigDecimal contribution,
                BigDecimal raw, List<UUID> used) {
            return new TrialResult(placed.trial().id(), placed.trial().type().name(), placed.leg().number(), placed.routeIndex(), state,
                    penalty, points == null ? null : round(points), contribution, raw, used);
        }
    }

    /** PC at the hundredth: |cs(elapsed) − cs(target)| capped, with cs = floor(ms / 10). */
    public static int pcPenalty(long elapsedMs, long targetMs, int cap) {
        return pcPenalty(elapsedMs, targetMs, cap, Resolution.HUNDREDTH);
    }

    /** PC at a resolution: |units(elapsed) − units(target)| capped (the cap in units), each truncated to the unit. */
    public static int pcPenalty(long elapsedMs, long targetMs, int cap, Resolution resolution) {
        long diff = Math.abs(resolution.units(elapsedMs) - resolution.units(targetMs));
        return (int) Math.min(diff, cap);
    }

    /** PM detection: |actual − ideal| in pmUnit (whole units, truncated), capped; ideal = distance / average speed. */
    public static int pmPenalty(long elapsedMs, int distanceM, double averageKmh, int unitCs, int cap) {
        double idealMs = distanceM * 3600.0 / averageKmh;
        double deltaMs = Math.abs(elapsedMs - idealMs);
        long units = (long) Math.floor(deltaMs / (10.0 * unitCs));
        return (int) Math.min(units, cap);
    }

    /** Scores are kept to the hundredth, rounded half-up. */
    public static BigDecimal round(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

}
