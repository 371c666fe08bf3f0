package io.regularity.classification.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a GPS passage was computed from (docs/rules.md, A crossing from the car's GPS), as timing's PassageRecorded
 * carries it: the virtual line, the car's two fixes either side of it, the fraction of the way from the first to the
 * second where the car crossed, and the crossing point. Kept so that a protest can check the time: the passage's time is
 * {@code before.time + fraction · (after.time − before.time)}. A fix's speed, heading and accuracy may be absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(EvidenceLine line, EvidenceFix before, EvidenceFix after, Double fraction, EvidencePoint at) {

    /** The virtual line: its centre, the road's heading there (the line runs across it) and its length. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvidenceLine(Double lat, Double lon, Double bearingDeg, Double widthM) {
    }

    /** A fix of the car, as its crew's phone or receiver gave it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvidenceFix(Instant time, Double lat, Double lon, Double speedMs, Double headingDeg, Double accuracyM) {
    }

    /** Where the car crossed the line. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvidencePoint(Double lat, Double lon) {
    }
}
