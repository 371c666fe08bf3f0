package io.regularity.championship.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.security.identity.SecurityIdentity;
import io.regularity.championship.domain.Championship;
import io.regularity.championship.domain.ChampionshipBundle;
import io.regularity.championship.domain.ChampionshipPhrases;
import io.regularity.championship.domain.Identities;
import io.regularity.championship.domain.ListSpec;
import io.regularity.championship.domain.Standings;
import io.regularity.championship.persistence.ChampionshipStore.Saved;
import io.regularity.championship.service.ChampionshipEvents;
import io.regularity.championship.service.ChampionshipService;
import io.regularity.support.Refusal;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Xlsx;
import io.regularity.support.rest.Attachment;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The championships over the organiser's races: their definitions and their standings (docs/rules.md "The season"). */
@Path("/api/championships")
@Tag(name = "Championships", description = "A season's championships: their rounds and rules, and their standings from the rounds' results")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChampionshipResource {

    static final String EXAMPLE = """
            {"id": "tricolore-2023", "name": "Campionato italiano grandi eventi 2023", "season": 2023,
             "rounds": [{"race": "1000-miglia-2023", "weight": 1}, {"race": "gaburri-2023", "weight": 1},
                        {"race": "coppa-autunno-2023", "weight": 3}],
             "lists": [{"kind": "overall"}, {"kind": "category", "category": "1927-1929"}, {"kind": "ladies"}, {"kind": "teams"}],
             "scores": "both", "countBest": 2, "minRounds": 2, "minValidShare": 0.5, "teamCars": 3, "teamDistinctCategories": true}
            """;

    private final ChampionshipService championships;
    private final ChampionshipEvents events;
    private final SecurityIdentity identity;

    public ChampionshipResource(ChampionshipService championships, ChampionshipEvents events, SecurityIdentity identity) {
        this.championships = championships;
        this.events = events;
        this.identity = identity;
    }

    /** A championship as it is kept: its definition with the revision, when and who saved it. */
    public record ChampionshipView(String id, String name, Integer season, List<Championship.Round> rounds, List<ListSpec> lists,
            Championship.Scores scores, List<Integer> pointsTable, List<Integer> teamPointsTable, Integer countBest, Integer minRounds,
            BigDecimal minValidShare, Integer teamCars, Boolean teamDistinctCategories, Map<String, Championship.Decision> identities, long revision,
            Instant savedAt, String savedBy) {

        static ChampionshipView of(Saved saved) {
            Championship c = saved.championship().withDefaults();
            return new ChampionshipView(c.id(), c.name(), c.season(), c.rounds(), c.lists(), c.scores(), c.pointsTable(), c.teamPointsTable(),
                    c.countBest(), c.minRounds(), c.minValidShare(), c.teamCars(), c.teamDistinctCategories(), c.identities(), saved.revision(),
                    saved.savedAt(), saved.savedBy());
        }
    }

    public record ChampionshipSummary(String id, String name, Integer season, int rounds, long revision) {
    }

    @Operation(operationId = "putChampionship", summary = "Create or replace a championship's definition",
            description = "201 when it is new, 200 when it replaces one: each save is a new revision (`ETag`). A definition that "
                    + "does not hold together gets 400 with one `errors` item per fault (a round that is not a race of the system, "
                    + "a table with a negative number or going up, `countBest` above the rounds, a team of one car); nothing is stored.")
    @APIResponse(responseCode = "200", description = "Replaced; `ETag` is the new revision", content = @Content(schema = @Schema(implementation = ChampionshipView.class)))
    @APIResponse(responseCode = "201", description = "Created; `ETag` is its revision", content = @Content(schema = @Schema(implementation = ChampionshipView.class)))
    @PUT
    @Path("{id}")
    @RolesAllowed("race-direction")
    public Response put(@PathParam("id") String id, @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Championship.class), examples = @ExampleObject(name = "a season of three rounds", value = EXAMPLE)))
            Championship definition) {
        Saved saved = championships.define(id, definition, identity.getPrincipal().getName());
        ChampionshipView view = ChampionshipView.of(saved);
        Response.ResponseBuilder answer = saved.revision() == 1 ? Response.created(URI.create("/api/championships/" + id)) : Response.ok();
        return answer.entity(view).tag(new EntityTag(String.valueOf(saved.revision()))).build();
    }

    @Operation(operationId = "listChampionships", summary = "The championships, by id")
    @GET
    public List<ChampionshipSummary> list() {
        return championships.all().stream().map(s -> new ChampionshipSummary(s.championship().id(), s.championship().name(),
                s.championship().season(), s.championship().rounds().size(), s.revision())).toList();
    }

    @Operation(operationId = "getChampionship", summary = "A championship's definition, as last saved")
    @APIResponse(responseCode = "200", description = "The definition with its defaults; `ETag` is its revision",
            content = @Content(schema = @Schema(implementation = ChampionshipView.class)))
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        Saved saved = championships.find(id).orElseThrow(() -> Refusal.notFound(ChampionshipPhrases.NO_CHAMPIONSHIP, id));
        return Response.ok(ChampionshipView.of(saved)).tag(new EntityTag(String.valueOf(saved.revision()))).build();
    }

    @Operation(operationId = "getChampionshipStandings", summary = "A championship's list",
            description = "By the rounds' FINAL results; with `provisional=true` the rounds still PROVISIONAL count too, each "
                    + "marked so. `digest` is built from the definition's revision and the rounds' digests. `Accept: text/csv` or "
                    + "the workbook type: the same list as a sheet, a row a person, for each round its position, points and "
                    + "whether they count.")
    @APIResponse(responseCode = "200", description = "The list", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StandingsView.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @GET
    @Path("{id}/standings")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv", Xlsx.MEDIA_TYPE })
    public Response standings(@PathParam("id") String id,
            @Parameter(description = "overall (default), category, ladies, trophy or teams") @QueryParam("list") String list,
            @Parameter(description = "the category, for list=category") @QueryParam("category") String category,
            @Parameter(description = "the trophy, for list=trophy") @QueryParam("trophy") String trophy,
            @Parameter(description = "true: the rounds still provisional count too, marked so") @QueryParam("provisional") String provisional,
            @HeaderParam("Accept") String accept) {
        ListSpec spec = spec(list, category, trophy, provisional);
        ChampionshipService.Table table = championships.standings(id, spec, "true".equals(provisional));
        String wanted = accept == null ? "" : accept;
        if (wanted.contains("text/csv") && !wanted.contains("json")) {
            StringBuilder csv = new StringBuilder(Csv.BOM);
            sheet(table).forEach(row -> csv.append(Csv.line(row.toArray())));
            return Response.ok(csv.toString(), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", Attachment.disposition(id + "-" + spec.kind().json() + ".csv")).build();
        }
        if (wanted.contains(Xlsx.MEDIA_TYPE) && !wanted.contains("json")) {
            return Response.ok(Xlsx.write("Standings", sheet(table)), Xlsx.MEDIA_TYPE)
                    .header("Content-Disposition", Attachment.disposition(id + "-" + spec.kind().json() + ".xlsx")).build();
        }
        return Response.ok(StandingsView.of(table), MediaType.APPLICATION_JSON).build();
    }

    /** The list a request names, or a 400 naming the faulty parameter. */
    static ListSpec spec(String list, String category, String trophy, String provisional) {
        ListSpec.Kind kind;
        try {
            kind = list == null || list.isBlank() ? ListSpec.Kind.OVERALL : ListSpec.Kind.of(list);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("list", ChampionshipPhrases.LIST_KIND_VALUES);
        }
        if (provisional != null && !provisional.equals("true") && !provisional.equals("false")) {
            throw Refusal.invalid("provisional", ChampionshipPhrases.PROVISIONAL_VALUES);
        }
        return new ListSpec(kind, kind == ListSpec.Kind.CATEGORY ? category : null, kind == ListSpec.Kind.TROPHY ? trophy : null);
    }

    @Operation(operationId = "followChampionshipStandings", summary = "Server-Sent Events: a championship's list again whenever it changes",
            description = "The list at once, then again each time it changes: a round's results arrive (a race published, or "
                    + "published again), the definition is saved, race direction decides on a person. The same parameters as "
                    + "`…/standings`; a bad one is a 400 problem before the stream opens.")
    @APIResponse(responseCode = "200", description = "The event stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("{id}/standings/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<StandingsView> stream(@PathParam("id") String id,
            @Parameter(description = "overall (default), category, ladies, trophy or teams") @QueryParam("list") String list,
            @Parameter(description = "the category, for list=category") @QueryParam("category") String category,
            @Parameter(description = "the trophy, for list=trophy") @QueryParam("trophy") String trophy,
            @Parameter(description = "true: the rounds still provisional count too, marked so") @QueryParam("provisional") String provisional) {
        ListSpec spec = spec(list, category, trophy, provisional);
        boolean withProvisional = "true".equals(provisional);
        StandingsView first = StandingsView.of(championships.standings(id, spec, withProvisional)); // 404 or 400 before it opens
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(first),
                events.changes().filter(id::equals).emitOn(Infrastructure.getDefaultWorkerPool())
                        .map(changed -> StandingsView.of(championships.standings(id, spec, withProvisional))))
                .skip().repetitions();
    }

    /** The list as a sheet: a header, then a row a person with, round by round, the position, the points and whether they count. */
    static List<List<Object>> sheet(ChampionshipService.Table t) {
        List<String> races = t.championship().championship().rounds().stream().map(Championship.Round::race).toList();
        List<List<Object>> rows = new ArrayList<>();
        List<Object> header = new ArrayList<>(List.of("rank", "licence", "name", "points", "started", "classified"));
        for (String race : races) {
            header.addAll(List.of(race + " position", race + " points", race + " counted"));
        }
        rows.add(header);
        for (Standings.Row r : t.table().rows()) {
            List<Object> row = new ArrayList<>(Arrays.asList(r.rank(), r.who().licence(), r.who().name(), r.points(), r.started(), r.classified()));
            for (String race : races) {
                Standings.RoundLine line = r.rounds().stream().filter(l -> l.race().equals(race)).findFirst().orElse(null);
                row.addAll(line == null ? Arrays.asList(null, null, null) : Arrays.asList(line.position(), line.points(), line.counted()));
            }
            rows.add(row);
        }
        return rows;
    }

    @Operation(operationId = "exportChampionship", summary = "The championship's bundle: what its lists follow from, for offline verification",
            description = "Its definition as saved (`revision`, `savedAt`, `savedBy`, its decisions on people in `identities`) and, for "
                    + "each round whose results it holds, the race's `revision`, `status` (FINAL or PROVISIONAL) and `digest` of facts; "
                    + "`digest` is its lists' digest by the final rounds, `provisionalDigest` with the provisional ones too. With each "
                    + "round's own bundle (`GET /api/races/{id}/export` on classification-service), `deploy/verify-results` recomputes "
                    + "the lists offline (docs/results.md).")
    @APIResponse(responseCode = "200", description = "The bundle", content = @Content(schema = @Schema(implementation = ChampionshipBundle.class)))
    @GET
    @Path("{id}/export")
    public ChampionshipBundle export(@PathParam("id") String id) {
        return championships.export(id);
    }

    /** Race direction's word on a person matched by name: {@code person} is the key {@code …/identities} lists. */
    public record IdentityDecision(String person, Championship.Decision decision) {
    }

    /** The people as {@code …/identities} lists them: the key the lists use, how each was matched, where, and what to confirm. */
    public record IdentitiesView(String championship, long revision, List<PersonView> people) {
    }

    public record PersonView(String key, String matchedBy, boolean toConfirm, @Schema(nullable = true) Championship.Decision decision,
            List<Identities.Appearance> appearances) {
    }

    static IdentitiesView view(ChampionshipService.People people) {
        return new IdentitiesView(people.championship().championship().id(), people.championship().revision(), people.people().stream()
                .map(k -> new PersonView(k.key(), k.byLicence() ? "licence" : "name", k.toConfirm(), k.decision(), k.appearances())).toList());
    }

    @Operation(operationId = "getChampionshipIdentities", summary = "The championship's people and how each is known across rounds",
            description = "By licence, or by name (case, accents and spaces aside). A match by name over more than one round is "
                    + "`toConfirm` until race direction confirms it or splits it (`POST`): never merged silently.")
    @GET
    @Path("{id}/identities")
    public IdentitiesView identities(@PathParam("id") String id) {
        return view(championships.identities(id));
    }

    @Operation(operationId = "decideChampionshipIdentity", summary = "Confirm or split a person matched by name",
            description = "`{person, decision: confirm|split}`: confirmed, the rounds stay one person's; split, each round's is a "
                    + "person of their own. A new revision of the definition, which the lists follow.")
    @POST
    @Path("{id}/identities")
    @RolesAllowed("race-direction")
    public IdentitiesView decide(@PathParam("id") String id, @RequestBody(required = true) IdentityDecision decision) {
        if (decision == null || decision.person() == null) {
            throw Refusal.invalid("person", ChampionshipPhrases.PERSON_NOT_MATCHED_BY_NAME, "?");
        }
        return view(championships.decide(id, decision.person(), decision.decision(), identity.getPrincipal().getName()));
    }

    /** A championship's list as the contract gives it. */
    public record StandingsView(String championship, String list, String category, String trophy, int asOfRound, boolean provisional,
            long revision, String digest, List<Entry> entries) {

        public static StandingsView of(ChampionshipService.Table t) {
            ListSpec spec = t.table().list();
            return new StandingsView(t.championship().championship().id(), spec.kind().json(), spec.category(), spec.trophy(), t.table().asOfRound(),
                    t.provisional(), t.championship().revision(), t.digest(), t.table().rows().stream().map(r -> Entry.of(r, t)).toList());
        }
    }

    public record Person(String licence, String name) {
    }

    /** A line of the list; {@code key} names the person (or team) as {@code …/identities} does, for a page of their own. */
    public record Entry(@Schema(nullable = true) Integer rank, String key, Person person, BigDecimal points, int started, boolean classified,
            List<RoundView> rounds, @Schema(nullable = true) Standings.TieBreak tieBreak) {

        static Entry of(Standings.Row r, ChampionshipService.Table t) {
            return new Entry(r.rank(), r.key(), new Person(r.who().licence(), r.who().name()), r.points(), r.started(), r.classified(),
                    r.rounds().stream().map(l -> new RoundView(l.race(), t.rounds().get(l.race()).revision(), l.position(), l.points(), l.weight(),
                            l.counted(), l.why(), !t.rounds().get(l.race()).isFinal())).toList(), r.tieBreak());
        }
    }

    /** A round as one person lived it, with the revision of the race's results it counts. */
    public record RoundView(String race, long revision, @Schema(nullable = true) Integer position, BigDecimal points, BigDecimal weight,
            boolean counted, Standings.Why why, boolean provisional) {
    }
}
