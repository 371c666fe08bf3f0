package io.regularity.classification.domain;

import java.util.UUID;

/** Something the race direction should look at. */
public record Anomaly(Type type, Integer car, String point, String trial, UUID passageId, String detail) {

    public enum Type { UNKNOWN_CAR, UNKNOWN_POINT, DUPLICATE, MULTIPLE_CROSSINGS, AFTER_RETIREMENT, CO_UNRESOLVED }
}
