package io.regularity.classification.domain;

import java.time.Instant;
import java.util.List;

/**
 * What a trial was measured from, so a crew can check it against its own stopwatch: the crossings that
 * counted and the numbers between them. Never stored: scoring the same facts again gives it again. Times
 * are official times (device time plus clock offset), as scoring uses them; a field a trial's type does
 * not have is null.
 *
 * @param deltaCs PC: the elapsed time less the target, each truncated to the race's resolution, in hundredths, signed
 *        (negative early); its size in the resolution's units is the penalty before the cap
 * @param minutes CO: whole minutes from the due minute, signed (negative early)
 */
public record Measure(PassageFact start, PassageFact finish, Long targetMs, Long elapsedMs, Integer deltaCs,
        List<Detection> detections, PassageFact reference, PassageFact arrival, Instant due, Long minutes,
        Boolean beyondMaxLateness, PassageFact crossing) {

    /**
     * One secret detection of a PM: the ideal time from the start (distance at the average speed, to the
     * nearest millisecond), the actual one, and the signed difference in hundredths truncated toward zero.
     */
    public record Detection(String point, Integer distanceM, PassageFact passage, Long idealMs, Long actualMs, Integer deltaCs,
            Integer penalty) {
    }

    static Measure pc(PassageFact start, PassageFact finish, Long targetMs, Resolution resolution) {
        Long elapsed = start == null || finish == null ? null : finish.officialTime().toEpochMilli() - start.officialTime().toEpochMilli();
        Integer delta = elapsed == null || targetMs == null ? null
                : (int) ((resolution.units(elapsed) - resolution.units(targetMs)) * resolution.cs());
        return new Measure(start, finish, targetMs, elapsed, delta, null, null, null, null, null, null, null);
    }

    static Measure pm(PassageFact start, List<Detection> detections) {
        return new Measure(start, null, null, null, null, List.copyOf(detections), null, null, null, null, null, null);
    }

    static Measure co(PassageFact reference, PassageFact arrival, Instant due, Long minutes, boolean beyondMaxLateness) {
        return new Measure(null, null, null, null, null, null, reference, arrival, due, minutes, beyondMaxLateness, null);
    }

    static Measure ct(PassageFact crossing) {
        return new Measure(null, null, null, null, null, null, null, null, null, null, null, crossing);
    }
}
