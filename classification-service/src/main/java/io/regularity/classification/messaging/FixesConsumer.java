package io.regularity.classification.messaging;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.regularity.classification.config.ClassificationConfig;
import io.regularity.classification.events.FixEvent;
import io.regularity.classification.service.LatestFixes;
import io.regularity.support.messaging.IsoInstants;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads {@code fixes} a batch at a time into {@link LatestFixes}: each car's newest fix, in memory, nothing written to
 * the database (4,200 fixes a second are a map update each). Every instance reads every partition in a consumer group of
 * its own ({@code classification-positions-<instance>}), since any instance answers the map of any race; it commits no
 * offsets: it reads from {@code regularity.positions.fix-max-age} back at every start ({@link ReadRecentFixes}). A fix it
 * cannot read is counted and skipped (there is nothing to decide on it, and the next fix a tenth of a second later
 * replaces it).
 */
@ApplicationScoped
public class FixesConsumer {

    private final LatestFixes latest;
    private final ObjectReader reader;
    private final Duration maxAge;
    private final Counter kept;
    private final Counter older;
    private final Counter unreadable;
    private volatile Instant lastWarned = Instant.EPOCH;

    public FixesConsumer(LatestFixes latest, ObjectMapper json, ClassificationConfig config, MeterRegistry registry) {
        this.latest = latest;
        this.reader = IsoInstants.reader(json).readerFor(FixEvent.class); // instants read quickly: 4,200 fixes a second
        this.maxAge = config.positions().fixMaxAge();
        String description = "fixes read from the topic fixes, by what became of them: kept (the car's newest), older (a newer one "
                + "was held, or it was too old to place the car), unreadable";
        this.kept = Counter.builder("classification.fixes").tag("outcome", "kept").description(description).register(registry);
        this.older = Counter.builder("classification.fixes").tag("outcome", "older").description(description).register(registry);
        this.unreadable = Counter.builder("classification.fixes").tag("outcome", "unreadable").description(description).register(registry);
    }

    @Incoming("fixes")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        Instant tooOld = Instant.now().minus(maxAge);
        for (ConsumerRecord<String, String> r : records) {
            FixEvent fix;
            String problem;
            try {
                fix = reader.readValue(r.value());
                problem = fix.problem();
            } catch (Exception e) {
                fix = null;
                problem = "unreadable: " + e.getMessage();
            }
            if (problem != null) {
                unreadable.increment();
                if (Instant.now().isAfter(lastWarned.plusSeconds(60))) { // at most a line a minute, whatever a broken phone sends
                    lastWarned = Instant.now();
                    Log.warnf("fix at %s-%d@%d skipped: %s", r.topic(), r.partition(), r.offset(), problem);
                }
                continue;
            }
            if (!fix.time().isBefore(tooOld) && latest.offer(fix)) {
                kept.increment();
            } else {
                older.increment();
            }
        }
    }
}
