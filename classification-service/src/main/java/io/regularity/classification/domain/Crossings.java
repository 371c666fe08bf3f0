package io.regularity.classification.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

import io.regularity.classification.domain.Anomaly.Type;

/**
 * A crew's passages as scoring counts them (rules.md, Duplicates): of its non-voided passages at one timing point the
 * earliest counts; the others are kept, as duplicates within {@code duplicateWindowMs} of it (a backup chronometer,
 * a double hose hit) or as further crossings for race direction. Also how far along each leg the crew was seen, which
 * turns a trial whose passage has not come into a missed one, and the passages at points the route does not know or
 * made after the crew was retired.
 */
final class Crossings {

    private final Map<String, int[]> positions;
    private final Map<String, PassageFact> counted = new HashMap<>();
    private final Map<Integer, Integer> reached = new HashMap<>();

    /**
     * @param positions every timing point of the race with its leg and its index in that leg's route order
     * @param anomalies takes each anomaly found, with the leg it belongs to (0: no leg)
     */
    Crossings(Map<String, int[]> positions, long duplicateWindowMs, int car, List<PassageFact> passages, Optional<Instant> retiredAt,
            BiConsumer<Integer, Anomaly> anomalies) {
        this.positions = positions;
        Map<String, List<PassageFact>> byPoint = new HashMap<>();
        for (PassageFact p : passages) {
            if (p.voided()) {
                continue;
            }
            if (!positions.containsKey(p.point())) {
                anomalies.accept(0, new Anomaly(Type.UNKNOWN_POINT, car, p.point(), null, p.id(),
                        "passage at " + p.point() + ", a point the route does not know"));
                continue;
            }
            byPoint.computeIfAbsent(p.point(), k -> new ArrayList<>()).add(p);
        }
        for (var entry : byPoint.entrySet()) {
            List<PassageFact> list = entry.getValue();
            list.sort(Comparator.comparing(PassageFact::officialTime).thenComparing(PassageFact::id));
            PassageFact first = list.get(0);
            counted.put(entry.getKey(), first);
            int[] pos = positions.get(entry.getKey());
            reached.merge(pos[0], pos[1], Math::max);
            for (PassageFact other : list.subList(1, list.size())) {
                long apart = other.officialTime().toEpochMilli() - first.officialTime().toEpochMilli();
                boolean duplicate = apart <= duplicateWindowMs;
                anomalies.accept(pos[0], new Anomaly(duplicate ? Type.DUPLICATE : Type.MULTIPLE_CROSSINGS, car, entry.getKey(), null,
                        other.id(), (duplicate ? "duplicate of " : "another crossing, " + apart / 1000 + " s after ") + first.id() + " ("
                                + apart + " ms later)", first.id()));
            }
            retiredAt.ifPresent(at -> list.stream().filter(p -> p.officialTime().isAfter(at))
                    .forEach(p -> anomalies.accept(pos[0], new Anomaly(Type.AFTER_RETIREMENT, car, p.point(), null, p.id(),
                            "passage after the crew was retired at " + at))));
        }
    }

    /** The passage that counts at a point, or null. */
    PassageFact at(String point) {
        return point == null ? null : counted.get(point);
    }

    /** The official time of the passage that counts at a point, or null. */
    Instant timeAt(String point) {
        PassageFact p = at(point);
        return p == null ? null : p.officialTime();
    }

    /** The ids of the passages that count at these points (those that have one), in that order. */
    List<UUID> used(String... points) {
        List<UUID> ids = new ArrayList<>();
        for (String point : points) {
            PassageFact p = at(point);
            if (p != null) {
                ids.add(p.id());
            }
        }
        return ids;
    }

    /**
     * Whether the crew evidently went past all of these points that have no passage: it was seen at a later point of
     * the same leg (rules.md, Missing a passage).
     */
    boolean wentPast(int leg, String... points) {
        int furthest = -1; // the furthest point with no passage: the crew went on if it was seen beyond it
        for (String point : points) {
            int[] pos = point == null || at(point) != null ? null : positions.get(point);
            if (pos != null) {
                furthest = Math.max(furthest, pos[1]);
            }
        }
        return reached.getOrDefault(leg, -1) > furthest;
    }
}
