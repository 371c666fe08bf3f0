package io.regularity.classification.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A passage voided by race direction (PassageVoided): it is kept, and no longer counts; or, {@code restore}, that
 * void undone (PassageRestored): the passage counts again.
 */
public record PassageVoid(UUID passageId, String raceId, int car, String reason, String by, Instant at, boolean restore)
        implements PassageChange {
}
