package io.regularity.classification.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.regularity.classification.domain.Passage;
import io.regularity.classification.domain.PassageChange;
import io.regularity.classification.domain.PassageVoid;
import io.regularity.classification.events.PassageEvent;
import io.regularity.classification.messaging.ScoringSpans.Batch;
import io.regularity.classification.messaging.ScoringSpans.Traced;
import io.regularity.classification.service.ClassificationMetrics;
import io.regularity.classification.service.ScoringService;
import io.regularity.classification.service.ScoringService.PassageEvents;
import io.regularity.classification.service.ScoringService.Rejected;
import io.regularity.support.messaging.DatabaseRetry;
import io.regularity.support.tracing.TraceParent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code passages} a batch at a time: one transaction stores the batch's new facts, records
 * its event ids (so a redelivery changes nothing) and scores the touched crews again. If the
 * database is unavailable the batch is retried, never skipped; an unreadable event is kept in
 * {@code rejected_event}, sent to {@code passages-dlq} with its reason, and the stream goes on. The batch is scored
 * in spans that join each passage's trace (its record's {@code traceparent} header): {@link ScoringSpans}.
 */
@ApplicationScoped
public class PassageEventsConsumer {

    private final ScoringService scoring;
    private final ObjectMapper json;
    private final Emitter<String> deadLetters;
    private final ClassificationMetrics metrics;
    private final DatabaseRetry retry;
    private final ScoringSpans spans;

    public PassageEventsConsumer(ScoringService scoring, ObjectMapper json, @Channel("passages-dlq") Emitter<String> deadLetters,
            ClassificationMetrics metrics, DatabaseRetry retry, ScoringSpans spans) {
        this.scoring = scoring;
        this.json = json;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.retry = retry;
        this.spans = spans;
    }

    /** An event read from the topic, or the reason it could not be. */
    record Read(UUID eventId, PassageChange fact, String payload, String problem) {
    }

    @Incoming("passages")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<String> payloads = new ArrayList<>(records.count());
        Map<Integer, Long> positions = new HashMap<>();
        List<Traced> traced = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> r : records) {
            payloads.add(r.value());
            positions.merge(r.partition(), r.offset() + 1, Math::max);
            traced.add(new Traced(r.partition(), r.offset(), TraceParent.of(r.headers())));
        }
        try (Batch batch = spans.start("passages", traced)) {
            consume(payloads, positions, batch);
        }
    }

    /** Applies a batch; {@code positions}: the offset to read next on each partition it came from. */
    private void consume(List<String> payloads, Map<Integer, Long> positions, Batch batch) {
        List<Read> reads = payloads.stream().map(this::read).toList();
        Map<UUID, PassageChange> facts = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            Read r = reads.get(i);
            if (r.problem() != null) {
                batch.inTraceOf(i, () -> Log.warnf("rejected passage event: %s", r.problem()));
                batch.setAside(i, r.problem());
                rejected.add(new Rejected(r.payload(), r.problem()));
            } else if (r.fact() != null) {
                facts.putIfAbsent(r.eventId(), r.fact());
            }
        }
        try {
            retry.run("apply a batch of " + reads.size() + " passage events",
                    () -> scoring.apply(new PassageEvents(facts, rejected, positions)));
            metrics.scored(facts.values());
        } catch (RuntimeException e) {
            // not the database being away: one of the events is at fault. Each alone, so only that one is set aside.
            Log.warnf("a batch of %d passage events could not be applied (%s); applying them one by one", reads.size(), e.getMessage());
            rejected.forEach(r -> retry.run("set aside an unreadable event", () -> scoring.reject("passages", r.payload(),
                    r.reason())));
            for (int i = 0; i < reads.size(); i++) {
                Read r = reads.get(i);
                if (r.problem() == null && r.fact() != null) {
                    int index = i;
                    batch.inTraceOf(i, () -> applyAlone(r, batch, index));
                }
            }
            retry.run("record how far passages were read", () -> scoring.consumed("passages", positions));
        }
        reads.stream().filter(r -> r.problem() != null).forEach(r -> deadLetter(r.payload(), r.problem()));
    }

    /**
     * One event in a transaction of its own (in its passage's trace); one that still fails is kept in rejected_event and
     * sent to passages-dlq.
     */
    private void applyAlone(Read r, Batch batch, int index) {
        try {
            Map<UUID, PassageChange> one = new LinkedHashMap<>();
            one.put(r.eventId(), r.fact());
            retry.run("apply passage event " + r.eventId(), () -> scoring.apply(new PassageEvents(one, List.of(), Map.of())));
            metrics.scored(one.values());
        } catch (RuntimeException e) {
            String reason = "could not be applied: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            Log.errorf(e, "passage event %s set aside", r.eventId());
            batch.setAside(index, reason);
            retry.run("set aside passage event " + r.eventId(), () -> scoring.reject("passages", r.payload(), reason));
            deadLetter(r.payload(), reason);
        }
    }

    /** An event set aside goes to passages-dlq with the reason in a header (it is also kept in rejected_event). */
    private void deadLetter(String payload, String reason) {
        metrics.rejected(1);
        try {
            deadLetters.send(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withHeaders(new RecordHeaders().add("reason", reason.getBytes(StandardCharsets.UTF_8))).build()));
        } catch (RuntimeException e) {
            Log.warnf("could not send a rejected event to passages-dlq (it stays in rejected_event): %s", e.getMessage());
        }
    }

    Read read(String payload) {
        try {
            PassageEvent event = json.readValue(payload, PassageEvent.class);
            if (event.eventId() == null) {
                throw new IllegalArgumentException("missing field eventId");
            }
            return new Read(event.eventId(), event.fact(), payload, null);
        } catch (Exception ex) {
            return new Read(null, null, payload == null ? "" : payload,
                    "unreadable event: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage().split("\n")[0]));
        }
    }
}
