package io.regularity.route.domain;

import static io.regularity.route.domain.RoutePhrases.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.regularity.route.domain.Race.TimingPoint;
import io.regularity.route.domain.Race.Trial;
import io.regularity.support.FieldError;
import io.regularity.support.Phrase;

/**
 * The order checks of one leg for {@link RaceValidator}: a circuit's timing points measured from its lap line, and the
 * trials' lines and detections in route order (on a circuit, circuit order: lap, then place on the lap). Its faults go
 * to the validator's list, in the order they are found.
 */
final class RouteOrder {

    private final List<FieldError> errors;

    RouteOrder(List<FieldError> errors) {
        this.errors = errors;
    }

    private void error(String field, Phrase phrase, Object... values) {
        errors.add(new FieldError(field, phrase, values));
    }

    /** A circuit: the lap line first, at km 0, and every other point after it in circuit order, at its km from the line. */
    void checkCircuit(String path, String line, List<TimingPoint> points) {
        if (line == null) {
            error(path + ".startPoint", CIRCUIT_NEEDS_LINE);
            return;
        }
        if (points.isEmpty() || points.get(0) == null || !line.equals(points.get(0).id())) {
            error(path + ".timingPoints", LINE_FIRST, line);
            return;
        }
        double last = -1;
        for (int i = 0; i < points.size(); i++) {
            TimingPoint p = points.get(i);
            String tp = path + ".timingPoints[" + i + "].km";
            if (p == null) {
                continue;
            }
            if (i == 0 && p.km() != null && p.km() != 0) {
                error(tp, LINE_AT_ZERO);
            } else if (i > 0 && (p.km() == null || p.km() <= last)) {
                if (p.km() == null) {
                    error(tp, CIRCUIT_KM);
                } else {
                    error(tp, CIRCUIT_KM_AFTER, p.km(), last);
                }
            }
            last = p.km() == null ? last : Math.max(last, p.km());
        }
    }

    /**
     * A PC's finish comes after its start; a PC starting on another's finish line follows it directly (a chain); a PM's
     * detections come after its start, in order. Order is route order: on a circuit, circuit order (lap, then place on
     * the lap).
     */
    void checkTrials(String path, List<TimingPoint> points, List<Trial> trials, Laps laps) {
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            order.putIfAbsent(points.get(i).id(), i);
        }
        int size = points.size() + 1;
        Phrase where = laps.circuit() ? IN_CIRCUIT_ORDER : IN_ROUTE_ORDER;
        Map<String, Integer> finishedBy = new HashMap<>();
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            String tp = path + ".trials[" + i + "]";
            if ("PC".equals(t.type()) && order.containsKey(t.start()) && order.containsKey(t.finish())) {
                long start = (long) laps.of(t.startLap()) * size + order.get(t.start());
                long finish = (long) laps.of(t.finishLap()) * size + order.get(t.finish());
                if (finish <= start) {
                    error(tp + ".finish", laps.circuit() && t.finishLap() == null ? FINISH_AFTER_START_LAP_ONE : FINISH_AFTER_START, where);
                }
                String startKey = t.start() + "@" + laps.of(t.startLap());
                Integer chainedTo = finishedBy.get(startKey);
                if (chainedTo != null && chainedTo != i - 1) {
                    error(tp + ".start", CHAIN_MEET, t.id(), trials.get(chainedTo).id());
                }
                finishedBy.put(t.finish() + "@" + laps.of(t.finishLap()), i);
            }
            if ("PM".equals(t.type()) && order.containsKey(t.start()) && t.detections() != null) {
                long last = (long) laps.of(t.startLap()) * size + order.get(t.start());
                for (int d = 0; d < t.detections().size(); d++) {
                    var detection = t.detections().get(d);
                    Integer at = detection == null ? null : order.get(detection.point());
                    if (at == null) {
                        continue;
                    }
                    long here = (long) (detection.lap() == null ? laps.of(t.startLap()) : detection.lap()) * size + at;
                    if (here <= last) {
                        error(tp + ".detections[" + d + "].point", d == 0 ? DETECTION_AFTER_START : DETECTIONS_FOLLOW, where);
                    }
                    last = Math.max(last, here);
                }
            }
        }
    }
}
