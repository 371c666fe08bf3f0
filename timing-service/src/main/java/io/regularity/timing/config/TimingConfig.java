package io.regularity.timing.config;

import java.time.Duration;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * timing-service's own settings, under {@code regularity.} beside the plumbing's ({@code SupportConfig}): read once,
 * typed, with their defaults here. application.properties says what each is for.
 */
@StaticInitSafe // beside SupportConfig, which is: an unknown setting under regularity. is checked against both
@ConfigMapping(prefix = "regularity")
public interface TimingConfig {

    Fixes fixes();

    Gps gps();

    /** The cars' fixes, sent straight to the {@code fixes} topic. */
    interface Fixes {
        /** How long a batch waits for the broker to acknowledge every fix before the answer is a 503 (send again). */
        @WithDefault("10s")
        Duration ackTimeout();
    }

    /** The crossings of the virtual lines found in the fixes. */
    interface Gps {
        /**
         * How long after a line was defined or moved its re-processing of the fixes already sent starts: the line reaching
         * every instance's stream processor first.
         */
        @WithDefault("10s")
        Duration replaySettle();
    }
}
