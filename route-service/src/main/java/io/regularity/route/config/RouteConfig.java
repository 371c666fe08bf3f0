package io.regularity.route.config;

import io.smallrye.config.ConfigMapping;

/**
 * route-service's own settings, under {@code regularity.} beside the plumbing's ({@code SupportConfig}): read once,
 * typed. application.properties says what each is for.
 */
@ConfigMapping(prefix = "regularity")
public interface RouteConfig {

    Devices devices();

    /** The posts' phones. */
    interface Devices {
        /** timing-service's public address: the link in a phone's QR code opens the timekeeper app there. */
        String timingUrl();
    }
}
