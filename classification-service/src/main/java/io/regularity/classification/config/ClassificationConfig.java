package io.regularity.classification.config;

import java.time.Duration;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * classification-service's own settings, under {@code regularity.} beside the plumbing's ({@code SupportConfig}): read
 * once, typed, with their defaults here. application.properties says what each is for.
 */
@StaticInitSafe // beside SupportConfig, which is: an unknown setting under regularity. is checked against both
@ConfigMapping(prefix = "regularity")
public interface ClassificationConfig {

    Export export();

    Scoring scoring();

    Dashboard dashboard();

    Results results();

    Protests protests();

    Papers papers();

    Positions positions();

    /** Applied events' ids are kept this long (a redelivery within it changes nothing), then forgotten. */
    @WithDefault("P30D")
    Duration keepProcessedEvents();

    /** The map's cars placed by their own fixes (topic {@code fixes}; docs/rules.md, Where a car is now). */
    interface Positions {
        /**
         * A car's latest fix places it while it is at most this old (its time against the clock); older, or none, the car is
         * estimated from its crossings as before. On start the topic is read from this far back, so the map has every car
         * that sent a fix this recently.
         */
        @WithDefault("2m")
        Duration fixMaxAge();
    }

    /** The public export of a race's bundle: how often one client may ask for it. */
    interface Export {
        int perClientPerMinute();
    }

    /** The papers (the PDFs of the lists, a crew's results, the certificates, the register of checks). */
    interface Papers {
        /**
         * The service's public address (scheme, host, port, no trailing slash), which the papers' QR codes point at; absent:
         * the address the request came to (behind the Ingress, the host it forwarded).
         */
        java.util.Optional<String> publicUrl();
    }

    /** The results each race sends to race-results (a championship's rounds, any other consumer). */
    interface Results {
        /** How often the races that changed are read again and sent when their results differ: at most once that often. */
        @WithDefault("500ms")
        java.time.Duration every();

        /** How often a race not yet published (its results PROVISIONAL, changing with every passage) is read again at most. */
        @WithDefault("30s")
        java.time.Duration provisionalEvery();
    }

    /** The protest windows (docs/rules.md, The protest window). */
    interface Protests {
        /** How often the posted lists are looked at for a window that closed with no protest open (ProtestService). */
        @WithDefault("10s")
        java.time.Duration checkEvery();

        /**
         * How long after a window's end the office may still record a protest handed in on time (its {@code lodgedAt}
         * says when): the list becomes official once it has passed, stamped at the window's end.
         */
        @WithDefault("2m")
        java.time.Duration grace();
    }

    interface Scoring {
        /** What the write side's cache (LegFacts) holds at most, in weight: a passage weighs 1, a trial result 2. */
        @WithDefault("330000")
        long cachedPassages();
    }

    /** Where the pages reach route-service, timing-service and championship-service, as a browser does (public addresses). */
    interface Dashboard {
        String routeUrl();

        String timingUrl();

        String championshipUrl();

        /**
         * The map's base layer: a tile server's address with {z}/{x}/{y} ({s} for its subdomains), or {@code none} for
         * the schematic of the towns alone (the local stack and the tests; nothing is then fetched from outside).
         */
        @WithDefault("none")
        String tiles();

        /** What the tiles' licence asks the map to say (OpenStreetMap's data: ODbL). */
        @WithDefault("© OpenStreetMap contributors")
        String tilesAttribution();
    }
}
