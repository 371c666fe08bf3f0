package io.regularity.classification.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.regularity.classification.domain.TrialResult;
import io.regularity.classification.domain.TrialResult.State;

/** Only the trials whose result differs from what was last written are written again. */
class ChangedTrialsTest {

    static TrialResult trial(String id, int index, State state, Integer penalty, String points, UUID passage) {
        return new TrialResult(id, "PC", 1, index, state, penalty, points == null ? null : new BigDecimal(points),
                points == null ? BigDecimal.ZERO : new BigDecimal(points), BigDecimal.ZERO, passage == null ? List.of() : List.of(passage));
    }

    @Test
    void aTrialIsWrittenAgainOnlyWhenAnyPartOfItsResultChanged() {
        UUID a = UUID.randomUUID();
        List<TrialResult> before = List.of(trial("PC1", 0, State.MEASURED, 3, "370.00", a), trial("PC2", 1, State.PENDING, null, null, null),
                trial("PC3", 2, State.PENDING, null, null, null));
        List<TrialResult> now = List.of(trial("PC1", 0, State.MEASURED, 3, "370.00", a), trial("PC2", 1, State.MEASURED, 0, "420.00", a),
                trial("PC3", 2, State.PENDING, null, null, null));
        assertEquals(List.of(now.get(1)), ResultStore.changedTrials(before, now));
        assertEquals(List.of(), ResultStore.changedTrials(now, List.copyOf(now)));
        // the same penalty from another passage is a change: the breakdown names the passages used
        List<TrialResult> otherPassage = List.of(trial("PC1", 0, State.MEASURED, 3, "370.00", UUID.randomUUID()));
        assertEquals(otherPassage, ResultStore.changedTrials(now.subList(0, 1), otherPassage));
        // a new definition reorders or adds trials: matched by id, the new one is written
        List<TrialResult> reordered = List.of(now.get(2), trial("PC0", 0, State.PENDING, null, null, null), now.get(0), now.get(1));
        assertEquals(List.of(reordered.get(1)), ResultStore.changedTrials(now, reordered));
        assertEquals(now, ResultStore.changedTrials(List.of(), now));
    }
}
