package io.regularity.classification.domain;

import java.util.UUID;

/**
 * Something the race direction should look at. {@code counted}: for a passage that did not count because
 * another one at the same point did (a duplicate, a later crossing), that other passage.
 */
public record Anomaly(Type type, Integer car, String point, String trial, UUID passageId, String detail, UUID counted) {

    public Anomaly(Type type, Integer car, String point, String trial, UUID passageId, String detail) {
        this(type, car, point, trial, passageId, detail, null);
    }

    public enum Type { UNKNOWN_CAR, UNKNOWN_POINT, DUPLICATE, MULTIPLE_CROSSINGS, AFTER_RETIREMENT, CO_UNRESOLVED }
}
