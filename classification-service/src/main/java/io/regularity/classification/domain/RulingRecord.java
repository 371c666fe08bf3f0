package io.regularity.classification.domain;

import java.time.Instant;

/** A ruling as race direction sees it: with its revocation, if it was revoked (it then no longer counts). */
public record RulingRecord(Ruling ruling, Instant revokedAt, String revokedBy, String revokeReason) {
}
