package io.regularity.classification.rest;

import io.regularity.support.FieldError;
import io.regularity.support.rest.Problem;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.regularity.classification.domain.Anomaly;
import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.persistence.FactStore;
import io.regularity.classification.persistence.ResultStore;
import io.regularity.classification.service.StandingsEvents;
import io.regularity.classification.service.StandingsService;
import io.regularity.classification.service.StandingsService.ListSpec;
import io.regularity.classification.service.StandingsService.UnknownListException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/races/{raceId}")
@Produces(MediaType.APPLICATION_JSON)
public class StandingsResource {

    static final int MAX_PAGE_SIZE = 500;
    /** Live updates are coalesced: at most this many per second on a stream. */
    static final Duration STREAM_TICK = Duration.ofMillis(250);
    /** A stream repeats the list at least this often, so a client can tell a quiet race from a dead link. */
    static final Duration STREAM_KEEPALIVE = Duration.ofSeconds(15);

    private final StandingsService standings;
    private final FactStore facts;
    private final ResultStore results;
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();

    public StandingsResource(StandingsService standings, FactStore facts, ResultStore results, StandingsEvents events) {
        this.standings = standings;
        this.facts = facts;
        this.results = results;
        events.listen(raceId -> {
            if (raceId == null) {
                versions.values().forEach(AtomicLong::incrementAndGet);
            } else {
                version(raceId).incrementAndGet();
            }
        });
    }

    private AtomicLong version(String raceId) {
        return versions.computeIfAbsent(raceId, k -> new AtomicLong());
    }

    public record Params(@QueryParam("list") @DefaultValue("overall") String list, @QueryParam("leg") Integer leg,
            @QueryParam("cumulative") @DefaultValue("false") String cumulative, @QueryParam("category") String category,
            @QueryParam("trophy") String trophy, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {

        ListSpec spec() {
            return new ListSpec(list, leg, Boolean.parseBoolean(cumulative), category, trophy);
        }

        void check() {
            if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
                throw new Problem.InvalidException("bad paging", List.of(new io.regularity.support.FieldError(
                        page < 0 ? "page" : "size", "page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE)));
            }
            if (!"true".equals(cumulative) && !"false".equals(cumulative)) {
                throw new Problem.InvalidException("bad cumulative", List.of(new io.regularity.support.FieldError(
                        "cumulative", "must be true or false")));
            }
        }
    }

    /** A list as last computed, and the race version it was computed at. */
    private record Cached(long version, long computedAt, Object list) {
    }

    /**
     * Lists computed since the race last changed are served again without a query, for at most
     * {@link #CACHE_NANOS} (a bound in case a change notification is late or lost).
     */
    private final Map<Params, Cached> cache = new ConcurrentHashMap<>();
    static final long CACHE_NANOS = 500_000_000L;

    @GET
    @Path("standings")
    public Object standings(@PathParam("raceId") String raceId, @jakarta.ws.rs.BeanParam Params params) {
        params.check();
        Params key = new Params(raceId + "|" + params.list(), params.leg(), params.cumulative(), params.category(), params.trophy(),
                params.page(), params.size());
        long version = version(raceId).get();
        Cached cached = cache.get(key);
        if (cached != null && cached.version() == version && System.nanoTime() - cached.computedAt() < CACHE_NANOS) {
            return cached.list();
        }
        Object list = compute(raceId, params);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(key, new Cached(version, System.nanoTime(), list));
        return list;
    }

    private Object compute(String raceId, Params params) {
        try {
            if ("teams".equals(params.list())) {
                return standings.teams(raceId, params.page(), params.size()).orElseThrow(() -> unknownRace(raceId));
            }
            return standings.standings(raceId, params.spec(), params.page(), params.size()).orElseThrow(() -> unknownRace(raceId));
        } catch (UnknownListException e) {
            throw new Problem.InvalidException(e.getMessage(),
                    List.of(new io.regularity.support.FieldError(e.field, e.getMessage())));
        }
    }

    @GET
    @Path("standings.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("raceId") String raceId, @jakarta.ws.rs.BeanParam Params params) {
        Params all = new Params(params.list(), params.leg(), params.cumulative(), params.category(), params.trophy(), 0,
                MAX_PAGE_SIZE);
        StringBuilder out = new StringBuilder();
        if ("teams".equals(params.list())) {
            out.append("rank,team,score,cars,gapToLeader,gapToPrevious\r\n");
            int page = 0;
            StandingsService.TeamStandings s;
            do {
                s = standings.teams(raceId, page++, MAX_PAGE_SIZE).orElseThrow(() -> unknownRace(raceId));
                for (var e : s.entries()) {
                    out.append(join(e.rank(), e.team(), e.score(), e.cars().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                            e.gapToLeader(), e.gapToPrevious()));
                }
            } while ((long) page * MAX_PAGE_SIZE < s.total());
        } else {
            out.append("rank,car,crew,carModel,carYear,coefficient,score,trialsScored,gapToLeader,gapToPrevious,state\r\n");
            int page = 0;
            StandingsService.Standings s;
            do {
                s = (StandingsService.Standings) standings(raceId, new Params(all.list(), all.leg(), all.cumulative(),
                        all.category(), all.trophy(), page++, MAX_PAGE_SIZE));
                for (var e : s.entries()) {
                    out.append(join(e.rank(), e.car(), e.crew(), e.carModel(), e.carYear(), e.coefficient(), e.score(),
                            e.trialsScored(), e.gapToLeader(), e.gapToPrevious(), e.state()));
                }
            } while ((long) page * MAX_PAGE_SIZE < s.total());
        }
        return Response.ok(out.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + raceId + "-standings.csv\"").build();
    }

    private static String join(Object... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            line.append(i == 0 ? "" : ",").append(CrewCsv.quote(values[i]));
        }
        return line.append("\r\n").toString();
    }

    /** The list again whenever it changes (coalesced to four a second at most), and every 15 s regardless. */
    @GET
    @Path("standings/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<Object> stream(@PathParam("raceId") String raceId, @jakarta.ws.rs.BeanParam Params params) {
        Object first = standings(raceId, params); // 404 and 400 before the stream opens
        AtomicLong version = version(raceId);
        long[] sent = { version.get(), System.nanoTime() };
        Multi<Object> updates = Multi.createFrom().ticks().every(STREAM_TICK).onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .filter(tick -> version.get() != sent[0] || System.nanoTime() - sent[1] > STREAM_KEEPALIVE.toNanos())
                .map(tick -> {
                    sent[0] = version.get();
                    sent[1] = System.nanoTime();
                    return standings(raceId, params);
                });
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(first), updates);
    }

    public record CrewTrialView(String trial, String type, int leg, String state, Integer penalty, BigDecimal points,
            List<UUID> passages) {
    }

    public record CrewResults(String raceId, int car, String crew, @JsonInclude(JsonInclude.Include.ALWAYS) Integer rank,
            String state, BigDecimal score,
            List<CrewTrialView> trials) {
    }

    @GET
    @Path("crews/{car}/results")
    public CrewResults crewResults(@PathParam("raceId") String raceId, @PathParam("car") int car) {
        RaceDefinition race = standings.race(raceId).orElseThrow(() -> unknownRace(raceId));
        Crew crew = facts.crews(raceId, List.of(car)).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("car " + car + " is not on the entry list of " + raceId));
        boolean points = race.scoring() != null && race.scoring().points();
        ResultStore.CrewRow row = results.crew(raceId, car).orElseThrow(() -> new NotFoundException("no results for car " + car));
        return new CrewResults(raceId, car, crew.crewName(), results.rankOf(raceId, car, points).orElse(null), row.state(),
                row.score(), row.trials().stream().map(t -> new CrewTrialView(t.trial(), t.type(), t.leg(), t.state(),
                        t.penalty(), t.points(), t.passages())).toList());
    }

    public record TrialEntry(@JsonInclude(JsonInclude.Include.ALWAYS) Integer rank, int car, String crew, String state,
            Integer penalty, BigDecimal points) {
    }

    public record TrialResults(String trial, String type, int leg, List<TrialEntry> entries) {
    }

    @GET
    @Path("trials/{trialId}/results")
    public TrialResults trialResults(@PathParam("raceId") String raceId, @PathParam("trialId") String trialId) {
        RaceDefinition race = standings.race(raceId).orElseThrow(() -> unknownRace(raceId));
        var placed = race.trialsInRouteOrder().stream().filter(p -> p.trial().id().equals(trialId)).findFirst()
                .orElseThrow(() -> new NotFoundException("race " + raceId + " has no trial " + trialId));
        boolean points = race.scoring() != null && race.scoring().points();
        Map<Integer, Crew> crews = facts.crews(raceId, null).stream().collect(Collectors.toMap(Crew::car, Function.identity()));
        List<TrialEntry> entries = new ArrayList<>();
        BigDecimal previous = null;
        int rank = 0;
        List<ResultStore.TrialRow> rows = results.trial(raceId, trialId, points);
        for (int i = 0; i < rows.size(); i++) {
            var r = rows.get(i);
            Integer shown = null;
            if (!"PENDING".equals(r.state())) {
                if (previous == null || r.contribution().compareTo(previous) != 0) {
                    rank = i + 1;
                }
                previous = r.contribution();
                shown = rank;
            }
            Crew crew = crews.get(r.car());
            entries.add(new TrialEntry(shown, r.car(), crew == null ? null : crew.crewName(), r.state(), r.penalty(), r.points()));
        }
        return new TrialResults(trialId, placed.trial().type(), placed.leg().number(), entries);
    }

    public record Anomalies(long total, int page, int size, List<Anomaly> entries) {
    }

    @GET
    @Path("anomalies")
    public Anomalies anomalies(@PathParam("raceId") String raceId, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("100") int size) {
        new Params("overall", null, "false", null, null, page, size).check();
        standings.race(raceId).orElseThrow(() -> unknownRace(raceId));
        List<Anomaly> all = standings.anomalies(raceId);
        int from = Math.min(page * size, all.size());
        return new Anomalies(all.size(), page, size, all.subList(from, Math.min(from + size, all.size())));
    }

    static NotFoundException unknownRace(String raceId) {
        return new NotFoundException("no race " + raceId + " (classification learns races from route-events)");
    }
}
