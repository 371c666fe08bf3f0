package io.regularity.classification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.regularity.classification.domain.TimeQuality.Timed;

/** The worked examples of docs/rules.md, How good a time is. */
class TimeQualityTest {

    @Test
    void twoDevicesWhoseUncertaintiesAddUpToMoreThanAHundredthPutAPcAtRisk() {
        assertTrue(TimeQuality.atRisk(new Timed("tk-a", 6.0), new Timed("tk-b", 5.0)));
        assertEquals(11.0, TimeQuality.elapsedUncertaintyMs(new Timed("tk-a", 6.0), new Timed("tk-b", 5.0)));
    }

    @Test
    void exactlyAHundredthIsNotMoreThanAHundredth() {
        assertFalse(TimeQuality.atRisk(new Timed("tk-a", 6.0), new Timed("tk-b", 4.0)));
    }

    @Test
    void oneDevicesOffsetCancelsInTheElapsedTime() {
        assertFalse(TimeQuality.atRisk(new Timed("tk-a", 40.0), new Timed("tk-a", 40.0)));
        assertEquals(0.0, TimeQuality.elapsedUncertaintyMs(new Timed("tk-a", 40.0), new Timed("tk-a", 40.0)));
    }

    @Test
    void aChronometerAtTheReferenceAndAPhoneOverTheNetwork() {
        assertTrue(TimeQuality.atRisk(new Timed("timy-1", 0.0), new Timed("tk-b", 38.0)));
    }

    @Test
    void anUncertaintyNotSaidCountsForNothing() {
        assertFalse(TimeQuality.atRisk(new Timed("tk-a", null), new Timed("tk-b", 8.0)));
    }
}
