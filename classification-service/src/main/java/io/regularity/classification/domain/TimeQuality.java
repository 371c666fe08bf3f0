package io.regularity.classification.domain;

/**
 * How good a measured time is (docs/rules.md, How good a time is): a PC measured from two devices whose clock
 * uncertainties add up to more than a hundredth is at risk; one device's offset cancels in its elapsed time; an
 * uncertainty a post did not say counts for nothing.
 */
public final class TimeQuality {

    /** A hundredth of a second, the resolution scoring works in. */
    public static final double HUNDREDTH_MS = 10;

    /** A crossing as far as its time's quality goes: the device that timed it and its clock's uncertainty (null: not said). */
    public record Timed(String device, Double clockUncertaintyMs) {
    }

    private TimeQuality() {
    }

    /** How far a PC's elapsed time may be off because of the clocks: the sum of two devices' uncertainties, 0 for one device. */
    public static double elapsedUncertaintyMs(Timed start, Timed finish) {
        if (start.device() != null && start.device().equals(finish.device())) {
            return 0;
        }
        return known(start.clockUncertaintyMs()) + known(finish.clockUncertaintyMs());
    }

    /** Whether a PC measured from these two crossings is at risk: its clocks may put it more than a hundredth off. */
    public static boolean atRisk(Timed start, Timed finish) {
        return elapsedUncertaintyMs(start, finish) > HUNDREDTH_MS;
    }

    private static double known(Double uncertainty) {
        return uncertainty == null ? 0 : uncertainty;
    }
}
