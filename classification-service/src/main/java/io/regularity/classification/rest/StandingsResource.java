package io.regularity.classification.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.regularity.classification.domain.Anomaly.Severity;
import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.PassageRecord;
import io.regularity.classification.rest.view.CrewBreakdown;
import io.regularity.classification.rest.view.CrewBreakdown.CrewResults;
import io.regularity.classification.rest.view.DirectionViews;
import io.regularity.classification.rest.view.DirectionViews.Anomalies;
import io.regularity.classification.rest.view.DirectionViews.TrialResults;
import io.regularity.classification.rest.view.ListViews;
import io.regularity.classification.rest.view.ListViews.Provenance;
import io.regularity.classification.rest.view.Words;
import io.regularity.classification.service.CrewResultsService;
import io.regularity.classification.service.RaceDirectionService;
import io.regularity.classification.service.RaceDirectionService.AnomalyList;
import io.regularity.classification.service.RaceDirectionService.ListedAnomaly;
import io.regularity.classification.service.StandingsService;
import io.regularity.support.Lang;
import io.regularity.support.Refusal;
import io.regularity.support.csv.Csv;
import io.regularity.support.rest.Attachment;
import io.regularity.support.rest.Paging;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Tag(name = "Standings", description = "Scores, lists and the crews' breakdowns, live or as they stood")
@Path("/api/races/{raceId}")
@Produces(MediaType.APPLICATION_JSON)
public class StandingsResource {

    private final StandingsService standings;
    private final CrewResultsService crewResults;
    private final RaceDirectionService direction;
    private final StandingsPages pages;

    public StandingsResource(StandingsService standings, CrewResultsService crewResults, RaceDirectionService direction,
            StandingsPages pages) {
        this.standings = standings;
        this.crewResults = crewResults;
        this.direction = direction;
        this.pages = pages;
    }

    /** A page of the list asked for, as a Standings or a TeamStandings record. */
    private Provenance list(String raceId, StandingsQuery query) {
        return standings.list(raceId, query.spec(), query.replay()).map(list -> ListViews.page(list, query.page(), query.size()))
                .orElseThrow(() -> unknownRace(raceId));
    }

    /** The list's revision and digest, as headers too (a CSV has no other place for them). */
    private static Response.ResponseBuilder withDigest(Response.ResponseBuilder response, Provenance from) {
        return response.header("X-Results-Revision", from.revision()).header("X-Results-Digest", from.digest());
    }

    /**
     * A list ({@code Accept: text/csv}: as CSV). The live one is served from its serialized bytes with a strong ETag: {@code If-None-Match} with it
     * answers 304 and nothing else while the list is the same. A replay ({@code asOf}, {@code afterTrial}) is
     * computed for the asking.
     */
    @Operation(operationId = "getStandings", summary = "A list: overall, per leg, ladies, a category, a trophy, teams",
            description = "Ranked first, paged. The live list has a strong `ETag`: `If-None-Match` with it answers 304 while "
                    + "nothing changed. `revision` and `digest` say which facts it follows from (also `X-Results-Revision`, "
                    + "`X-Results-Digest`); `asOf` and `afterTrial` replay it as it stood. `Accept: text/csv` gives the CSV.")
    @APIResponse(responseCode = "200", description = "The list", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = { ListViews.Standings.class,
                    ListViews.TeamStandings.class })),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "304", description = "Not modified since the `If-None-Match` tag")
    @GET
    @Path("standings")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    public Response standings(@PathParam("raceId") String raceId, @BeanParam StandingsQuery.Params params,
            @HeaderParam("If-None-Match") String ifNoneMatch, @HeaderParam("Accept") String accept) {
        if (accept != null && accept.contains("text/csv") && !accept.contains("json")) {
            return csv(raceId, params); // Accept: text/csv asks for the same list as standings.csv
        }
        StandingsQuery query = params.query(null);
        if (query.replay().live()) {
            StandingsPages.Page page = pages.page(query.page(raceId)).orElseThrow(() -> unknownRace(raceId));
            Response.ResponseBuilder response = StandingsPages.matches(ifNoneMatch, page.etag()) ? Response.notModified()
                    : Response.ok(page.bytes(), MediaType.APPLICATION_JSON);
            return response.tag(new EntityTag(page.etag().substring(1, page.etag().length() - 1)))
                    .header("Cache-Control", "no-cache").header("X-Results-Revision", page.revision())
                    .header("X-Results-Digest", page.digest()).build();
        }
        Provenance list = list(raceId, query);
        return withDigest(Response.ok(list), list).build();
    }

    @Operation(operationId = "getStandingsCsv", summary = "A list as CSV (UTF-8 with a byte-order mark), every crew")
    @APIResponse(responseCode = "200", description = "The list as CSV", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("standings.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("raceId") String raceId, @BeanParam StandingsQuery.Params params) {
        Provenance list = list(raceId, params.whole());
        StringBuilder out = new StringBuilder(Csv.BOM); // so that Excel reads the accents of the names right
        if (list instanceof ListViews.TeamStandings teams) {
            out.append("rank,team,score,cars,gapToLeader,gapToPrevious\r\n");
            for (var e : teams.entries()) {
                out.append(Csv.line(e.rank(), e.team(), e.score(),
                        String.join(" ", e.cars().stream().map(String::valueOf).toList()), e.gapToLeader(), e.gapToPrevious()));
            }
        } else {
            out.append("rank,car,crew,carModel,carYear,coefficient,score,trialsScored,gapToLeader,gapToPrevious,state\r\n");
            for (var e : ((ListViews.Standings) list).entries()) {
                out.append(Csv.line(e.rank(), e.car(), e.crew(), e.carModel(), e.carYear(), e.coefficient(), e.score(),
                        e.trialsScored(), e.gapToLeader(), e.gapToPrevious(), e.state()));
            }
        }
        return withDigest(Response.ok(out.toString(), "text/csv; charset=UTF-8"), list)
                .header("Content-Disposition", Attachment.disposition(raceId + "-standings.csv")).build();
    }

    /**
     * The list again whenever it changes (coalesced to four a second at most), and every 15 s regardless. Each event's
     * data is the list's JSON, the same bytes for every subscriber ({@link StandingsFeed}).
     */
    @Operation(operationId = "followStandings", summary = "Server-Sent Events: a list again whenever it changes",
            description = "Each event's data is the list's JSON, as `GET …/standings` gives it. `curl -N` follows it. With "
                    + "`compact=true` (a widget on a phone): the whole list first, then at each change an event named `moved` "
                    + "whose data is the list's head (`status`, `revision`, `digest`, `asOfTrial`, `generatedAt`, `total`, `page`, `size`) with "
                    + "only the rows that changed (`moved`) and the cars that left the page (`gone`); a subscriber that fell "
                    + "behind is sent the whole list again.")
    @APIResponse(responseCode = "200", description = "The event stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("standings/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream(@PathParam("raceId") String raceId, @BeanParam StandingsQuery.Params params,
            @Parameter(description = "only the ranks that moved after the first list") @QueryParam("compact") String compact) {
        // StandingsFeed's route, in front of this method, serves every stream it can: what it leaves, a bad parameter or
        // an unknown race, is answered here, from the same reading of the query
        if (!params.query(compact).replay().live()) {
            throw StandingsFeed.replayRefused();
        }
        throw unknownRace(raceId);
    }

    @Operation(operationId = "getCrewResults", summary = "A crew's trial-by-trial breakdown, with the crossings that count and those that do not, and why")
    @GET
    @Path("crews/{car}/results")
    public CrewResults crewResults(@PathParam("raceId") String raceId, @PathParam("car") int car, @QueryParam("asOf") String asOf,
            @Parameter(description = "the words' language: it or en (else `Accept-Language`, else en)") @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        Lang words = Lang.of(lang, acceptLanguage);
        return crewResults.crewResults(raceId, car, StandingsQuery.instant("asOf", asOf)).map(scored -> CrewBreakdown.of(scored, words))
                .orElseThrow(() -> unknownRace(raceId));
    }

    @Operation(operationId = "getTrialResults", summary = "One trial's classification")
    @GET
    @Path("trials/{trialId}/results")
    public TrialResults trialResults(@PathParam("raceId") String raceId, @PathParam("trialId") String trialId) {
        return crewResults.trialResults(raceId, trialId).map(DirectionViews::trial).orElseThrow(() -> unknownRace(raceId));
    }

    @Operation(operationId = "listAnomalies", summary = "What needs a decision (ACTION) and what the system handled (INFO), paged")
    @GET
    @Path("anomalies")
    public Anomalies anomalies(@PathParam("raceId") String raceId, @QueryParam("severity") String severity,
            @QueryParam("page") @DefaultValue("0") long requestedPage, @QueryParam("size") @DefaultValue("100") int size,
            @Parameter(description = "the words' language: it or en (else `Accept-Language`, else en)") @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        Lang words = Lang.of(lang, acceptLanguage);
        int page = Paging.check(requestedPage, size);
        Severity wanted = null;
        if (severity != null && !severity.isBlank()) {
            try {
                wanted = Severity.valueOf(severity);
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("severity", ClassificationPhrases.SEVERITY);
            }
        }
        AnomalyList found = direction.anomalies(raceId, wanted).orElseThrow(() -> unknownRace(raceId));
        int from = (int) Math.min((long) page * size, found.entries().size());
        List<ListedAnomaly> shown = found.entries().subList(from, (int) Math.min((long) from + size, found.entries().size()));
        Map<UUID, PassageRecord> named = direction.passagesNamed(raceId, shown); // only the page's: a race can have thousands
        return new Anomalies(found.entries().size(), page, size, found.counts(),
                shown.stream().map(a -> DirectionViews.anomaly(a, named, found.zone(), words)).toList());
    }

    static Refusal unknownRace(String raceId) {
        return Refusal.notFound(ClassificationPhrases.UNKNOWN_RACE, raceId);
    }
}
