package io.regularity.classification.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.regularity.classification.config.ClassificationConfig;
import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.ListSpec;
import io.regularity.classification.domain.Protest;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.events.ProtestWindowClosed;
import io.regularity.classification.persistence.ProtestStore;
import io.regularity.classification.persistence.RaceStore;
import io.regularity.support.Refusal;
import io.regularity.support.Said;
import io.regularity.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The protest window (docs/rules.md, The protest window): protests lodged while a posted list's window is open, decided
 * by race direction (an upheld one with the rulings it leads to, in one step), and each posted list made official once
 * its window has closed with none of its protests still open: this service tells route-service so
 * ({@link ProtestWindowClosed}), which holds the publications.
 */
@ApplicationScoped
public class ProtestService {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ScoringService scoring;
    private final ProtestStore protests;
    private final RaceStore races;
    private final Outbox outbox;
    private final Duration grace;

    public ProtestService(ScoringService scoring, ProtestStore protests, RaceStore races, Outbox outbox, ClassificationConfig config) {
        this.scoring = scoring;
        this.protests = protests;
        this.races = races;
        this.outbox = outbox;
        this.grace = config.protests().grace();
    }

    /** A protest lodged too late, or against a list already official. */
    public static class WindowClosed extends Refusal {
        public WindowClosed(Said detail) {
            super(409, ClassificationPhrases.PROTEST_WINDOW_CLOSED, detail, null);
        }
    }

    /** A decision on a protest decided before. */
    public static class AlreadyDecided extends Refusal {
        public AlreadyDecided(Said detail) {
            super(409, ClassificationPhrases.ALREADY_DECIDED, detail, null);
        }
    }

    /**
     * Records a protest, checked (under the race's lock) against the window of the list it is lodged against: the leg's
     * posting, else the race's. A 409 when it was lodged after that window closed, or when the list is official already
     * (published at once, or its window closed here).
     */
    public Protest lodge(String raceId, Protest protest) {
        return scoring.decide(raceId, List.of(), ids -> {
            RaceDefinition race = races.race(raceId).orElseThrow();
            Said list = protest.leg() == null ? ClassificationPhrases.THE_WHOLE_RACE.with() : ClassificationPhrases.THE_LEG.with(protest.leg());
            RaceDefinition.Post post = race.postingFor(protest.leg());
            if (post != null && post.protestsUntil() != null && protest.lodgedAt().isAfter(post.protestsUntil())) {
                throw new WindowClosed(ClassificationPhrases.PROTEST_TOO_LATE.with(list, clock(post.protestsUntil(), race.zone()),
                        clock(protest.lodgedAt(), race.zone())));
            }
            RaceDefinition.Stamp official = protest.leg() == null ? (race.published() == null ? null : race.published().race())
                    : race.publicationOf(new ListSpec(ListSpec.Kind.LEG, protest.leg(), false, null, null));
            if (official != null) {
                throw new WindowClosed(ClassificationPhrases.LIST_OFFICIAL.with(list, clock(official.at(), race.zone())));
            }
            if (post != null) {
                boolean ownPosting = protest.leg() != null && race.posted().legs() != null
                        && race.posted().legs().containsKey(String.valueOf(protest.leg()));
                Optional<Instant> closed = protests.windowClosed(raceId, ownPosting ? String.valueOf(protest.leg()) : "race", post.revision());
                if (closed.isPresent()) {
                    throw new WindowClosed(ClassificationPhrases.LIST_OFFICIAL.with(list, clock(closed.get(), race.zone())));
                }
            }
            protests.add(raceId, protest);
            return protest;
        });
    }

    /** A race's protests, in the order they were lodged. */
    public List<Protest> protests(String raceId) {
        return protests.all(raceId);
    }

    /**
     * Decides an open protest: its outcome and why, and for an upheld one the rulings it leads to, all in one transaction.
     * Empty for an unknown protest; {@link AlreadyDecided} for one decided before.
     */
    public Optional<Protest> decide(String raceId, UUID id, Protest.Outcome outcome, String reason, List<Ruling> rulings, String by,
            Instant at) {
        if (protests.find(raceId, id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(scoring.decide(raceId, rulings, ids -> {
            if (!protests.decide(raceId, id, outcome, reason, ids, by, at)) {
                Protest was = protests.find(raceId, id).orElseThrow();
                throw new AlreadyDecided(ClassificationPhrases.PROTEST_DECIDED.with(id, was.outcome(), was.decidedBy(), was.decidedAt()));
            }
            return protests.find(raceId, id).orElseThrow();
        }));
    }

    /**
     * Every posted list whose window has closed (and the office's grace to record a protest handed in on time has passed)
     * with none of its protests open, and not yet official: recorded as closed (once, whichever instance gets there
     * first) and sent to route-service to publish, in one transaction per race. A race is locked only when one of its
     * lists can close: one waiting for a protest, or already closed here and waiting for route-service, is passed over.
     */
    @Scheduled(every = "${regularity.protests.check-every:10s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeWindows() {
        Instant now = Instant.now();
        for (RaceDefinition race : races.races()) {
            try {
                if (race.posted() != null && !closable(race, protests.all(race.id()), now).isEmpty()) {
                    QuarkusTransaction.requiringNew().run(() -> closeWindows(race.id(), now));
                }
            } catch (RuntimeException e) {
                Log.warnf(e, "the protest windows of %s could not be closed; trying again", race.id());
            }
        }
    }

    /** A posting of a race: its key ("1" for leg 1, "race"), its leg (null: the race) and the posting itself. */
    private record Posting(String key, Integer leg, RaceDefinition.Post post) {
    }

    /**
     * The race's postings that may be made official now: not yet published, their window closed and the grace past, no
     * protest of theirs open, not closed here before; the race's only once every leg posted on its own has closed too.
     */
    private List<Posting> closable(RaceDefinition race, List<Protest> all, Instant now) {
        Map<String, RaceDefinition.Post> legs = race.posted().legs() == null ? Map.of() : race.posted().legs();
        Map<String, RaceDefinition.Stamp> publishedLegs = race.published() == null || race.published().legs() == null ? Map.of()
                : race.published().legs();
        List<Posting> postings = new ArrayList<>();
        legs.forEach((leg, post) -> {
            if (!publishedLegs.containsKey(leg)) {
                postings.add(new Posting(leg, Integer.valueOf(leg), post));
            }
        });
        boolean legsClosed = postings.stream().allMatch(p -> closedBy(p.post(), now));
        RaceDefinition.Post racePost = race.posted().race();
        if (racePost != null && (race.published() == null || race.published().race() == null) && legsClosed) {
            postings.add(new Posting("race", null, racePost));
        }
        return postings.stream().filter(p -> closedBy(p.post(), now) && all.stream().noneMatch(x -> x.holds(p.leg()) && x.open())
                && protests.windowClosed(race.id(), p.key(), p.post().revision()).isEmpty()).toList();
    }

    /** Whether a posting's window and the grace after it have passed by {@code now} (a posting that says no end never closes). */
    private boolean closedBy(RaceDefinition.Post post, Instant now) {
        return post != null && post.protestsUntil() != null && !post.protestsUntil().plus(grace).isAfter(now);
    }

    /** In the caller's transaction, under the race's lock: closes what may close now; what it closed ("1", "race"). */
    List<String> closeWindows(String raceId, Instant now) {
        races.lockRace(raceId);
        RaceDefinition race = races.race(raceId).orElseThrow();
        if (race.posted() == null) {
            return List.of();
        }
        List<Protest> all = protests.all(raceId);
        List<String> closed = new ArrayList<>();
        for (Posting p : closable(race, all, now)) {
            RaceDefinition.Post post = p.post();
            Instant at = all.stream().filter(x -> x.holds(p.leg()) && x.decidedAt() != null).map(Protest::decidedAt)
                    .filter(d -> d.isAfter(post.protestsUntil())).max(Instant::compareTo).orElse(post.protestsUntil());
            if (protests.closeWindow(raceId, p.key(), post.revision(), now.truncatedTo(ChronoUnit.MILLIS))) {
                outbox.enqueue(ProtestWindowClosed.of(raceId, p.leg(), post.revision(), post.protestsUntil(), at));
                Log.infof("protest window of %s %s closed: official at %s", raceId, p.leg() == null ? "(the race)" : "leg " + p.leg(), at);
                closed.add(p.key());
            }
        }
        return closed;
    }

    /** An instant as the race's clock shows it, with its zone: "2026-06-12 18:30:00 Europe/Rome". */
    static String clock(Instant at, ZoneId zone) {
        return CLOCK.format(at.atZone(zone)) + " " + (zone.equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId());
    }
}
