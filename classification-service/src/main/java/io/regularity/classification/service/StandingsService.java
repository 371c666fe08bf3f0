package io.regularity.classification.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.regularity.classification.domain.Anomaly;
import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.ListSpec;
import io.regularity.classification.domain.ListSpec.Kind;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.RaceDefinition.PlacedTrial;
import io.regularity.classification.domain.Ranking;
import io.regularity.classification.domain.Ranking.Placed;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.domain.TrialResult;
import io.regularity.classification.persistence.FactStore;
import io.regularity.classification.persistence.StandingsQueries;
import io.regularity.classification.domain.CrewResult;
import io.regularity.classification.domain.Lists;
import io.regularity.classification.domain.RaceFacts;
import io.regularity.classification.domain.ResultsDigest;
import io.regularity.classification.persistence.StandingsQueries.TrialRow;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The read side: every list of the contract (crews and teams), a crew's and a trial's results, the
 * anomalies, and the races and crews behind them. A list computed since its race last changed is
 * served again without a query, for at most {@link #CACHE_NANOS}; the cache holds only races that
 * exist, keys only on what a list depends on, and keeps at most {@link #CACHE_LISTS} lists.
 */
@ApplicationScoped
public class StandingsService {

    /** A bound on a cached list's age, in case a change notification is late or lost. */
    static final long CACHE_NANOS = 500_000_000L;
    /** A bound on how many lists are cached (a race has a few dozen). */
    static final int CACHE_LISTS = 256;

    private final FactStore facts;
    private final StandingsQueries queries;
    /** Each known race's version, moved on by every change of its standings. Races that do not exist never enter. */
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Map<CacheKey, Cached> cache = Lru.bounded(CACHE_LISTS);

    public StandingsService(FactStore facts, StandingsQueries queries, StandingsEvents events) {
        this.facts = facts;
        this.queries = queries;
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

    // ---- what the lists are made of

    /** One crew on a list; {@code rank} is null for retired and excluded crews. */
    public record Entry(Integer rank, int car, String crew, String carModel, Integer carYear, BigDecimal coefficient,
            BigDecimal score, int trialsScored, BigDecimal gapToLeader, BigDecimal gapToPrevious, String state) {
    }

    /**
     * {@code published}: who published the list as final and when; null while PROVISIONAL. {@code revision} and
     * {@code digest}: the route revision and the digest of the facts it was computed from ({@link ResultsDigest}).
     * {@code asOf} and {@code afterTrial}: the moment and the last trial of a replayed list, null for the live one.
     */
    public record Standings(String raceId, String list, Integer leg, Boolean cumulative, String category, String trophy,
            String model, String asOfTrial, String status, RaceDefinition.Stamp published, long revision, String digest,
            Instant asOf, String afterTrial, Instant generatedAt, long total, int page, int size, List<Entry> entries)
            implements Provenance {
    }

    /** What a list (of crews or of teams) follows from: the route revision and the digest of the facts. */
    public interface Provenance {
        long revision();

        String digest();
    }

    /** A team: the sum of its best three running crews; teams with fewer than three come after, unranked. */
    public record TeamEntry(Integer rank, String team, BigDecimal score, List<Integer> cars, BigDecimal gapToLeader,
            BigDecimal gapToPrevious) {
    }

    public record TeamStandings(String raceId, String list, String model, String asOfTrial, String status,
            RaceDefinition.Stamp published, long revision, String digest, Instant asOf, String afterTrial, Instant generatedAt,
            long total, int page, int size, List<TeamEntry> entries) implements Provenance {
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

    private record CacheKey(String raceId, ListSpec spec) {
    }

    /** A whole list as computed at a race version; pages are cut from it. */
    private record Cached(long version, long computedAt, Whole list) {
    }

    private record Whole(RaceDefinition race, Instant generatedAt, String asOfTrial, String digest, List<?> entries) {
    }

    /** The digest of a race's facts as live scoring keeps it, at a version of the race. */
    private record Digest(long version, String digest) {
    }

    private final Map<String, Digest> digests = new ConcurrentHashMap<>();

    /** How many lists the cache holds now (at most {@link #CACHE_LISTS}). */
    public int cachedLists() {
        return cache.size();
    }

    /** How many races have a version here (only races that exist). */
    public int knownRaces() {
        return versions.size();
    }

    // ---- races and crews

    public Optional<RaceDefinition> race(String raceId) {
        return facts.race(raceId);
    }

    public List<RaceDefinition> races() {
        return facts.races();
    }

    public List<Crew> crews(String raceId) {
        return facts.crews(raceId);
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
        return facts.race(raceId).map(race -> versions.computeIfAbsent(raceId, k -> new AtomicLong()));
    }

    // ---- lists

    /** A page of a list of crews; empty when the race does not exist. */
    public Optional<Standings> standings(String raceId, ListSpec spec, int page, int size) {
        return standings(raceId, spec, page, size, Replay.LIVE);
    }

    /** A page of a list of crews, live or replayed; empty when the race does not exist (or did not yet). */
    public Optional<Standings> standings(String raceId, ListSpec spec, int page, int size, Replay replay) {
        return (replay.live() ? whole(raceId, spec) : replayed(raceId, spec, replay)).map(whole -> {
            @SuppressWarnings("unchecked")
            List<Entry> entries = (List<Entry>) whole.entries();
            RaceDefinition race = whole.race();
            RaceDefinition.Stamp published = race.publicationOf(spec);
            return new Standings(raceId, spec.name(), spec.leg(), spec.kind() == Kind.LEG ? spec.cumulative() : null,
                    spec.category(), spec.trophy(), model(race), whole.asOfTrial(), status(published), published, race.revision(),
                    whole.digest(), replay.asOf(), replay.afterTrial(), whole.generatedAt(), entries.size(), page, size,
                    page(entries, page, size));
        });
    }

    /** A page of the teams' list; empty when the race does not exist. */
    public Optional<TeamStandings> teams(String raceId, int page, int size) {
        return teams(raceId, page, size, Replay.LIVE);
    }

    /** A page of the teams' list, live or replayed; empty when the race does not exist. */
    public Optional<TeamStandings> teams(String raceId, int page, int size, Replay replay) {
        ListSpec teams = ListSpec.of("teams", null, false, null, null);
        return (replay.live() ? whole(raceId, teams) : replayed(raceId, teams, replay)).map(whole -> {
            @SuppressWarnings("unchecked")
            List<TeamEntry> entries = (List<TeamEntry>) whole.entries();
            RaceDefinition.Stamp published = whole.race().publicationOf(teams);
            return new TeamStandings(raceId, "teams", model(whole.race()), whole.asOfTrial(), status(published), published,
                    whole.race().revision(), whole.digest(), replay.asOf(), replay.afterTrial(), whole.generatedAt(), entries.size(),
                    page, size, page(entries, page, size));
        });
    }

    /** A list computed from the facts as they stood (asOf), up to a trial (afterTrial). */
    private Optional<Whole> replayed(String raceId, ListSpec spec, Replay replay) {
        return facts.facts(raceId, replay.asOf(), null).map(raceFacts -> {
            RaceDefinition race = raceFacts.race();
            int upTo = Integer.MAX_VALUE;
            if (replay.afterTrial() != null) {
                upTo = race.trialsInRouteOrder().stream().filter(p -> p.trial().id().equals(replay.afterTrial())).findFirst()
                        .orElseThrow(() -> new ListSpec.Invalid("afterTrial", "afterTrial must be a trial of the race, e.g. "
                                + race.trialsInRouteOrder().stream().limit(3).map(p -> p.trial().id()).toList()))
                        .routeIndex();
            }
            Map<Integer, CrewResult> results = raceFacts.score();
            int limit = upTo;
            int last = results.values().stream().flatMap(r -> r.trials().stream())
                    .filter(t -> t.scored() && !"STEWARD".equals(t.type()) && t.routeIndex() <= limit)
                    .mapToInt(TrialResult::routeIndex).max().orElse(-1);
            String asOfTrial = last < 0 ? null : race.trialsInRouteOrder().get(last).trial().id();
            boolean points = points(race);
            List<?> entries;
            if (spec.kind() == Kind.TEAMS) {
                entries = rankTeams(Lists.teams(Lists.rows(race, ListSpec.of("overall", null, false, null, null), raceFacts.crews(),
                        results, upTo), points), points);
            } else {
                checkLeg(race, spec);
                entries = rankCrews(Lists.rows(race, spec, raceFacts.crews(), results, upTo), points);
            }
            return new Whole(race, Instant.now(), asOfTrial, raceFacts.digest(), entries);
        });
    }

    /** The digest of the race's facts as they are now, from the per-leg digests live scoring keeps; once per version. */
    private String liveDigest(RaceDefinition race, long version) {
        Digest known = digests.get(race.id());
        if (known != null && known.version() == version) {
            return known.digest();
        }
        List<Crew> crews = facts.crews(race.id());
        List<Ruling> rulings = facts.rulings(race.id(), crews.stream().map(Crew::car).toList()).values().stream()
                .flatMap(List::stream).toList();
        String digest = ResultsDigest.of(race.id(), race.revision(), crews, facts.legDigests(race.id()), rulings);
        digests.put(race.id(), new Digest(version, digest));
        return digest;
    }

    private Optional<Whole> whole(String raceId, ListSpec spec) {
        Optional<AtomicLong> known = knownVersion(raceId);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        long version = known.get().get();
        CacheKey key = new CacheKey(raceId, spec);
        Cached cached = cache.get(key);
        if (cached != null && cached.version() == version && System.nanoTime() - cached.computedAt() < CACHE_NANOS) {
            return Optional.of(cached.list());
        }
        return facts.race(raceId).map(race -> {
            Whole whole = compute(race, spec, liveDigest(race, version));
            cache.put(key, new Cached(version, System.nanoTime(), whole));
            return whole;
        });
    }

    private Whole compute(RaceDefinition race, ListSpec spec, String digest) {
        boolean points = points(race);
        String asOfTrial = asOfTrial(race);
        if (spec.kind() == Kind.TEAMS) {
            return new Whole(race, Instant.now(), asOfTrial, digest, rankTeams(queries.teams(race.id(), points), points));
        }
        checkLeg(race, spec);
        List<String> trophyTrials = spec.kind() == Kind.TROPHY ? Lists.trophyTrials(race, spec) : List.of();
        return new Whole(race, Instant.now(), asOfTrial, digest, rankCrews(queries.list(race.id(), spec, points, trophyTrials), points));
    }

    private static void checkLeg(RaceDefinition race, ListSpec spec) {
        if (spec.kind() == Kind.LEG && (spec.leg() == null || race.legs().stream().noneMatch(l -> l.number() == spec.leg()))) {
            throw new ListSpec.Invalid("leg", "list=leg needs leg=n, a leg of the race (1.." + race.lastLegNumber() + ")");
        }
    }

    /** Crews in their places: the ranking rule of every list. */
    public static List<Entry> rankCrews(List<Lists.Row> rows, boolean points) {
        return Ranking.rank(rows, Lists.Row::score, r -> "RUNNING".equals(r.state()), points,
                Comparator.comparingInt((Lists.Row r) -> r.crew().car()))
                .stream().map(StandingsService::entry).toList();
    }

    /** Teams in their places: ranked when they have three running crews. */
    public static List<TeamEntry> rankTeams(List<Lists.Team> rows, boolean points) {
        return Ranking.rank(rows, Lists.Team::score, t -> t.cars().size() >= 3, points,
                Comparator.comparing(Lists.Team::score, points ? Comparator.reverseOrder() : Comparator.naturalOrder())
                        .thenComparing(Lists.Team::team))
                .stream().map(p -> new TeamEntry(p.rank(), p.entry().team(), p.entry().score(), p.entry().cars(),
                        p.gapToLeader(), p.gapToPrevious()))
                .toList();
    }

    private static Entry entry(Placed<Lists.Row> placed) {
        Lists.Row r = placed.entry();
        Crew c = r.crew();
        return new Entry(placed.rank(), c.car(), c.crewName(), c.carModel(), c.carYear(), c.coefficient(), r.score(),
                r.trialsScored(), placed.gapToLeader(), placed.gapToPrevious(), r.state());
    }

    private static <T> List<T> page(List<T> all, int page, int size) {
        int from = (int) Math.min((long) page * size, all.size());
        return all.subList(from, (int) Math.min((long) from + size, all.size()));
    }

    private String asOfTrial(RaceDefinition race) {
        int index = queries.lastScoredIndex(race.id());
        List<PlacedTrial> trials = race.trialsInRouteOrder();
        return index < 0 || index >= trials.size() ? null : trials.get(index).trial().id();
    }

    private static boolean points(RaceDefinition race) {
        return race.scoring() != null && race.scoring().points();
    }

    private static String model(RaceDefinition race) {
        return points(race) ? "POINTS" : "PENALTIES";
    }

    /** FINAL once race direction has published the list (route-service), PROVISIONAL before and after any later change. */
    private static String status(RaceDefinition.Stamp published) {
        return published != null ? "FINAL" : "PROVISIONAL";
    }

    // ---- one crew, one trial, anomalies

    /** Something a request names that the race does not have: a crew, a trial. */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /**
     * A crew's result trial by trial with what each was measured from, and its overall rank, computed from the crew's
     * facts (as they stood at {@code asOf}, null: now); empty when the race does not exist.
     */
    public Optional<CrewBreakdown.CrewResults> crewResults(String raceId, int car, Instant asOf) {
        Optional<RaceFacts> found = facts.facts(raceId, asOf, List.of(car));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RaceFacts crewFacts = found.get();
        if (crewFacts.crews().isEmpty()) {
            throw new NotFound("car " + car + " is not on the entry list of " + raceId);
        }
        CrewResult result = crewFacts.score().get(car);
        Replay replay = asOf == null ? Replay.LIVE : new Replay(asOf, null);
        Integer rank = standings(raceId, ListSpec.of("overall", null, false, null, null), 0, Integer.MAX_VALUE, replay)
                .flatMap(list -> list.entries().stream().filter(e -> e.car() == car).findFirst()).map(Entry::rank).orElse(null);
        List<FactStore.PassageRecord> records = new ArrayList<>();
        facts.passageRecords(raceId, car, asOf, records::add);
        return Optional.of(CrewBreakdown.of(crewFacts.race(), crewFacts.crews().get(0).crewName(), rank, result, crewFacts.rulings(),
                records, asOf));
    }

    public record TrialEntry(Integer rank, int car, String crew, String state, Integer penalty, BigDecimal points) {
    }

    public record TrialResults(String trial, String type, int leg, List<TrialEntry> entries) {
    }

    /** Every crew's result on one trial, best first, pending ones last without a rank; empty when the race does not exist. */
    public Optional<TrialResults> trialResults(String raceId, String trialId) {
        Optional<RaceDefinition> found = facts.race(raceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RaceDefinition race = found.get();
        PlacedTrial placed = race.trialsInRouteOrder().stream().filter(p -> p.trial().id().equals(trialId)).findFirst()
                .orElseThrow(() -> new NotFound("race " + raceId + " has no trial " + trialId));
        Map<Integer, String> names = new java.util.HashMap<>();
        facts.crews(raceId).forEach(c -> names.put(c.car(), c.crewName()));
        List<TrialEntry> entries = Ranking.rank(queries.trial(raceId, trialId), TrialRow::contribution,
                r -> !"PENDING".equals(r.state()), points(race), Comparator.comparingInt(TrialRow::car))
                .stream().map(p -> new TrialEntry(p.rank(), p.entry().car(), names.get(p.entry().car()), p.entry().state(),
                        p.entry().penalty(), p.entry().points()))
                .toList();
        return Optional.of(new TrialResults(trialId, placed.trial().type(), placed.leg().number(), entries));
    }

    /** Does an anomaly need a person's decision, or did the system already handle it (a backup chronometer's crossing)? */
    public enum Severity { ACTION, INFO }

    /** An anomaly with a stable id (the same facts, the same id), its severity, and whether race direction handled it. */
    public record AnomalyView(String id, Severity severity, Anomaly.Type type, Integer car, String point, String trial,
            java.util.UUID passageId, String detail, FactStore.Handled handled) {
    }

    /** The anomalies asked for, and how many of each severity need attention (handled ones leave ACTION). */
    public record AnomalyList(List<AnomalyView> entries, Map<Severity, Long> counts) {
    }

    /**
     * What race direction should look at: passages of cars not on the entry list, then what scoring found.
     * {@code severity} null: all of them, handled ones included; ACTION: those still needing a decision; INFO:
     * what the system handled by itself. Empty for no race.
     */
    public Optional<AnomalyList> anomalies(String raceId, Severity severity) {
        if (facts.race(raceId).isEmpty()) {
            return Optional.empty();
        }
        List<Anomaly> all = new ArrayList<>();
        facts.passagesOfUnknownCars(raceId).forEach(p -> all.add(new Anomaly(Anomaly.Type.UNKNOWN_CAR, p.car(), p.point(), null,
                p.id(), "passage of car " + p.car() + ", which is not on the entry list")));
        all.addAll(queries.anomalies(raceId));
        Map<String, FactStore.Handled> handled = facts.handledAnomalies(raceId);
        List<AnomalyView> views = all.stream().map(a -> {
            String id = anomalyId(a);
            return new AnomalyView(id, a.type() == Anomaly.Type.DUPLICATE ? Severity.INFO : Severity.ACTION, a.type(), a.car(),
                    a.point(), a.trial(), a.passageId(), a.detail(), handled.get(id));
        }).toList();
        Map<Severity, Long> counts = new java.util.EnumMap<>(Severity.class);
        counts.put(Severity.ACTION, views.stream().filter(v -> v.severity() == Severity.ACTION && v.handled() == null).count());
        counts.put(Severity.INFO, views.stream().filter(v -> v.severity() == Severity.INFO).count());
        List<AnomalyView> asked = severity == null ? views
                : views.stream().filter(v -> v.severity() == severity && (severity == Severity.INFO || v.handled() == null)).toList();
        return Optional.of(new AnomalyList(asked, counts));
    }

    /** The same anomaly (type, car, point, trial, passage) always has the same id, whatever else changes. */
    static String anomalyId(Anomaly a) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest((a.type() + "|" + a.car() + "|" + a.point() + "|"
                    + a.trial() + "|" + a.passageId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a race has an anomaly of that id now. */
    public boolean hasAnomaly(String raceId, String anomalyId) {
        return anomalies(raceId, null).map(l -> l.entries().stream().anyMatch(a -> a.id().equals(anomalyId))).orElse(false);
    }

    /** A trial of the race as race direction follows it: its status, and how many crews are measured, pending, missed. */
    public record TrialSummary(String trial, String type, int leg, String status, int measured, int pending, int missed,
            int neutralised, int assigned) {
    }

    /** Every trial of the race in route order with its counts; empty for no race. */
    public Optional<List<TrialSummary>> trials(String raceId) {
        Optional<RaceDefinition> race = facts.race(raceId);
        if (race.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<String, Integer>> states = queries.trialStates(raceId);
        return Optional.of(race.get().trialsInRouteOrder().stream().map(p -> {
            Map<String, Integer> n = states.getOrDefault(p.trial().id(), Map.of());
            return new TrialSummary(p.trial().id(), p.trial().type(), p.leg().number(), p.trial().status() == null ? "OPEN" : p.trial().status(),
                    n.getOrDefault("MEASURED", 0), n.getOrDefault("PENDING", 0), n.getOrDefault("MISSED", 0),
                    n.getOrDefault("NEUTRALISED", 0), n.getOrDefault("ASSIGNED", 0));
        }).toList());
    }

    public record Revocation(Instant at, String by, String reason) {
    }

    /** A ruling with who made it, when and why, and its revocation if it was revoked (it then no longer counts). */
    public record RulingView(long id, String type, int car, String trial, Integer points, String reason, String by, Instant at,
            Revocation revoked) {
    }

    /** Every ruling of the race, revoked ones too, in the order they were made; empty for no race. */
    public Optional<List<RulingView>> rulings(String raceId) {
        if (facts.race(raceId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(facts.allRulings(raceId).stream().map(r -> new RulingView(r.ruling().id(), r.ruling().type().name(),
                r.ruling().car(), r.ruling().trial(), r.ruling().points(), r.ruling().reason(), r.ruling().by(), r.ruling().at(),
                r.revokedAt() == null ? null : new Revocation(r.revokedAt(), r.revokedBy(), r.revokeReason()))).toList());
    }
}
