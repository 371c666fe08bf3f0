package io.regularity.timing.domain;

/**
 * A virtual timing point of a race: its {@code line}, and whether it only {@code backup}s a post (a GPS crossing there is
 * a suggestion race direction may use, never counted by itself: docs/rules.md, "A hose that missed").
 */
public record GpsLine(String point, VirtualLine line, boolean backup) {
}
