package io.regularity.classification.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.CrewResult;
import io.regularity.classification.domain.ListSpec;
import io.regularity.classification.domain.ListSpec.Kind;
import io.regularity.classification.domain.Lists;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.RaceDefinition.PlacedTrial;
import io.regularity.classification.domain.RaceFacts;
import io.regularity.classification.domain.Ranking;
import io.regularity.classification.domain.Ranking.Placed;
import io.regularity.classification.domain.ResultsDigest;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.domain.TrialResult;
import io.regularity.classification.persistence.CrewStore;
import io.regularity.classification.persistence.RaceStore;
import io.regularity.classification.persistence.ResultStore;
import io.regularity.classification.persistence.RulingStore;
import io.regularity.classification.persistence.StandingsQueries;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The read side's lists: every list of the contract (crews and teams), live or replayed, ranked by the domain's one
 * ranking rule, with the digest of the facts they follow from; and the races and crews behind them. A live list
 * computed since its race last changed is served again without a query, for at most {@link #CACHE_NANOS}; the cache
 * holds only races that exist, keys only on what a list depends on, and keeps at most {@link #CACHE_LISTS} lists.
 */
@ApplicationScoped
public class StandingsService {

    /** A bound on a cached list's age, in case a change notification is late or lost. */
    static final long CACHE_NANOS = 500_000_000L;
    /** A bound on how many lists are cached (a race has a few dozen). */
    static final int CACHE_LISTS = 256;

    private final RaceStore races;
    private final CrewStore crews;
    private final RulingStore rulings;
    private final ResultStore results;
    private final StandingsQueries queries;
    private final Facts facts;
    /** Each known race's version, moved on by every change of its standings. Races that do not exist never enter. */
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Cache<CacheKey, Cached> cache = Caffeine.newBuilder().maximumSize(CACHE_LISTS).executor(Runnable::run).build();
    private final Map<String, Digest> digests = new ConcurrentHashMap<>();

    public StandingsService(RaceStore races, CrewStore crews, RulingStore rulings, ResultStore results, StandingsQueries queries,
            Facts facts, StandingsEvents events) {
        this.races = races;
        this.crews = crews;
        this.rulings = rulings;
        this.results = results;
        this.queries = queries;
        this.facts = facts;
        events.listen(raceId -> {
            if (raceId == null) {
                versions.values().forEach(AtomicLong::incrementAndGet);
            } else {
                AtomicLong version = versions.get(raceId);
                if (version != null) {
                    version.incrementAndGet();
                }
            }
        });
    }

    /**
     * A replayed list: as it stood with the facts received by {@code asOf} (null: now), counting the trials up to
     * {@code afterTrial} in route order (null: all). Computed from the facts, never stored.
     */
    public record Replay(Instant asOf, String afterTrial) {
        public static final Replay LIVE = new Replay(null, null);

        public boolean live() {
            return asOf == null && afterTrial == null;
        }
    }

    /**
     * A whole list, ranked: crews ({@code crews}) or, for the teams' list, teams ({@code teams}); with the definition it
     * was computed with, the last trial it counts and the digest of its facts. Pages are cut from it.
     */
    public record RankedList(RaceDefinition race, ListSpec spec, Replay replay, Instant generatedAt, String asOfTrial, String digest,
            List<Placed<Lists.Row>> crews, List<Placed<Lists.Team>> teams) {

        public int size() {
            return spec.kind() == Kind.TEAMS ? teams.size() : crews.size();
        }
    }

    private record CacheKey(String raceId, ListSpec spec) {
    }

    private record Cached(long version, long computedAt, RankedList list) {
    }

    /** The digest of a race's facts as live scoring keeps it, at a version of the race. */
    private record Digest(long version, String digest) {
    }

    /** How many lists the cache holds now (at most {@link #CACHE_LISTS}). */
    public int cachedLists() {
        cache.cleanUp();
        return (int) cache.estimatedSize();
    }

    /** How many races have a version here (only races that exist). */
    public int knownRaces() {
        return versions.size();
    }

    // ---- races and crews

    public Optional<RaceDefinition> race(String raceId) {
        return races.race(raceId);
    }

    public List<RaceDefinition> races() {
        return races.races();
    }

    public List<Crew> crews(String raceId) {
        return crews.crews(raceId);
    }

    /** How a race's standings move on: a number that changes with them, for streams; empty for a race that does not exist. */
    public Optional<LongSupplier> version(String raceId) {
        return knownVersion(raceId).map(v -> v::get);
    }

    private Optional<AtomicLong> knownVersion(String raceId) {
        AtomicLong version = versions.get(raceId);
        if (version != null) {
            return Optional.of(version);
        }
        return races.race(raceId).map(race -> versions.computeIfAbsent(raceId, k -> new AtomicLong()));
    }

    // ---- lists

    /** A whole list (of crews, or of teams), live or replayed; empty when the race does not exist (or did not yet). */
    public Optional<RankedList> list(String raceId, ListSpec spec, Replay replay) {
        return replay.live() ? live(raceId, spec) : replayed(raceId, spec, replay);
    }

    /** A list computed from the facts as they stood (asOf), up to a trial (afterTrial). */
    private Optional<RankedList> replayed(String raceId, ListSpec spec, Replay replay) {
        return facts.whole(raceId, replay.asOf(), true).map(raceFacts -> {
            RaceDefinition race = raceFacts.race();
            int upTo = Integer.MAX_VALUE;
            if (replay.afterTrial() != null) {
                upTo = race.trialsInRouteOrder().stream().filter(p -> p.trial().id().equals(replay.afterTrial())).findFirst()
                        .orElseThrow(() -> new ListSpec.Invalid("afterTrial", ClassificationPhrases.AFTER_TRIAL,
                                race.trialsInRouteOrder().stream().limit(3).map(p -> p.trial().id()).toList()))
                        .routeIndex();
            }
            Map<Integer, CrewResult> scored = raceFacts.scored();
            int limit = upTo;
            int last = scored.values().stream().flatMap(r -> r.trials().stream())
                    .filter(t -> t.scored() && !"STEWARD".equals(t.type()) && t.routeIndex() <= limit)
                    .mapToInt(TrialResult::routeIndex).max().orElse(-1);
            String asOfTrial = last < 0 ? null : race.trialsInRouteOrder().get(last).trial().id();
            boolean points = race.points();
            if (spec.kind() == Kind.TEAMS) {
                List<Lists.Row> overall = Lists.rows(race, ListSpec.of("overall", null, false, null, null), raceFacts.crews(), scored, upTo);
                return new RankedList(race, spec, replay, Instant.now(), asOfTrial, raceFacts.digest(), List.of(),
                        Ranking.teams(Lists.teams(overall, points), points));
            }
            checkLeg(race, spec);
            return new RankedList(race, spec, replay, Instant.now(), asOfTrial, raceFacts.digest(),
                    Ranking.crews(Lists.rows(race, spec, raceFacts.crews(), scored, upTo), points), List.of());
        });
    }

    private Optional<RankedList> live(String raceId, ListSpec spec) {
        return live(raceId, spec, true);
    }

    /**
     * A live list for a reader in the background (race-results): the cached one when it is current, else computed
     * without keeping it, so what the pages ask for stays what the cache holds.
     */
    public Optional<RankedList> current(String raceId, ListSpec spec) {
        return live(raceId, spec, false);
    }

    private Optional<RankedList> live(String raceId, ListSpec spec, boolean keep) {
        Optional<AtomicLong> known = knownVersion(raceId);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        long version = known.get().get();
        CacheKey key = new CacheKey(raceId, spec);
        Cached cached = cache.getIfPresent(key);
        if (cached != null && cached.version() == version && System.nanoTime() - cached.computedAt() < CACHE_NANOS) {
            return Optional.of(cached.list());
        }
        return races.race(raceId).map(race -> {
            RankedList list = compute(race, spec, liveDigest(race, version));
            if (keep) {
                cache.put(key, new Cached(version, System.nanoTime(), list));
            }
            return list;
        });
    }

    private RankedList compute(RaceDefinition race, ListSpec spec, String digest) {
        boolean points = race.points();
        String asOfTrial = asOfTrial(race);
        if (spec.kind() == Kind.TEAMS) {
            return new RankedList(race, spec, Replay.LIVE, Instant.now(), asOfTrial, digest, List.of(),
                    Ranking.teams(queries.teams(race.id(), points), points));
        }
        checkLeg(race, spec);
        List<String> trophyTrials = spec.kind() == Kind.TROPHY ? Lists.trophyTrials(race, spec) : List.of();
        return new RankedList(race, spec, Replay.LIVE, Instant.now(), asOfTrial, digest,
                Ranking.crews(queries.list(race.id(), spec, points, trophyTrials), points), List.of());
    }

    /** The digest of the race's facts as they are now, from the per-leg digests live scoring keeps; once per version. */
    private String liveDigest(RaceDefinition race, long version) {
        Digest known = digests.get(race.id());
        if (known != null && known.version() == version) {
            return known.digest();
        }
        List<Crew> entered = crews.crews(race.id());
        List<Ruling> counting = rulings.rulings(race.id(), entered.stream().map(Crew::car).toList()).values().stream()
                .flatMap(List::stream).toList();
        String digest = ResultsDigest.of(race.id(), race.revision(), entered, results.legDigests(race.id()), counting);
        digests.put(race.id(), new Digest(version, digest));
        return digest;
    }

    private static void checkLeg(RaceDefinition race, ListSpec spec) {
        if (spec.kind() == Kind.LEG && (spec.leg() == null || race.legs().stream().noneMatch(l -> l.number() == spec.leg()))) {
            throw new ListSpec.Invalid("leg", ClassificationPhrases.LEG_NEEDED, race.lastLegNumber());
        }
    }

    private String asOfTrial(RaceDefinition race) {
        int index = queries.lastScoredIndex(race.id());
        List<PlacedTrial> trials = race.trialsInRouteOrder();
        return index < 0 || index >= trials.size() ? null : trials.get(index).trial().id();
    }
}
