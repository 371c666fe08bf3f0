package io.regularity.classification.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A crew's whole result: its state, its score in the race's model, each trial, and its anomalies. */
public record CrewResult(int car, State state, BigDecimal score, BigDecimal rawScore, int trialsScored, int lastScoredIndex,
        List<TrialResult> trials, List<Anomaly> anomalies) {

    public enum State { RUNNING, RETIRED, EXCLUDED }

    /** Adds up the parts of a crew's result: every leg of the race, plus leg 0 (what CrewScorer scored, or rows as stored). */
    public static CrewResult of(int car, List<LegResult> legs) {
        BigDecimal score = BigDecimal.ZERO;
        BigDecimal raw = BigDecimal.ZERO;
        int scored = 0;
        int last = -1;
        boolean excluded = false;
        boolean retired = false;
        List<TrialResult> trials = new ArrayList<>();
        List<Anomaly> anomalies = new ArrayList<>();
        for (LegResult leg : legs.stream().sorted(Comparator.comparingInt(LegResult::leg)).toList()) {
            score = score.add(leg.score());
            raw = raw.add(leg.rawScore());
            scored += leg.trialsScored();
            last = Math.max(last, leg.lastScoredIndex());
            excluded |= leg.excluded();
            retired |= leg.retired();
            trials.addAll(leg.trials());
            anomalies.addAll(leg.anomalies());
        }
        trials.sort(Comparator.comparingInt((TrialResult t) -> t.routeIndex() < 0 ? Integer.MAX_VALUE : t.routeIndex())
                .thenComparing(TrialResult::trial));
        State state = excluded ? State.EXCLUDED : retired ? State.RETIRED : State.RUNNING;
        return new CrewResult(car, state, CrewScorer.round(score), CrewScorer.round(raw), scored, last, List.copyOf(trials), List.copyOf(anomalies));
    }
}
