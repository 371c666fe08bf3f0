package io.regularity.classification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.regularity.classification.domain.Passage;
import io.regularity.classification.domain.PassageChange;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an operator alerts on in classification, besides the JVM and HTTP metrics Quarkus gives: how fresh the
 * standings are, and the events set aside. The Prometheus names are {@code classification_freshness_seconds} (a
 * histogram) and {@code classification_rejected_events_total}; deploy/monitoring uses them.
 */
@ApplicationScoped
public class ClassificationMetrics {

    /** Passages older than this when scored are a replay or a late upload, not the live race: not counted in freshness. */
    static final Duration LIVE = Duration.ofHours(1);

    private final Timer freshness;
    private final Counter rejected;

    public ClassificationMetrics(MeterRegistry registry) {
        this.freshness = Timer.builder("classification.freshness")
                .description("from timing-service's receipt of a passage (receivedAt) to its scoring committed here")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        this.rejected = Counter.builder("classification.rejected.events")
                .description("events that could not be read or applied, kept in rejected_event and sent to passages-dlq")
                .register(registry);
    }

    /** Passages whose scoring just committed. */
    public void scored(Collection<PassageChange> facts) {
        Instant now = Instant.now();
        for (PassageChange fact : facts) {
            if (fact instanceof Passage p && p.receivedAt() != null) {
                Duration age = Duration.between(p.receivedAt(), now);
                if (!age.isNegative() && age.compareTo(LIVE) < 0) {
                    freshness.record(age);
                }
            }
        }
    }

    public void rejected(int events) {
        rejected.increment(events);
    }
}
