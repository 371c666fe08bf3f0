package io.regularity.timing.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.regularity.support.Database;
import io.regularity.support.FieldError;
import io.regularity.support.Refusal;
import io.regularity.support.outbox.Outbox;
import io.regularity.support.tracing.TraceParent;
import io.regularity.timing.domain.GpsEvidence;
import io.regularity.timing.domain.GpsLine;
import io.regularity.timing.domain.Passage;
import io.regularity.timing.domain.PassageParser.Parsed;
import io.regularity.timing.domain.TimingPhrases;
import io.regularity.timing.domain.VirtualLine;
import io.regularity.timing.domain.RaceRoute;
import io.regularity.timing.events.GpsCrossing;
import io.regularity.timing.events.PassageRecorded;
import io.regularity.timing.events.PassageRestored;
import io.regularity.timing.events.PassageVoided;
import io.regularity.timing.persistence.KnownRaceRepository;
import io.regularity.timing.persistence.KnownRaceRepository.KnownRace;
import io.regularity.timing.persistence.LineReplayRepository;
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

    public static class UnknownRaceException extends Refusal {
        public UnknownRaceException(String raceId) {
            super(404, TimingPhrases.UNKNOWN_RACE_TITLE, TimingPhrases.UNKNOWN_RACE.with(raceId), null);
        }
    }

    /** Who voids a GPS passage that only backs a post up, or that crossed a line where it no longer is. */
    public static final String GPS = "gps";
    /** Why a GPS crossing at a line that backs a post up does not count (classification's To decide looks for it). */
    public static final String GPS_BACKUP_REASON = "GPS backup: the post at %s times this point; restore this passage to use its GPS time";
    public static final String LINE_MOVED_REASON = "the virtual line at %s was moved: this crossing was of its old place";
    public static final String LINE_REMOVED_REASON = "the virtual line at %s was removed: no line times the point from the cars' GPS";

    private final PassageRepository passages;
    private final KnownRaceRepository races;
    private final LineReplayRepository replays;
    private final Outbox outbox;
    private final ObjectMapper json;

    public PassageService(PassageRepository passages, KnownRaceRepository races, LineReplayRepository replays, Outbox outbox,
            ObjectMapper json) {
        this.passages = passages;
        this.races = races;
        this.replays = replays;
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * Records passages of a race, in input order: all in one transaction; if that fails for any reason but
     * the database being away, each alone, so that only an item the database refuses fails (INVALID, with
     * the database's reason) and never the others of a batch or of a group commit. Their events go out in the
     * current span's trace (the request's).
     */
    public List<ItemResult> record(String raceId, List<Parsed> items) {
        return record(raceId, items, Collections.nCopies(items.size(), TraceParent.current()));
    }

    /** The same, each passage's event in the trace of the post that sent it ({@code items} and {@code traces} pairwise). */
    public List<ItemResult> record(String raceId, List<Parsed> items, List<TraceParent> traces) {
        KnownRace race = races.find(raceId).orElseThrow(() -> new UnknownRaceException(raceId));
        List<Parsed> checked = items.stream().map(item -> checkAgainst(race, item)).toList();
        try {
            return QuarkusTransaction.requiringNew().call(() -> store(raceId, race.points(), checked, traces));
        } catch (RuntimeException e) {
            if (Database.unavailable(e)) {
                throw e;
            }
            if (checked.size() == 1) {
                return List.of(refused(checked.get(0), traces.get(0), e));
            }
            Log.warnf("%d passages of race %s could not be stored together (%s); storing them one by one", checked.size(), raceId,
                    e.getMessage());
        }
        List<ItemResult> results = new ArrayList<>(checked.size());
        for (int i = 0; i < checked.size(); i++) {
            Parsed item = checked.get(i);
            TraceParent trace = traces.get(i);
            try {
                results.add(QuarkusTransaction.requiringNew().call(() -> store(raceId, race.points(), List.of(item), List.of(trace))).get(0));
            } catch (RuntimeException e) {
                if (Database.unavailable(e)) {
                    throw e;
                }
                results.add(refused(item, trace, e));
            }
        }
        return results;
    }

    /** The answer for an item the database refused, logged in the trace of the post that sent it. */
    private static ItemResult refused(Parsed item, TraceParent trace, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        try (Scope post = trace.context().makeCurrent()) {
            Log.warnf("passage %s refused by the database: %s", item.rawId(), root.getMessage());
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().split("\n")[0];
        return new ItemResult(item.rawId(), Status.INVALID, List.of(new FieldError("", TimingPhrases.REFUSED_BY_DATABASE, reason)),
                null, List.of());
    }

    /** A passage more than a year before the race's first leg is no crossing of this race: INVALID, saying why. */
    static Parsed checkAgainst(KnownRace race, Parsed item) {
        if (!item.valid() || race.firstDay() == null) {
            return item;
        }
        Instant earliest = race.firstDay().minusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (item.passage().time().isBefore(earliest)) {
            return new Parsed(null, item.rawId(), List.of(new FieldError("time", TimingPhrases.BEFORE_FIRST_LEG, race.firstDay())));
        }
        return item;
    }

    private List<ItemResult> store(String raceId, Set<String> points, List<Parsed> items, List<TraceParent> traces) {
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

        List<PassageRecorded> recorded = new ArrayList<>();
        List<TraceParent> eventTraces = new ArrayList<>();
        List<ItemResult> results = new ArrayList<>(items.size());
        Map<UUID, Boolean> answered = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Parsed item = items.get(i);
            if (!item.valid()) {
                results.add(new ItemResult(item.rawId(), Status.INVALID, item.errors(), null, List.of()));
                continue;
            }
            Passage p = item.passage();
            List<String> warnings = points.contains(p.point()) ? List.of() : List.of("unknown timing point " + p.point());
            if (inserted.contains(p.id()) && answered.putIfAbsent(p.id(), true) == null) {
                StoredPassage stored = new StoredPassage(raceId, p, now, "RECORDED", null, null, null);
                existing.put(p.id(), stored);
                recorded.add(PassageRecorded.of(raceId, p, now));
                eventTraces.add(traces.get(i));
                results.add(new ItemResult(p.id().toString(), Status.CREATED, List.of(), stored, warnings));
                continue;
            }
            StoredPassage before = existing.get(p.id());
            if (before != null && before.raceId().equals(raceId) && before.passage().sameAs(p)) {
                results.add(new ItemResult(p.id().toString(), Status.DUPLICATE, List.of(), before, warnings));
            } else {
                results.add(new ItemResult(p.id().toString(), Status.CONFLICT,
                        List.of(new FieldError("id", TimingPhrases.STORED_WITH_OTHER_CONTENT, p.id())),
                        before != null && before.raceId().equals(raceId) ? before : null, List.of()));
            }
        }
        outbox.enqueue(recorded, eventTraces);
        return results;
    }

    public boolean raceKnown(String raceId) {
        return races.find(raceId).isPresent();
    }

    /** A page of a race's passages, optionally of one car or at one point, with how many there are in all. */
    public record Page(long total, List<StoredPassage> entries) {
    }

    public Page list(String raceId, Integer car, String point, String status, int page, int size) {
        if (!raceKnown(raceId)) {
            throw new UnknownRaceException(raceId);
        }
        return new Page(passages.count(raceId, car, point, status), passages.list(raceId, car, point, status, page, size));
    }

    /** Every void and restore of the race's passages, oldest first. */
    /** Each device's clock in a race, as its passages tell it. */
    public List<PassageRepository.DeviceClock> clocks(String raceId) {
        if (!raceKnown(raceId)) {
            throw new UnknownRaceException(raceId);
        }
        return passages.clocks(raceId);
    }

    public List<PassageRepository.Change> changes(String raceId) {
        if (!raceKnown(raceId)) {
            throw new UnknownRaceException(raceId);
        }
        return passages.changes(raceId);
    }

    /** The passage is not voided: there is nothing to restore. */
    public static class NotVoidedException extends Refusal {
        public NotVoidedException(UUID id) {
            super(409, TimingPhrases.NOT_VOIDED, TimingPhrases.PASSAGE_NOT_VOIDED.with(id), null);
        }
    }

    /** Undoes a void, as a new fact (the void stays in the passage's history): the passage counts again. */
    @Transactional
    public Optional<StoredPassage> restorePassage(String raceId, UUID id, String reason, String by) {
        Optional<StoredPassage> found = passages.find(raceId, id);
        if (found.isEmpty()) {
            return found;
        }
        if (!passages.markRestored(raceId, id)) {
            throw new NotVoidedException(id);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int car = found.get().passage().car();
        passages.recordChange(raceId, new PassageRepository.Change(id, car, "RESTORE", reason, by, now));
        outbox.enqueue(PassageRestored.of(raceId, id, car, reason, by, now));
        return passages.find(raceId, id);
    }

    public Optional<StoredPassage> find(String raceId, UUID id) {
        return passages.find(raceId, id);
    }

    /**
     * route-events: a race's legs and timing points, its first day and its virtual lines, newer revisions only. A line
     * that is new or changed (moved, made a backup or no longer one) in a race timing already knew asks for a
     * re-processing of the fixes already sent (recovery/LineReplays): the stream processor measures each fix against the
     * lines it knows when it comes. A line removed has its GPS passages voided at once.
     */
    @Transactional
    public void raceDefined(RaceRoute route, long revision, Set<String> points, LocalDate firstDay, List<GpsLine> gpsLines) {
        boolean known = races.find(route.id()).isPresent();
        List<GpsLine> before = known ? races.storedGpsLines(route.id()) : List.of();
        if (!races.upsert(route, revision, points, firstDay, gpsLines) || !known) {
            return;
        }
        Instant now = Instant.now();
        for (GpsLine line : gpsLines) {
            if (!before.contains(line)) {
                replays.request(route.id(), line.point(), json(line), now);
            }
        }
        Set<String> still = new HashSet<>();
        gpsLines.forEach(line -> still.add(line.point()));
        for (GpsLine gone : before) {
            if (!still.contains(gone.point())) {
                alignGpsPassages(route.id(), gone.point(), null);
            }
        }
    }

    /**
     * A GPS crossing the stream processor found, recorded as a passage with its evidence, and its PassageRecorded in the
     * outbox, in one transaction, if it crossed the point's line as the race defines it now (a crossing of a line's old
     * place, found before the processor learnt it moved, is not recorded); at a line that backs a post up it is voided at
     * once (by {@code gps}): a suggestion race direction may restore. Returns whether it was new (the same crossing found
     * again changes nothing).
     */
    public boolean recordCrossing(GpsCrossing crossing) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (races.find(crossing.raceId()).isEmpty()) {
                Log.warnf("skipped a GPS crossing of race %s, which timing does not know", crossing.raceId());
                return false;
            }
            Optional<GpsLine> now = races.storedGpsLines(crossing.raceId()).stream().filter(l -> l.point().equals(crossing.point())).findFirst();
            if (now.isEmpty() || !now.get().line().equals(crossing.evidence().line())) {
                Log.debugf("skipped a GPS crossing of car %d at %s: the line is no longer there", crossing.car(), crossing.point());
                return false;
            }
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Passage p = crossing.passage();
            if (!passages.insertGps(crossing.raceId(), p, json(crossing.evidence()), at)) {
                return false;
            }
            outbox.enqueue(PassageRecorded.of(crossing.raceId(), p, at, crossing.evidence()));
            if (now.get().backup()) {
                voidAs(crossing.raceId(), p.id(), p.car(), GPS_BACKUP_REASON.formatted(p.point()), at);
            }
            return true;
        });
    }

    /**
     * Puts the race's GPS passages at a point in the state its line says now ({@code line}; null: the point has no line any
     * more): a crossing of another place (the line moved) or of no line is voided, one of this line counts, or is a voided
     * suggestion when the line backs a post up. Only what {@code gps} decided is changed: a passage race direction voided
     * or restored stays as they left it. Returns how many changed.
     */
    @Transactional
    public int alignGpsPassages(String raceId, String point, GpsLine line) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<StoredPassage> found = passages.gpsAt(raceId, point);
        Set<UUID> decided = new HashSet<>();
        passages.changesOf(found.stream().map(s -> s.passage().id()).toList()).forEach(c -> {
            if (!GPS.equals(c.by())) {
                decided.add(c.passageId());
            }
        });
        int changed = 0;
        for (StoredPassage s : found) {
            UUID id = s.passage().id();
            if (decided.contains(id) || s.evidence() == null) {
                continue;
            }
            String why;
            if (line == null) {
                why = LINE_REMOVED_REASON.formatted(point);
            } else if (!line.line().equals(evidenceLine(s.evidence()))) {
                why = LINE_MOVED_REASON.formatted(point);
            } else if (line.backup()) {
                why = GPS_BACKUP_REASON.formatted(point);
            } else {
                why = null;
            }
            boolean voided = "VOIDED".equals(s.status());
            if (why != null && !voided) {
                voidAs(raceId, id, s.passage().car(), why, now);
                changed++;
            } else if (why == null && voided && passages.markRestored(raceId, id)) {
                String reason = "the virtual line at " + point + " is this crossing's again, and times the point";
                passages.recordChange(raceId, new PassageRepository.Change(id, s.passage().car(), "RESTORE", reason, GPS, now));
                outbox.enqueue(PassageRestored.of(raceId, id, s.passage().car(), reason, GPS, now));
                changed++;
            }
        }
        return changed;
    }

    private VirtualLine evidenceLine(String evidence) {
        try {
            return json.readValue(evidence, GpsEvidence.class).line();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored passage's evidence does not read: " + evidence, e);
        }
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value, e);
        }
    }

    /** Voids a passage on the system's behalf ({@code gps}), as race direction would. */
    private void voidAs(String raceId, UUID id, int car, String reason, Instant now) {
        if (passages.markVoided(raceId, id, reason, GPS, now)) {
            passages.recordChange(raceId, new PassageRepository.Change(id, car, "VOID", reason, GPS, now));
            outbox.enqueue(PassageVoided.of(raceId, id, car, reason, GPS, now));
        }
    }

    /** The races timing knows, with their legs and timing points in route order: what a post is set up with. */
    public List<RaceRoute> races() {
        return races.routes();
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
            passages.recordChange(raceId, new PassageRepository.Change(id, car, "VOID", reason, by, now));
            outbox.enqueue(PassageVoided.of(raceId, id, car, reason, by, now));
        }
        return passages.find(raceId, id);
    }
}
