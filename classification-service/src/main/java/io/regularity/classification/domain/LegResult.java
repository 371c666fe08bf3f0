package io.regularity.classification.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * One leg's part of a crew's result: its trials, their sums, its anomalies, and whether a CO of it
 * excluded the crew. Leg 0 holds what belongs to no leg: steward penalties, passages at unknown
 * points, and whether the crew was retired.
 */
public record LegResult(int leg, List<TrialResult> trials, List<Anomaly> anomalies, boolean excluded, boolean retired,
        BigDecimal score, BigDecimal rawScore, int trialsScored, int lastScoredIndex, String passagesDigest) {

    /** {@code passagesDigest}: of the crew's passages on the leg ({@link ResultsDigest#passages}), null for none. */
    public static LegResult of(int leg, List<TrialResult> trials, List<Anomaly> anomalies, boolean excluded, boolean retired,
            String passagesDigest) {
        BigDecimal score = BigDecimal.ZERO;
        BigDecimal raw = BigDecimal.ZERO;
        int scored = 0;
        int last = -1;
        for (TrialResult t : trials) {
            if (!t.scored()) {
                continue;
            }
            score = score.add(t.contribution());
            raw = raw.add(t.rawContribution());
            if (!"STEWARD".equals(t.type())) {
                scored++;
                last = Math.max(last, t.routeIndex());
            }
        }
        return new LegResult(leg, List.copyOf(trials), List.copyOf(anomalies), excluded, retired, CrewScorer.round(score),
                CrewScorer.round(raw), scored, last, passagesDigest);
    }
}
