package io.regularity.classification.domain;

/**
 * The unit a race scores its PCs in ({@code scoring.resolution}, rules.md, Resolution): elapsed and target times are
 * truncated to it, a penalty point is one of it, and {@code pcCap} counts in it.
 */
public enum Resolution {
    /** 1/100 s, the default. */
    HUNDREDTH(10),
    /** 1/10 s. */
    TENTH(100),
    /** The whole second. */
    SECOND(1000);

    private final long ms;

    Resolution(long ms) {
        this.ms = ms;
    }

    /** How many milliseconds one unit is. */
    public long ms() {
        return ms;
    }

    /** How many hundredths one unit is. */
    public int cs() {
        return (int) (ms / 10);
    }

    /** A time in whole units, truncated: {@code floor(ms / unit)}. */
    public long units(long millis) {
        return Math.floorDiv(millis, ms);
    }

    /** How many decimals of a second a time at this resolution is shown with. */
    public int decimals() {
        return switch (this) {
            case HUNDREDTH -> 2;
            case TENTH -> 1;
            case SECOND -> 0;
        };
    }
}
