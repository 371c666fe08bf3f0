package io.regularity.support.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The settings of the plumbing every service runs the same way, under {@code regularity.}: read once, typed, with their
 * defaults here. A service's own settings are its own mapping under the same prefix ({@code ClassificationConfig},
 * {@code RouteConfig}); Quarkus', Kafka's and MicroProfile JWT's own keys are read where their owners read them. Safe
 * at static initialisation: the body limit is a REST interceptor, made while the REST deployment is.
 */
@StaticInitSafe
@ConfigMapping(prefix = "regularity")
public interface SupportConfig {

    BodyLimit bodyLimit();

    Pages pages();

    Outbox outbox();

    /** Build-time switches, read by {@code @IfBuildProperty}; named here so that they are known settings. */
    Revocation revocation();

    Openapi openapi();

    /** A body over {@code max-size} is a 413 problem that states it, and {@code hint}: what it means in the service's words. */
    interface BodyLimit {
        MemorySize maxSize();

        Optional<String> hint();
    }

    /** The headers of the pages: where they may connect, which may be framed, what the browser may let them use. */
    interface Pages {
        Optional<List<String>> connectSrc();

        /** Where images may come from besides the page's service: a map's tile server (its address or template). */
        Optional<List<String>> imgSrc();

        Optional<Set<String>> embeddable();

        @WithDefault(PERMISSIONS)
        String permissionsPolicy();
    }

    /** Nothing a page needs and a browser could lend it: a camera, a microphone, the position, payments, USB. */
    String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /** The transactional outbox and its relay to Kafka. */
    interface Outbox {
        @WithDefault("false")
        boolean enabled();

        /**
         * The topic(s) the relay makes sure exist, each with the partitions and compaction below (the first names its
         * lock); required when the outbox is enabled.
         */
        Optional<List<String>> topic();

        @WithDefault("1")
        int partitions();

        @WithDefault("false")
        boolean compacted();

        @WithDefault("500")
        int batchSize();

        @WithDefault("P7D")
        Duration keepSent();
    }

    interface Revocation {
        @WithDefault("false")
        boolean enabled();
    }

    /** The address the API document names as its server (the local stack's). */
    interface Openapi {
        Optional<String> server();
    }
}
