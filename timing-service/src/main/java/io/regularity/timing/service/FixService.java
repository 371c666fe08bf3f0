package io.regularity.timing.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.regularity.timing.config.TimingConfig;
import io.regularity.timing.domain.Fix;
import io.regularity.timing.events.FixRecorded;
import io.regularity.timing.persistence.KnownRaceRepository;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Takes a car's fixes to Kafka: one {@code FixRecorded} a fix on {@code fixes}, keyed {@code raceId/car}, answered only once
 * the broker acknowledged them all. No database on the way (too many for an outbox row each): docs/architecture.md, "Fixes".
 */
@ApplicationScoped
public class FixService {

    private final KnownRaceRepository races;
    private final FixPublisher producer;
    private final TimingConfig config;

    public FixService(KnownRaceRepository races, FixPublisher producer, TimingConfig config) {
        this.races = races;
        this.producer = producer;
        this.config = config;
    }

    /**
     * Sends a car's fixes; returns once Kafka acknowledged every one. 404 for a race timing does not know; throws
     * {@link FixPublisher.NotAcknowledged} when Kafka did not acknowledge them all within the configured time.
     */
    public int record(String raceId, int car, String device, List<Fix> fixes) throws FixPublisher.NotAcknowledged {
        races.find(raceId).orElseThrow(() -> new PassageService.UnknownRaceException(raceId));
        if (fixes.isEmpty()) {
            return 0;
        }
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Map.Entry<String, Object>> records = fixes.stream().map(fix -> FixRecorded.of(raceId, car, device, fix, receivedAt))
                .map(event -> Map.<String, Object>entry(event.key(), event)).toList();
        producer.sendAll(FixRecorded.TOPIC, records, config.fixes().ackTimeout());
        return fixes.size();
    }

    /** How long a batch waits for Kafka's acknowledgement. */
    public long ackTimeoutSeconds() {
        return config.fixes().ackTimeout().toSeconds();
    }
}
