package io.regularity.championship.domain;

import java.util.List;
import java.util.Map;

/**
 * A round's result as its race published it (the event on {@code race-results}): its revision and digest, whether it
 * is final, how many PCs it planned and how many stayed valid, and each crew with its people and its position in each
 * list it is on ({@link ListSpec#roundList()} → a rank, or null for a crew on the list without one: retired,
 * excluded).
 */
public record RoundResult(String race, long revision, boolean isFinal, String digest, int plannedPcs, int validPcs, List<Crew> crews) {

    /** A person of a crew: the name as entered and the licence, when the entry list gives one. */
    public record Person(String name, String licence) {
    }

    public record Crew(int car, Person driver, Person codriver, String category, String team, Integer carYear,
            Map<String, Integer> positions) {

        /** Whether the crew is on {@code list} at all, ranked or not. */
        public boolean on(String list) {
            return positions.containsKey(list);
        }

        public Integer position(String list) {
            return positions.get(list);
        }
    }

    /** Whether the round counts: its valid PCs are at least {@code share} of its planned ones (a round without PCs counts). */
    public boolean counts(java.math.BigDecimal share) {
        return plannedPcs == 0 || java.math.BigDecimal.valueOf(validPcs).compareTo(share.multiply(java.math.BigDecimal.valueOf(plannedPcs))) >= 0;
    }
}
