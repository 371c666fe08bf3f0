package io.regularity.classification.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A crew's protest, as race direction records it from the paper the crew handed in: who lodged it and when, what about
 * (a trial, a leg, or the whole race when neither), and once decided its outcome, why, by whom and the rulings it led to.
 * A leg's list becomes official only when every protest of that leg is decided (docs/rules.md, The protest window).
 */
public record Protest(UUID id, int car, String by, String subject, String trial, Integer leg, Instant lodgedAt, String recordedBy,
        Instant recordedAt, Outcome outcome, String reason, List<Long> rulings, String decidedBy, Instant decidedAt) {

    public enum Outcome { UPHELD, REJECTED, WITHDRAWN }

    /** Whether it still waits for a decision. */
    public boolean open() {
        return outcome == null;
    }

    /**
     * Whether the list of this leg ({@code null}: the whole race's) waits for it while it is open: a leg's for the protests
     * of that leg, the race's for every protest.
     */
    public boolean holds(Integer listLeg) {
        return listLeg == null || listLeg.equals(leg);
    }
}
