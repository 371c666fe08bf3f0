package io.regularity.timing.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.support.FieldError;
import io.regularity.timing.domain.Passage;
import io.regularity.timing.domain.PassageParser.Parsed;
import io.regularity.timing.messaging.PassageRecorded;
import io.regularity.timing.messaging.PassageVoided;
import io.regularity.timing.persistence.KnownRaceRepository;
import io.regularity.timing.persistence.PassageRepository;
import io.regularity.timing.persistence.PassageRepository.StoredPassage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Records passages idempotently: the passage rows and their PassageRecorded outbox rows are written
 * in one transaction, so an acknowledged passage always reaches Kafka.
 */
@ApplicationScoped
public class PassageService {

    public enum Status { CREATED, DUPLICATE, CONFLICT, INVALID }

    /** The answer for one item: its status, and the stored passage when there is one. */
    public record ItemResult(String id, Status status, List<FieldError> errors, StoredPassage stored, List<String> warnings) {
    }

    public static class UnknownRaceException extends RuntimeException {
        public UnknownRaceException(String raceId) {
            super("unknown race " + raceId + " (route-service has not published it)");
        }
    }

    private final PassageRepository passages;
    private final KnownRaceRepository races;
    private final ObjectMapper json;

    public PassageService(PassageRepository passages, KnownRaceRepository races, ObjectMapper json) {
        this.passages = passages;
        this.races = races;
        this.json = json;
    }

    @Transactional
    public List<ItemResult> record(String raceId, List<Parsed> items) {
        Set<String> points = races.timingPoints(raceId).orElseThrow(() -> new UnknownRaceException(raceId));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        Map<UUID, Passage> candidates = new LinkedHashMap<>();
        for (Parsed item : items) {
            if (item.valid()) {
                candidates.putIfAbsent(item.passage().id(), item.passage());
            }
        }
        List<Passage> fresh = new ArrayList<>(candidates.values());
        Set<UUID> inserted = passages.insertNew(raceId, fresh, now);
        List<UUID> known = fresh.stream().map(Passage::id).filter(id -> !inserted.contains(id)).toList();
        Map<UUID, StoredPassage> existing = new HashMap<>(passages.findByIds(raceId, known));

        List<String> keys = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        List<ItemResult> results = new ArrayList<>(items.size());
        Map<UUID, Boolean> answered = new HashMap<>();
        for (Parsed item : items) {
            if (!item.valid()) {
                results.add(new ItemResult(item.rawId(), Status.INVALID, item.errors(), null, List.of()));
                continue;
            }
            Passage p = item.passage();
            List<String> warnings = points.contains(p.point()) ? List.of() : List.of("unknown timing point " + p.point());
            if (inserted.contains(p.id()) && answered.putIfAbsent(p.id(), true) == null) {
                StoredPassage stored = new StoredPassage(raceId, p, now, "RECORDED", null, null, null);
                existing.put(p.id(), stored);
                keys.add(PassageRecorded.key(raceId, p.car()));
                payloads.add(write(PassageRecorded.of(raceId, p, now)));
                results.add(new ItemResult(p.id().toString(), Status.CREATED, List.of(), stored, warnings));
                continue;
            }
            StoredPassage before = existing.get(p.id());
            if (before != null && before.raceId().equals(raceId) && before.passage().sameAs(p)) {
                results.add(new ItemResult(p.id().toString(), Status.DUPLICATE, List.of(), before, warnings));
            } else {
                results.add(new ItemResult(p.id().toString(), Status.CONFLICT,
                        List.of(new FieldError("id", "passage " + p.id() + " is already stored with other content")),
                        before != null && before.raceId().equals(raceId) ? before : null, List.of()));
            }
        }
        passages.enqueue(PassageRecorded.TOPIC, keys, payloads);
        return results;
    }

    public boolean raceKnown(String raceId) {
        return races.timingPoints(raceId).isPresent();
    }

    /** A page of a race's passages, optionally of one car or at one point, with how many there are in all. */
    public record Page(long total, List<StoredPassage> entries) {
    }

    public Page list(String raceId, Integer car, String point, int page, int size) {
        if (!raceKnown(raceId)) {
            throw new UnknownRaceException(raceId);
        }
        return new Page(passages.count(raceId, car, point), passages.list(raceId, car, point, page, size));
    }

    public Optional<StoredPassage> find(String raceId, UUID id) {
        return passages.find(raceId, id);
    }

    /** route-events: a race's id and timing points, newer revisions only. */
    @Transactional
    public void raceDefined(String raceId, long revision, Set<String> points) {
        races.upsert(raceId, revision, points);
    }

    /** Voids a passage of the race; a second void of the same passage changes nothing. */
    @Transactional
    public Optional<StoredPassage> voidPassage(String raceId, UUID id, String reason, String by) {
        Optional<StoredPassage> found = passages.find(raceId, id);
        if (found.isEmpty()) {
            return found;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (passages.markVoided(raceId, id, reason, by, now)) {
            int car = found.get().passage().car();
            passages.enqueue(PassageRecorded.TOPIC, List.of(PassageRecorded.key(raceId, car)),
                    List.of(write(PassageVoided.of(raceId, id, car, reason, by, now))));
        }
        return passages.find(raceId, id);
    }

    private String write(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
