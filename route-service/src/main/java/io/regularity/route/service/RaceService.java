package io.regularity.route.service;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.panache.common.Sort;
import io.regularity.route.domain.Race;
import io.regularity.route.domain.RaceValidator;
import io.regularity.route.domain.RevisionDiff;
import io.regularity.route.domain.RoutePhrases;
import io.regularity.route.events.RaceDefined;
import io.regularity.route.persistence.RaceChangeEntity;
import io.regularity.route.persistence.RaceEntity;
import io.regularity.support.FieldError;
import io.regularity.support.Refusal;
import io.regularity.support.Said;
import io.regularity.support.SupportPhrases;
import io.regularity.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Stores race definitions, bumps their revision and queues RaceDefined in the same transaction. */
@ApplicationScoped
public class RaceService {

    /** Room a Kafka record needs besides its value (key, headers, batch header). */
    static final int RECORD_OVERHEAD = 4096;

    private final ObjectMapper json;
    private final Outbox outbox;
    private final int maxEventBytes;

    public RaceService(ObjectMapper json, Outbox outbox,
            @ConfigProperty(name = "kafka.max.request.size", defaultValue = "1048576") int maxRequestSize) {
        this.json = json;
        this.outbox = outbox;
        this.maxEventBytes = maxRequestSize - RECORD_OVERHEAD;
    }

    /** A definition whose RaceDefined event the route-events topic cannot carry. */
    public static class DefinitionTooLargeException extends Refusal {
        public DefinitionTooLargeException(long bytes, long limit) {
            super(413, RoutePhrases.DEFINITION_TOO_LARGE_TITLE, RoutePhrases.DEFINITION_TOO_LARGE.with(bytes, limit), null);
        }
    }

    /** What a PUT did: the stored race and whether it was new. */
    public record Saved(Race race, boolean created) {
    }

    public static class InvalidRaceException extends Refusal {
        public InvalidRaceException(List<FieldError> errors) {
            super(400, RoutePhrases.INVALID_RACE_TITLE, SupportPhrases.PROBLEMS_IN.with(errors.size(), RoutePhrases.THE_RACE_DEFINITION), errors);
        }
    }

    public static class StaleRevisionException extends Refusal {
        public StaleRevisionException(long current) {
            super(412, RoutePhrases.STALE_REVISION_TITLE, RoutePhrases.STALE_REVISION.with(current), null);
        }
    }

    @Transactional
    public Saved put(String raceId, Race body, Long ifMatchRevision, String by) {
        return put(raceId, body, ifMatchRevision, by, "definition replaced", Board.CLEARED, false);
    }

    /**
     * What a {@link #put} would store, checked as it would be (the definition, the revision it would have, the event's
     * size), storing nothing.
     */
    @Transactional
    public Saved dryRun(String raceId, Race body, Long ifMatchRevision) {
        return put(raceId, body, ifMatchRevision, null, "dry run", Board.CLEARED, true);
    }

    /** What stays on the notice board through a change: only a posting or a publication keeps them. */
    private record Board(Race.Posted posted, Race.Published published) {
        static final Board CLEARED = new Board(null, null);
    }

    private Saved put(String raceId, Race body, Long ifMatchRevision, String by, String what, Board board) {
        return put(raceId, body, ifMatchRevision, by, what, board, false);
    }

    /**
     * Stores a new revision. {@code board} is what stays posted and published: any change but a posting or a
     * publication takes both down, and the change's record says what it un-posted and un-published. A dry run checks and
     * answers the same, storing nothing.
     */
    private Saved put(String raceId, Race body, Long ifMatchRevision, String by, String what, Board board, boolean dryRun) {
        List<FieldError> errors = RaceValidator.validate(raceId, body);
        if (!errors.isEmpty()) {
            throw new InvalidRaceException(errors);
        }
        RaceEntity entity = dryRun ? RaceEntity.findById(raceId) : RaceEntity.findById(raceId, LockModeType.PESSIMISTIC_WRITE);
        long current = entity == null ? 0 : entity.revision;
        if (ifMatchRevision != null && ifMatchRevision != current) {
            throw new StaleRevisionException(current);
        }
        boolean created = entity == null;
        if (!created && board == Board.CLEARED) {
            Race was = read(entity);
            what = what + unposted(was.posted()) + unpublished(was.published());
        }
        Race stored = new Race(raceId, body.name(), body.year(), body.timeZone() == null ? "Europe/Rome" : body.timeZone(),
                body.protestMinutes() == null ? Race.DEFAULT_PROTEST_MINUTES : body.protestMinutes(), officials(body.officials()),
                (body.scoring() == null ? new Race.Scoring(null, null, null, null, null, null, null, null) : body.scoring())
                        .withDefaults(),
                body.legs().stream().map(RaceService::withTrialStatus).toList(), body.trophies() == null ? List.of() : body.trophies(), current + 1,
                board.posted(), board.published());
        RaceDefined event = RaceDefined.of(stored);
        int bytes = outbox.write(event).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxEventBytes) {
            throw new DefinitionTooLargeException(bytes, maxEventBytes);
        }
        if (dryRun) {
            return new Saved(stored, created);
        }
        if (created) {
            entity = new RaceEntity();
            entity.id = raceId;
        }
        entity.name = stored.name();
        entity.year = stored.year();
        entity.revision = stored.revision();
        entity.definition = write(stored);
        entity.updatedAt = Instant.now();
        if (created) {
            entity.persist();
        }
        outbox.enqueue(event);
        RaceChangeEntity.record(raceId, stored.revision(), by, what, entity.definition);
        return new Saved(stored, created);
    }

    /** What race direction may change on a trial while the race runs. */
    public record TrialPatch(String status, Long targetMs, Double averageKmh, Integer durationMinutes) {

        /** "status CLOSED, targetMs 12500": what the patch changes, for the history. */
        String described() {
            List<String> parts = new ArrayList<>();
            if (status != null) {
                parts.add("status " + status);
            }
            if (targetMs != null) {
                parts.add("targetMs " + targetMs);
            }
            if (averageKmh != null) {
                parts.add("averageKmh " + averageKmh);
            }
            if (durationMinutes != null) {
                parts.add("durationMinutes " + durationMinutes);
            }
            return String.join(", ", parts);
        }
    }

    /** The officials as kept: names trimmed, none when neither is given. */
    private static Race.Officials officials(Race.Officials given) {
        if (given == null) {
            return null;
        }
        String clerk = given.clerkOfCourse() == null || given.clerkOfCourse().isBlank() ? null : given.clerkOfCourse().trim();
        String chief = given.chiefTimekeeper() == null || given.chiefTimekeeper().isBlank() ? null : given.chiefTimekeeper().trim();
        return clerk == null && chief == null ? null : new Race.Officials(clerk, chief);
    }

    private static String unposted(Race.Posted was) {
        return was == null ? "" : takenDown("un-posted", was.legs().keySet(), was.race() != null);
    }

    private static String unpublished(Race.Published was) {
        return was == null ? "" : takenDown("un-published", was.legs().keySet(), was.race() != null);
    }

    /** "; un-posted leg 1, the race": what a change took down, for the history; empty when nothing. */
    private static String takenDown(String verb, java.util.Set<String> legs, boolean race) {
        List<String> what = new ArrayList<>();
        legs.stream().sorted().forEach(n -> what.add("leg " + n));
        if (race) {
            what.add("the race");
        }
        return what.isEmpty() ? "" : "; " + verb + " " + String.join(", ", what);
    }

    /** A leg or the race cannot be published while some of its trials are still open. */
    public static class NotPublishableException extends Refusal {
        public NotPublishableException(Said detail) {
            super(409, RoutePhrases.NOT_PUBLISHABLE_TITLE, detail, null);
        }
    }

    /**
     * Publishes a leg ({@code leg} its number) or the whole race ({@code leg} null) as final: a new revision,
     * recorded like every change, once every trial of it is closed or neutralised. Empty for an unknown race
     * or leg.
     */
    @Transactional
    public Optional<Saved> publish(String raceId, Integer leg, String by) {
        RaceEntity locked = RaceEntity.findById(raceId, LockModeType.PESSIMISTIC_WRITE);
        if (locked == null) {
            return Optional.empty();
        }
        Race race = read(locked);
        if (!closed(race, leg)) {
            return Optional.empty();
        }
        return Optional.of(publish(race, leg, Instant.now().truncatedTo(ChronoUnit.MILLIS), by,
                (leg == null ? "race" : "leg " + leg) + " published as final"));
    }

    private Saved publish(Race race, Integer leg, Instant at, String by, String what) {
        Race.Stamp stamp = new Race.Stamp(at, by, race.revision() + 1);
        Race.Published was = race.published() == null ? new Race.Published(Map.of(), null) : race.published();
        Map<String, Race.Stamp> publishedLegs = new TreeMap<>(was.legs());
        if (leg != null) {
            publishedLegs.put(String.valueOf(leg), stamp);
        } else {
            race.legs().forEach(l -> publishedLegs.putIfAbsent(String.valueOf(l.number()), stamp));
        }
        return put(race.id(), race, null, by, what, new Board(race.posted(), new Race.Published(publishedLegs, leg == null ? stamp : was.race())));
    }

    /**
     * Whether a leg ({@code leg} its number) or the race ({@code leg} null) may go on the notice board: false for a leg the
     * race does not have; a 409 while one of its trials is open.
     */
    private static boolean closed(Race race, Integer leg) {
        List<Race.Leg> legs = race.legs().stream().filter(l -> leg == null || l.number().equals(leg)).toList();
        if (legs.isEmpty()) {
            return false;
        }
        List<String> open = legs.stream().flatMap(l -> l.trials().stream())
                .filter(t -> !"CLOSED".equals(t.status()) && !"NEUTRALISED".equals(t.status())).map(Race.Trial::id).toList();
        if (!open.isEmpty()) {
            throw new NotPublishableException(RoutePhrases.TRIALS_STILL_OPEN.with(leg == null ? RoutePhrases.THE_RACE : RoutePhrases.LEG_N.with(leg),
                    String.join(", ", open)));
        }
        return true;
    }

    /**
     * Posts a leg ({@code leg} its number) or the whole race ({@code leg} null) on the notice board as provisional: a new
     * revision stamped with when crews may protest until (the race's {@code protestMinutes} from now). A 409 while one of
     * its trials is open or once it is published; empty for an unknown race or leg.
     */
    @Transactional
    public Optional<Saved> post(String raceId, Integer leg, String by) {
        RaceEntity locked = RaceEntity.findById(raceId, LockModeType.PESSIMISTIC_WRITE);
        if (locked == null) {
            return Optional.empty();
        }
        Race race = read(locked);
        if (!closed(race, leg)) {
            return Optional.empty();
        }
        Race.Published published = race.published() == null ? new Race.Published(Map.of(), null) : race.published();
        if (leg == null ? published.race() != null : published.legs().containsKey(String.valueOf(leg))) {
            throw new NotPublishableException(RoutePhrases.ALREADY_PUBLISHED.with(leg == null ? RoutePhrases.THE_RACE : RoutePhrases.LEG_N.with(leg)));
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int minutes = race.protestMinutes() == null ? Race.DEFAULT_PROTEST_MINUTES : race.protestMinutes();
        Race.Post post = new Race.Post(at, by, race.revision() + 1, at.plus(minutes, ChronoUnit.MINUTES));
        Race.Posted was = race.posted() == null ? new Race.Posted(Map.of(), null) : race.posted();
        Map<String, Race.Post> postedLegs = new TreeMap<>(was.legs());
        if (leg != null) {
            postedLegs.put(String.valueOf(leg), post);
        } else {
            race.legs().stream().filter(l -> !published.legs().containsKey(String.valueOf(l.number())))
                    .forEach(l -> postedLegs.putIfAbsent(String.valueOf(l.number()), post));
        }
        return Optional.of(put(raceId, race, null, by, (leg == null ? "race" : "leg " + leg) + " posted as provisional, protests until "
                + post.protestsUntil(), new Board(new Race.Posted(postedLegs, leg == null ? post : was.race()), race.published())));
    }

    /**
     * A posted list whose protest window closed with none of its protests open (classification says so): published as
     * official, stamped {@code at} and by whoever posted it, if that posting (of revision {@code postedRevision}) still
     * stands and it is not published yet. {@code leg} null: the race's posting. Answers whether it published.
     */
    @Transactional
    public boolean windowClosed(String raceId, Integer leg, long postedRevision, Instant at) {
        RaceEntity locked = RaceEntity.findById(raceId, LockModeType.PESSIMISTIC_WRITE);
        if (locked == null) {
            return false;
        }
        Race race = read(locked);
        Race.Post post = race.posted() == null ? null : leg == null ? race.posted().race() : race.posted().legs().get(String.valueOf(leg));
        boolean published = race.published() != null
                && (leg == null ? race.published().race() != null : race.published().legs().containsKey(String.valueOf(leg)));
        if (post == null || post.revision() != postedRevision || published || !closedQuietly(race, leg)) {
            return false;
        }
        publish(race, leg, at.truncatedTo(ChronoUnit.MILLIS), post.by(), (leg == null ? "race" : "leg " + leg)
                + " published as final: its protest window closed at " + post.protestsUntil() + " with no protest open");
        return true;
    }

    private static boolean closedQuietly(Race race, Integer leg) {
        try {
            return closed(race, leg);
        } catch (NotPublishableException e) {
            return false; // a trial reopened since: the posting waits
        }
    }

    /** One revision of a race: who changed what, when. */
    public record Change(long revision, Instant at, String by, String what) {
    }

    /** Every revision of a race's definition, oldest first; empty for an unknown race. */
    public Optional<List<Change>> history(String raceId) {
        if (RaceEntity.findById(raceId) == null) {
            return Optional.empty();
        }
        return Optional.of(RaceChangeEntity.of(raceId).stream().map(c -> new Change(c.revision, c.changedAt, c.changedBy, c.what)).toList());
    }

    /** Two revisions of a race compared trial by trial. */
    public record Comparison(long from, long to, List<RevisionDiff.Difference> trials) {
    }

    /** A revision this race never had, or one recorded before revisions kept their definition. */
    public static class NoSuchRevisionException extends Refusal {
        public NoSuchRevisionException(Said detail) {
            super(404, SupportPhrases.NOT_FOUND, detail, null);
        }
    }

    /** Revision {@code from} of a race compared with revision {@code to}, trial by trial; empty for an unknown race. */
    public Optional<Comparison> compare(String raceId, long from, long to) {
        if (RaceEntity.findById(raceId) == null) {
            return Optional.empty();
        }
        return Optional.of(new Comparison(from, to, RevisionDiff.between(revision(raceId, from), revision(raceId, to))));
    }

    private Race revision(String raceId, long revision) {
        RaceChangeEntity change = RaceChangeEntity.at(raceId, revision)
                .orElseThrow(() -> new NoSuchRevisionException(RoutePhrases.RACE_HAS_NO_REVISION.with(raceId, revision)));
        if (change.definition == null) {
            throw new NoSuchRevisionException(RoutePhrases.REVISION_WITHOUT_DEFINITION.with(revision, raceId));
        }
        try {
            return json.readValue(change.definition, Race.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("revision " + revision + " of race " + raceId + " is unreadable", e);
        }
    }

    /** Changes one trial (status or corrected target) as a new revision of the whole race. */
    @Transactional
    public Optional<Saved> patchTrial(String raceId, String trialId, TrialPatch patch, Long ifMatchRevision, String by) {
        // lock before reading: two officials patching at once apply one after the other, each to the other's result
        RaceEntity locked = RaceEntity.findById(raceId, LockModeType.PESSIMISTIC_WRITE);
        if (locked == null) {
            return Optional.empty();
        }
        Race race = read(locked);
        boolean[] hit = { false };
        List<FieldError> errors = new ArrayList<>();
        List<Race.Leg> legs = race.legs().stream().map(leg -> {
            List<Race.Trial> trials = leg.trials().stream().map(t -> {
                if (!t.id().equals(trialId)) {
                    return t;
                }
                hit[0] = true;
                if (patch.targetMs() != null && !"PC".equals(t.type())) {
                    errors.add(new FieldError("targetMs", RoutePhrases.ONLY_PC_HAS_TARGET, t.id(), t.type()));
                }
                if (patch.averageKmh() != null && !"PM".equals(t.type())) {
                    errors.add(new FieldError("averageKmh", RoutePhrases.ONLY_PM_HAS_AVERAGE, t.id(), t.type()));
                }
                if (patch.durationMinutes() != null && !"CO".equals(t.type())) {
                    errors.add(new FieldError("durationMinutes", RoutePhrases.ONLY_CO_HAS_DURATION, t.id(), t.type()));
                }
                return t.corrected(patch.targetMs(), patch.averageKmh(), patch.durationMinutes(), patch.status());
            }).toList();
            return leg.withTrials(trials);
        }).toList();
        if (!hit[0]) {
            return Optional.empty();
        }
        if (patch.status() == null && patch.targetMs() == null && patch.averageKmh() == null && patch.durationMinutes() == null) {
            errors.add(new FieldError("", RoutePhrases.SAY_WHAT_CHANGES));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRaceException(errors);
        }
        try {
            return Optional.of(put(raceId, race.withLegs(legs), ifMatchRevision, by, "trial " + trialId + " changed: " + patch.described(),
                    Board.CLEARED));
        } catch (InvalidRaceException e) {
            // report the patched fields by their own names, not by their place in the race
            throw new InvalidRaceException(e.errors.stream()
                    .map(v -> v.at(v.field().replaceFirst("^legs\\[\\d+\\]\\.trials\\[\\d+\\]\\.", "")))
                    .toList());
        }
    }

    /** A town on a leg of a race, for "which races pass through X". */
    public record TownHit(String name, String province, String raceId, String raceName, int leg, String legName, Double km,
            Double lat, Double lon) {
    }

    /** Towns whose name contains {@code query}, ignoring case and accents ("provaglio" finds "Provaglio d'Iseo"). */
    public List<TownHit> towns(String query) {
        String needle = fold(query);
        List<TownHit> hits = new ArrayList<>();
        for (Race race : all()) {
            for (Race.Leg leg : race.legs()) {
                for (Race.Town town : leg.towns() == null ? List.<Race.Town>of() : leg.towns()) {
                    if (town.name() != null && fold(town.name()).contains(needle)) {
                        hits.add(new TownHit(town.name(), town.province(), race.id(), race.name(), leg.number(), leg.name(),
                                town.km(), town.lat(), town.lon()));
                    }
                }
            }
        }
        return hits;
    }

    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replace('’', '\'');
    }

    private static Race.Leg withTrialStatus(Race.Leg leg) {
        List<Race.Trial> trials = leg.trials() == null ? List.of() : leg.trials().stream()
                .map(t -> t.status() != null ? t : t.withStatus("OPEN"))
                .toList();
        return new Race.Leg(leg.number(), leg.name(), leg.date(), leg.from(), leg.to(), leg.distanceKm(), leg.startPoint(), leg.laps(),
                leg.towns() == null ? List.of() : leg.towns(), leg.timingPoints() == null ? List.of() : leg.timingPoints(), trials);
    }

    public Optional<Race> find(String raceId) {
        return RaceEntity.<RaceEntity>findByIdOptional(raceId).map(this::read);
    }

    public List<Race> all() {
        return RaceEntity.<RaceEntity>listAll(Sort.by("id")).stream().map(this::read).toList();
    }

    private Race read(RaceEntity entity) {
        try {
            return json.readValue(entity.definition, Race.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored definition of " + entity.id + " is unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
