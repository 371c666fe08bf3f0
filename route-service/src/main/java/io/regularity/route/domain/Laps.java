package io.regularity.route.domain;

/**
 * A leg's laps as {@link RaceValidator} checks them: their count (1 for a road leg) and the lap line, to check the laps a
 * trial names.
 */
record Laps(int count, String line) {

    boolean circuit() {
        return count > 1;
    }

    /** A trial's lap at a point, 1 when it names none. */
    int of(Integer lap) {
        return lap == null ? 1 : lap;
    }
}
