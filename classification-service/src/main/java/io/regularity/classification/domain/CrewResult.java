package io.regularity.classification.domain;

import java.math.BigDecimal;
import java.util.List;

/** A crew's whole result: its state, its score in the race's model, each trial, and its anomalies. */
public record CrewResult(int car, State state, BigDecimal score, BigDecimal rawScore, int trialsScored, int lastScoredIndex,
        List<TrialResult> trials, List<Anomaly> anomalies) {

    public enum State { RUNNING, RETIRED, EXCLUDED }
}
