package io.regularity.classification.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One crew's result on one trial (or one steward penalty, type STEWARD). {@code contribution} is what
 * it adds to the crew's score in the race's model (penalties × coefficient, or signed points);
 * {@code rawContribution} the same without the coefficient, for the lists that ignore it.
 */
public record TrialResult(String trial, String type, int leg, int routeIndex, State state, Integer penalty, BigDecimal points,
        BigDecimal contribution, BigDecimal rawContribution, List<UUID> passages) {

    public enum State { MEASURED, PENDING, MISSED, NEUTRALISED, ASSIGNED }

    public boolean scored() {
        return state != State.PENDING;
    }
}
