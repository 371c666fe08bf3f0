package io.regularity.classification.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored passage as scoring sees it: the official instant is the device time plus its clock
 * offset; a voided passage is kept and no longer counts.
 */
public record PassageFact(UUID id, int car, String point, Instant officialTime, boolean voided) {
}
