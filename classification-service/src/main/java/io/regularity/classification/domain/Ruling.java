package io.regularity.classification.domain;

import java.time.Instant;

/** A race-direction decision about one crew, kept with who, when and why. */
public record Ruling(long id, Type type, int car, String trial, Integer points, String reason, String by, Instant at) {

    public enum Type { STEWARD_PENALTY, ASSIGN_AVERAGE, NEUTRALISE, RETIRE }
}
