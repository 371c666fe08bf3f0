package io.regularity.route.config;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;

/**
 * route-service's own settings, under {@code regularity.} beside the plumbing's ({@code SupportConfig}): read once,
 * typed. application.properties says what each is for.
 */
@StaticInitSafe // beside SupportConfig, which is: an unknown setting under regularity. is checked against both
@ConfigMapping(prefix = "regularity")
public interface RouteConfig {

    Devices devices();

    /** The posts' phones. */
    interface Devices {
        /**
         * timing-service's public address: the link in a phone's QR code opens the timekeeper app (a post's phone) or the
         * crew app (a crew's) there.
         */
        String timingUrl();
    }
}
