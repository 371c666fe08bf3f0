package io.regularity.timing.recovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.timing.domain.Passage;
import io.regularity.timing.events.PassageRecorded;
import io.regularity.timing.events.PassageRestored;
import io.regularity.timing.events.PassageVoided;
import io.regularity.timing.persistence.PassageRepository;
import io.regularity.timing.persistence.PassageRepository.Change;
import io.regularity.timing.persistence.PassageRepository.StoredPassage;

/**
 * Writes into timing's database what the {@code passages} topic says and the database lacks, the way the service
 * wrote it: a {@code PassageRecorded} becomes the passage row (its own {@code receivedAt}; an id already stored is left
 * alone), a {@code PassageVoided} or {@code PassageRestored} becomes its journal row and the passage's status, applied
 * in the order the topic holds them (a passage's events are on one partition, in the order they were committed). A
 * void or restore is missing when the journal has no row with its passage, kind, reason, author and instant. Nothing
 * goes to the outbox: the events are on Kafka already.
 */
final class TopicRestore {

    /** What one run read and did. */
    record Counts(long events, long recorded, long voids, long restores, long otherTypes, List<String> unreadable,
            long passagesRestored, long passagesPresent, long voidsApplied, long restoresApplied, long changesPresent,
            List<String> orphans) {
    }

    /** A void or restore read from the topic, with its race. */
    private record TopicChange(String raceId, Change change) {
    }

    private static final String VOID = "VOID";
    private static final String RESTORE = "RESTORE";

    private final PassageRepository passages;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private long events;
    private long recorded;
    private long voids;
    private long restores;
    private long otherTypes;
    private final List<String> unreadable = new ArrayList<>();
    private long passagesRestored;
    private long passagesPresent;
    private final Set<UUID> changeEvents = new HashSet<>();
    private final List<TopicChange> changes = new ArrayList<>();

    TopicRestore(PassageRepository passages) {
        this.passages = passages;
    }

    /** A batch of records as polled: its passages are inserted at once, its voids and restores kept for {@link #finish}. */
    void accept(List<ConsumerRecord<String, String>> records) {
        Map<UUID, StoredPassage> fresh = new LinkedHashMap<>();
        long repeated = 0;
        for (ConsumerRecord<String, String> record : records) {
            events++;
            try {
                JsonNode event = json.readTree(record.value());
                switch (event.path("type").asText()) {
                    case PassageRecorded.TYPE -> {
                        recorded++;
                        PassageRecorded e = json.treeToValue(event, PassageRecorded.class);
                        Passage p = new Passage(required(e.id(), "id"), e.car(), required(e.point(), "point"), required(e.time(), "time"),
                                required(e.device(), "device"), required(e.source(), "source"), e.clockOffsetMs(), e.precisionMs(),
                                e.clockUncertaintyMs());
                        if (fresh.putIfAbsent(p.id(), new StoredPassage(required(e.raceId(), "raceId"), p, required(e.receivedAt(), "receivedAt"),
                                "RECORDED", null, null, null, e.evidence() == null ? null : json.writeValueAsString(e.evidence()))) != null) {
                            repeated++; // the same event sent twice (an outbox row relayed again): one passage
                        }
                    }
                    case PassageVoided.TYPE -> {
                        voids++;
                        PassageVoided e = json.treeToValue(event, PassageVoided.class);
                        change(e.eventId(), e.raceId(), new Change(required(e.passageId(), "passageId"), e.car(), VOID,
                                required(e.reason(), "reason"), required(e.by(), "by"), required(e.occurredAt(), "occurredAt")));
                    }
                    case PassageRestored.TYPE -> {
                        restores++;
                        PassageRestored e = json.treeToValue(event, PassageRestored.class);
                        change(e.eventId(), e.raceId(), new Change(required(e.passageId(), "passageId"), e.car(), RESTORE,
                                required(e.reason(), "reason"), required(e.by(), "by"), required(e.occurredAt(), "occurredAt")));
                    }
                    default -> otherTypes++;
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                unreadable.add(record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + why);
            }
        }
        Set<UUID> inserted = passages.insertStored(new ArrayList<>(fresh.values()));
        passagesRestored += inserted.size();
        passagesPresent += fresh.size() - inserted.size() + repeated;
    }

    private void change(UUID eventId, String raceId, Change change) {
        if (eventId == null || changeEvents.add(eventId)) {
            changes.add(new TopicChange(required(raceId, "raceId"), change));
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }

    /**
     * The voids and restores the journal lacks: each passage's in the topic's order (its status ends as the service left
     * it), their journal rows in the order they were made. A change of a passage the database does not hold (read
     * {@code --since} too late) is not applied and is named.
     */
    Counts finish() {
        Set<UUID> ids = new HashSet<>();
        changes.forEach(c -> ids.add(c.change().passageId()));
        Set<Change> journal = new HashSet<>(passages.changesOf(ids));
        List<TopicChange> missing = new ArrayList<>();
        List<String> orphans = new ArrayList<>();
        long voidsApplied = 0;
        long restoresApplied = 0;
        long changesPresent = 0;
        for (TopicChange c : changes) {
            Change change = c.change();
            if (journal.contains(change)) {
                changesPresent++;
                continue;
            }
            if (passages.find(c.raceId(), change.passageId()).isEmpty()) {
                orphans.add(change.kind() + " of passage " + change.passageId() + " (race " + c.raceId() + ") at " + change.at());
                continue;
            }
            boolean applied = change.kind().equals(VOID)
                    ? passages.markVoided(c.raceId(), change.passageId(), change.reason(), change.by(), change.at())
                    : passages.markRestored(c.raceId(), change.passageId());
            if (!applied) {
                orphans.add(change.kind() + " of passage " + change.passageId() + " (race " + c.raceId() + ") at " + change.at()
                        + ": the passage is already " + (change.kind().equals(VOID) ? "voided" : "counted"));
                continue;
            }
            missing.add(c);
            if (change.kind().equals(VOID)) {
                voidsApplied++;
            } else {
                restoresApplied++;
            }
        }
        missing.stream().sorted(Comparator.comparing((TopicChange c) -> c.change().at()))
                .forEach(c -> passages.recordChange(c.raceId(), c.change()));
        return new Counts(events, recorded, voids, restores, otherTypes, List.copyOf(unreadable), passagesRestored, passagesPresent,
                voidsApplied, restoresApplied, changesPresent, List.copyOf(orphans));
    }
}
