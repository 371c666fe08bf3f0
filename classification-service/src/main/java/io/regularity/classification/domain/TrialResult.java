package io.regularity.classification.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One crew's result on one trial (or one steward penalty, type STEWARD). {@code contribution} is what
 * it adds to the crew's score in the race's model (penalties × coefficient, or signed points);
 * {@code rawContribution} the same without the coefficient, for the lists that ignore it; {@code measure}
 * what it was measured from (not stored, and not part of equality: it follows from the passages).
 */
public record TrialResult(String trial, String type, int leg, int routeIndex, State state, Integer penalty, BigDecimal points,
        BigDecimal contribution, BigDecimal rawContribution, List<UUID> passages, Measure measure) {

    /** A result without its measure (a steward penalty, or a result as stored). */
    public TrialResult(String trial, String type, int leg, int routeIndex, State state, Integer penalty, BigDecimal points,
            BigDecimal contribution, BigDecimal rawContribution, List<UUID> passages) {
        this(trial, type, leg, routeIndex, state, penalty, points, contribution, rawContribution, passages, null);
    }

    public enum State { MEASURED, PENDING, MISSED, NEUTRALISED, ASSIGNED }

    /** The same result with what it was measured from. */
    public TrialResult with(Measure measure) {
        return new TrialResult(trial, type, leg, routeIndex, state, penalty, points, contribution, rawContribution, passages, measure);
    }

    public boolean scored() {
        return state != State.PENDING;
    }

    /**
     * Written out rather than left to the record's generated equals: classification compares every
     * trial of a re-scored leg with what it last wrote, and the generated one was a third of its CPU
     * (JFR, deploy/benchmark --profile).
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof TrialResult t && leg == t.leg && routeIndex == t.routeIndex && state == t.state
                && Objects.equals(penalty, t.penalty) && trial.equals(t.trial) && type.equals(t.type)
                && Objects.equals(points, t.points) && Objects.equals(contribution, t.contribution)
                && Objects.equals(rawContribution, t.rawContribution) && Objects.equals(passages, t.passages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trial, leg, state, penalty);
    }
}
