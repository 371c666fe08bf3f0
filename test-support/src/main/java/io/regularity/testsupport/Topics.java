package io.regularity.testsupport;

import java.util.Map;

/** The platform's topics as production defines them (see deploy/kubernetes for the Strimzi equivalent). */
public final class Topics {

    public static final String ROUTE_EVENTS = "route-events";
    public static final String PASSAGES = "passages";
    public static final String PASSAGES_DLQ = "passages-dlq";
    public static final String RACE_DECISIONS = "race-decisions";
    public static final String RACE_RESULTS = "race-results";
    public static final String CHAMPIONSHIPS = "championships";
    public static final String PROTEST_WINDOWS = "protest-windows";
    public static final String FIXES = "fixes";
    /** How long the cars' fixes are kept: 7 days, the race week and a margin for protests and re-processing. */
    public static final String FIXES_RETENTION_MS = "604800000";
    /** The crossings of the virtual lines timing's stream processor finds in the fixes, kept as long. */
    public static final String GPS_CROSSINGS = "gps-crossings";

    private Topics() {
    }

    /**
     * route-events compacted (the latest definition per race), passages in 12 partitions keyed raceId/car, its dead
     * letters, race-decisions compacted (classification's own decisions, the latest per race), race-results compacted (each race's
     * latest results), championships compacted (every revision of every championship, keyed id/revision), protest-windows
     * compacted (the last closing of each posted list's protest window, keyed raceId/posting), fixes in 12 partitions keyed
     * raceId/car and kept 7 days, gps-crossings likewise.
     */
    public static void create(EmbeddedKafka kafka) {
        kafka.createTopic(ROUTE_EVENTS, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(PASSAGES, 12, Map.of());
        kafka.createTopic(PASSAGES_DLQ, 1, Map.of());
        kafka.createTopic(RACE_DECISIONS, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(RACE_RESULTS, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(CHAMPIONSHIPS, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(PROTEST_WINDOWS, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(FIXES, 12, Map.of("retention.ms", FIXES_RETENTION_MS));
        kafka.createTopic(GPS_CROSSINGS, 12, Map.of("retention.ms", FIXES_RETENTION_MS));
    }
}
