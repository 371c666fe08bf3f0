package io.regularity.classification.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;

import io.regularity.classification.domain.Anomaly.Type;
import io.regularity.classification.domain.RaceDefinition.Leg;

/**
 * A crew's passages as scoring counts them (rules.md, Which passage counts, and Circuits): each passage belongs to a
 * timing point on a lap (always lap 1 on a road leg); of its non-voided passages at one point on one lap the earliest
 * counts, the others are kept, as duplicates within {@code duplicateWindowMs} of it (a backup chronometer, a double
 * hose hit) or as further crossings for race direction. On a circuit the lap-line crossings, folded within the window,
 * number the laps; a crossing outside the laps counts for nothing, and a lap holding two crossings of a point further
 * apart than the window says its line crossing was missed. Also how far along each leg the crew was seen (in circuit
 * order on a circuit), which turns a trial whose passage has not come into a missed one, and the passages at points
 * the route does not know or made after the crew was retired.
 */
final class Crossings {

    /** A timing point on a lap (1 on a road leg): where a trial takes a passage. */
    record At(String point, int lap) {
    }

    private final Map<String, int[]> positions;
    private final Map<Integer, Leg> legs = new HashMap<>();
    private final Map<At, PassageFact> counted = new HashMap<>();
    private final Map<Integer, Long> reached = new HashMap<>();
    private final Map<UUID, Integer> lapOf = new HashMap<>();
    private final long window;
    private final int car;
    private final BiConsumer<Integer, Anomaly> anomalies;

    /**
     * @param positions every timing point of the race with its leg and its index in that leg's route order
     * @param anomalies takes each anomaly found, with the leg it belongs to (0: no leg)
     */
    Crossings(RaceDefinition race, Map<String, int[]> positions, long duplicateWindowMs, int car, List<PassageFact> passages,
            Optional<Instant> retiredAt, BiConsumer<Integer, Anomaly> anomalies) {
        this.positions = positions;
        this.window = duplicateWindowMs;
        this.car = car;
        this.anomalies = anomalies;
        race.legs().forEach(l -> legs.put(l.number(), l));
        Map<Integer, List<PassageFact>> byLeg = new TreeMap<>();
        for (PassageFact p : passages) {
            if (p.voided()) {
                continue;
            }
            int[] pos = positions.get(p.point());
            if (pos == null) {
                anomalies.accept(0, new Anomaly(Type.UNKNOWN_POINT, car, p.point(), null, p.id(),
                        "passage at " + p.point() + ", a point the route does not know"));
                continue;
            }
            byLeg.computeIfAbsent(pos[0], k -> new ArrayList<>()).add(p);
        }
        byLeg.forEach((number, list) -> {
            list.sort(Comparator.comparing(PassageFact::officialTime).thenComparing(PassageFact::id));
            Leg leg = legs.get(number);
            if (leg != null && leg.circuit()) {
                circuit(number, leg, list);
            } else {
                Map<At, List<PassageFact>> byPoint = new TreeMap<>(Comparator.comparing(At::point));
                list.forEach(p -> byPoint.computeIfAbsent(new At(p.point(), 1), k -> new ArrayList<>()).add(p));
                byPoint.forEach((at, crossings) -> choose(number, at, crossings, false));
            }
            retiredAt.ifPresent(retired -> list.stream().filter(p -> p.officialTime().isAfter(retired))
                    .forEach(p -> anomalies.accept(number, new Anomaly(Type.AFTER_RETIREMENT, car, p.point(), null, p.id(),
                            "passage after the crew was retired at " + retired))));
        });
    }

    /** A circuit leg's passages, in time order: the laps numbered by the line, then each other point's crossings by lap. */
    private void circuit(int number, Leg leg, List<PassageFact> list) {
        String line = leg.startPoint();
        int laps = leg.lapCount();
        List<PassageFact> kept = new ArrayList<>();
        for (PassageFact p : list) {
            if (!p.point().equals(line)) {
                continue;
            }
            PassageFact last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            long apart = last == null ? Long.MAX_VALUE : p.officialTime().toEpochMilli() - last.officialTime().toEpochMilli();
            if (apart <= window) {
                lapOf.put(p.id(), kept.size());
                anomalies.accept(number, new Anomaly(Type.DUPLICATE, car, line, null, p.id(), "duplicate of " + last.id() + " (" + apart
                        + " ms later)", last.id(), kept.size()));
                continue;
            }
            kept.add(p);
            int lap = kept.size();
            if (lap > laps + 1) {
                anomalies.accept(number, new Anomaly(Type.OUTSIDE_LAPS, car, line, null, p.id(), "a crossing of the lap line after the one that ended lap "
                        + laps + ": it counts for nothing", null, null));
                continue;
            }
            counted.put(new At(line, lap), p);
            lapOf.put(p.id(), lap);
            reach(number, lap, line);
        }
        Map<At, List<PassageFact>> byPointAndLap = new TreeMap<>(Comparator.comparingInt(At::lap).thenComparing(At::point));
        int line1 = 0; // how many kept line crossings are at or before the passage: its lap
        for (PassageFact p : list) {
            while (line1 < kept.size() && !kept.get(line1).officialTime().isAfter(p.officialTime())) {
                line1++;
            }
            if (p.point().equals(line)) {
                continue;
            }
            if (line1 == 0 || line1 > laps) {
                anomalies.accept(number, new Anomaly(Type.OUTSIDE_LAPS, car, p.point(), null, p.id(), line1 == 0
                        ? "before the car's first crossing of the lap line " + line + ": it counts for nothing"
                        : "after the crossing of the lap line that ended lap " + laps + ": it counts for nothing", null, null));
                continue;
            }
            byPointAndLap.computeIfAbsent(new At(p.point(), line1), k -> new ArrayList<>()).add(p);
        }
        TreeMap<Integer, UUID> lineMissed = new TreeMap<>();
        byPointAndLap.forEach((at, crossings) -> {
            UUID further = choose(number, at, crossings, true);
            if (further != null) {
                lineMissed.putIfAbsent(at.lap(), further);
            }
        });
        lineMissed.forEach((lap, passage) -> anomalies.accept(number, new Anomaly(Type.LAP_LINE_MISSED, car, line, null, passage,
                "lap " + lap + " holds two crossings of the same point: the lap line " + line + " was not recorded in between;"
                        + " post the backup chronometer's crossing, or void what is wrong", null, lap)));
    }

    /**
     * The earliest of a point's crossings on one lap counts; the others are duplicates within the window or further
     * crossings. Returns the first further crossing (null when there is none).
     */
    private UUID choose(int number, At at, List<PassageFact> crossings, boolean circuit) {
        PassageFact first = crossings.get(0);
        counted.put(at, first);
        reach(number, at.lap(), at.point());
        Integer lap = circuit ? at.lap() : null;
        UUID further = null;
        for (PassageFact p : crossings) {
            if (circuit) {
                lapOf.put(p.id(), at.lap());
            }
            if (p == first) {
                continue;
            }
            long apart = p.officialTime().toEpochMilli() - first.officialTime().toEpochMilli();
            boolean duplicate = apart <= window;
            further = duplicate || further != null ? further : p.id();
            anomalies.accept(number, new Anomaly(duplicate ? Type.DUPLICATE : Type.MULTIPLE_CROSSINGS, car, at.point(), null, p.id(),
                    (duplicate ? "duplicate of " : "another crossing, " + apart / 1000 + " s after ") + first.id() + " (" + apart + " ms later)",
                    first.id(), lap));
        }
        return further;
    }

    /** The place of a point on a lap in its leg's route (circuit) order: later places are greater. */
    private long ordinal(At at) {
        int[] pos = positions.get(at.point());
        Leg leg = legs.get(pos[0]);
        int size = leg == null || leg.timingPoints() == null ? 0 : leg.timingPoints().size();
        return (long) at.lap() * (size + 1) + pos[1];
    }

    private void reach(int leg, int lap, String point) {
        reached.merge(leg, ordinal(new At(point, lap)), Math::max);
    }

    /** The passage that counts at a point on a lap, or null. */
    PassageFact at(At at) {
        return at == null || at.point() == null ? null : counted.get(at);
    }

    /** The official time of the passage that counts at a point on a lap, or null. */
    Instant timeAt(At at) {
        PassageFact p = at(at);
        return p == null ? null : p.officialTime();
    }

    /** The ids of the passages that count at these points and laps (those that have one), in that order. */
    List<UUID> used(At... ats) {
        List<UUID> ids = new ArrayList<>();
        for (At at : ats) {
            PassageFact p = at(at);
            if (p != null) {
                ids.add(p.id());
            }
        }
        return ids;
    }

    /**
     * Whether the crew evidently went past all of these points (on their laps) that have no passage: it was seen at a
     * later point of the same leg, in route order, or circuit order on a circuit (rules.md, Missing a passage).
     */
    boolean wentPast(int leg, At... ats) {
        long furthest = -1; // the furthest place with no passage: the crew went on if it was seen beyond it
        for (At at : ats) {
            if (at != null && at.point() != null && at(at) == null && positions.containsKey(at.point())) {
                furthest = Math.max(furthest, ordinal(at));
            }
        }
        return reached.getOrDefault(leg, -1L) > furthest;
    }

    /** The lap each passage of a circuit leg belongs to (a duplicate's is the one it is folded into); none outside the laps. */
    Map<UUID, Integer> laps() {
        return lapOf;
    }
}
