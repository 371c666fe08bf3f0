package io.regularity.route.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.regularity.route.domain.LegGeoJson;
import io.regularity.route.domain.Race;
import io.regularity.route.domain.Race.Leg;
import io.regularity.route.domain.RaceSheet;
import io.regularity.route.domain.RoutePhrases;
import io.regularity.route.service.RaceService;
import io.regularity.support.FieldError;
import io.regularity.support.Refusal;
import io.regularity.support.csv.Unreadable;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Sheet;
import io.regularity.support.csv.Xlsx;
import io.regularity.support.rest.Attachment;
import io.regularity.support.rest.Paging;
import io.regularity.support.rest.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/races")
@Tag(name = "Races", description = "Race definitions: legs, towns, timing points, trials; their revisions and publication")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RaceResource {

    private final RaceService races;
    private final SecurityIdentity identity;

    public RaceResource(RaceService races, SecurityIdentity identity) {
        this.races = races;
        this.identity = identity;
    }

    /** The request body example in the API document: the real first kilometres of the 2023 race, with one trial of each type. */
    public static final String RACE_EXAMPLE = """
            {"id": "1000-miglia-2023", "name": "1000 Miglia 2023", "year": 2023, "timeZone": "Europe/Rome",
             "scoring": {"model": "POINTS", "pcCap": 300, "pmUnitCs": 1, "pmCap": 300, "ctMissed": 300,
                         "maxLatenessMinutes": 30, "duplicateWindowMs": 10000, "resolution": "HUNDREDTH"},
             "legs": [{"number": 1, "name": "Brescia - Cervia-Milano Marittima", "date": "2023-06-13",
                       "from": "Brescia", "to": "Cervia-Milano Marittima", "distanceKm": 480.0, "startPoint": "L1-START",
                       "towns": [{"name": "Brescia", "province": "BS", "km": 0.0, "lat": 45.5416, "lon": 10.2118},
                                 {"name": "Ghedi", "province": "BS", "km": 25.0, "lat": 45.402, "lon": 10.279}],
                       "timingPoints": [{"id": "L1-START", "town": "Brescia", "km": 0.0},
                                        {"id": "L1-P01", "town": "Ghedi", "km": 25.0},
                                        {"id": "L1-P02", "town": "Ghedi", "km": 25.4},
                                        {"id": "L1-P03", "town": "Ghedi", "km": 27.2,
                                         "virtual": {"lat": 45.3957, "lon": 10.2994, "bearingDeg": 118.0, "widthM": 12.0}},
                                        {"id": "L1-CO1", "town": "Cervia-Milano Marittima", "km": 480.0}],
                       "trials": [{"id": "PC1", "type": "PC", "start": "L1-P01", "finish": "L1-P02", "targetMs": 24000},
                                  {"id": "PM1", "type": "PM", "start": "L1-P02", "averageKmh": 43.5,
                                   "averageKmhByBand": {"HIGH": 50.0, "LOW": 40.0},
                                   "detections": [{"point": "L1-P03", "distanceM": 1820}]},
                                  {"id": "CO1", "type": "CO", "point": "L1-CO1", "durationMinutes": 600,
                                   "durationMinutesByBand": {"HIGH": 540}},
                                  {"id": "CT1", "type": "CT", "point": "L1-P03"}]}],
             "trophies": [{"name": "Trofeo Ghedi", "trials": ["PC1", "PM1"]}]}
            """;

    public record RaceSummary(String id, String name, Integer year, int legs, Map<String, String> scoring) {
    }

    public record LegSummary(Integer number, String name, String date, String from, String to, Double distanceKm,
            int towns, int trials) {
    }

    @Operation(operationId = "putRace", summary = "Create or replace a whole race definition",
            description = "200 when it replaces one, 201 when it is new. `If-Match` with an older revision's ETag gets 412: two "
                    + "officials editing at once do not overwrite each other. A definition that does not hold together gets 400 with "
                    + "one `errors` item per problem, its `field` a path such as `legs[0].trials[2].finish`. The definition may "
                    + "come as the route spreadsheet (docs/guide.md): `Content-Type: text/csv` (`,` or `;`, decimal commas, a "
                    + "byte-order mark, as Excel writes it in Italy) or the Excel workbook type; each fault then names the row and "
                    + "column (`row 14, column targetMs: …`). `?dryRun=true` checks it and answers what would be stored (200), "
                    + "storing nothing.")
    @APIResponse(responseCode = "200", description = "Replaced; `ETag` is the new revision", content = @Content(schema = @Schema(implementation = Race.class)))
    @APIResponse(responseCode = "201", description = "Created; `ETag` is its revision", content = @Content(schema = @Schema(implementation = Race.class)))
    @APIResponse(responseCode = "413", description = "A definition too large for the route-events topic to carry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @PUT
    @Path("{raceId}")
    @RolesAllowed("race-direction")
    public Response put(@PathParam("raceId") String raceId, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Race.class), examples = @ExampleObject(
                            name = "1000 Miglia 2023, the start of leg 1", value = RACE_EXAMPLE)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(
                            name = "the route spreadsheet as CSV", value = SHEET_EXAMPLE)),
                    @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")) }) Race body) {
        if (body == null) {
            throw Refusal.invalid("", RoutePhrases.RACE_DEFINITION_REQUIRED);
        }
        return store(raceId, body, ifMatch, dryRun);
    }

    /** The spreadsheet's first rows in the API document: the same start of leg 1 as the JSON example. */
    public static final String SHEET_EXAMPLE = """
            record;leg;id;name;year;timeZone;model;date;from;to;distanceKm;startPoint;km;town;type;start;finish;targetMs
            race;;1000-miglia-2023;1000 Miglia 2023;2023;Europe/Rome;;;;;;;;;;;;
            scoring;;;;;;POINTS;;;;;;;;;;;
            leg;1;;Brescia - Cervia-Milano Marittima;;;;2023-06-13;Brescia;Cervia-Milano Marittima;480;L1-START;;;;;;
            point;1;L1-START;;;;;;;;;;0;Brescia;;;;
            point;1;L1-P01;;;;;;;;;;25;Ghedi;;;;
            point;1;L1-P02;;;;;;;;;;25,4;Ghedi;;;;
            trial;1;PC1;;;;;;;;;;;;PC;L1-P01;L1-P02;24000
            """;

    /** The route spreadsheet as CSV (docs/guide.md): the same operation as putRace in the document. */
    @Operation(hidden = true)
    @PUT
    @Path("{raceId}")
    @RolesAllowed("race-direction")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    public Response putSheet(@PathParam("raceId") String raceId, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, String body) {
        if (body != null && body.indexOf('\uFFFD') >= 0) {
            throw Refusal.invalid("", RoutePhrases.FILE_NOT_UTF8);
        }
        List<List<String>> records;
        try {
            records = Csv.records(body == null ? "" : body);
        } catch (Unreadable e) {
            throw Refusal.invalid("", e.said);
        }
        return store(raceId, sheet(raceId, Sheet.of(records)), ifMatch, dryRun);
    }

    /** The route spreadsheet as an Excel workbook: the same operation as putRace in the document. */
    @Operation(hidden = true)
    @PUT
    @Path("{raceId}")
    @RolesAllowed("race-direction")
    @Consumes(Xlsx.MEDIA_TYPE)
    public Response putWorkbook(@PathParam("raceId") String raceId, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, byte[] body) {
        Sheet workbook;
        try {
            workbook = Xlsx.read(body == null ? new byte[0] : body);
        } catch (Unreadable e) {
            throw Refusal.invalid("", e.said);
        }
        return store(raceId, sheet(raceId, workbook), ifMatch, dryRun);
    }

    /** A sheet's definition, or a 400 naming every fault by row and column. */
    private static Race sheet(String raceId, Sheet sheet) {
        RaceSheet.Read read = RaceSheet.read(raceId, sheet);
        if (!read.errors().isEmpty()) {
            throw new RaceService.InvalidRaceException(read.errors());
        }
        return read.race();
    }

    private Response store(String raceId, Race body, String ifMatch, boolean dryRun) {
        if (dryRun) {
            RaceService.Saved would = races.dryRun(raceId, body, revisionOf(ifMatch));
            return Response.ok(would.race()).header("X-Dry-Run", "true").build();
        }
        RaceService.Saved saved = races.put(raceId, body, revisionOf(ifMatch), identity.getPrincipal().getName());
        Response.ResponseBuilder response = saved.created()
                ? Response.created(URI.create("/api/races/" + raceId))
                : Response.ok();
        return response.tag(etag(saved.race())).entity(saved.race()).build();
    }

    @Operation(operationId = "listRaces", summary = "All races, by id, paged",
            description = "A JSON array; `X-Total-Count` says how many in all and `Link` (rel=next) names the next page. "
                    + "Without `size` a page holds 500.")
    @GET
    public RestResponse<List<RaceSummary>> all(@QueryParam("page") @DefaultValue("0") long page,
            @QueryParam("size") Integer size, @Context UriInfo uri) {
        return Paging.array(races.all().stream()
                .map(r -> new RaceSummary(r.id(), r.name(), r.year(), r.legs().size(), Map.of("model", r.scoring().model())))
                .toList(), page, size, uri);
    }

    @Operation(operationId = "getRace", summary = "A whole race definition, with its revision as ETag",
            description = "`Accept: text/csv` or the Excel workbook type gives it as the route spreadsheet (docs/guide.md), which "
                    + "`PUT` takes back.")
    @APIResponse(responseCode = "200", description = "The definition", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Race.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @GET
    @Path("{raceId}")
    public Response get(@PathParam("raceId") String raceId) {
        Race race = race(raceId);
        return Response.ok(race).tag(etag(race)).build();
    }

    /** The definition as the route spreadsheet, CSV: the same operation as getRace in the document. */
    @Operation(hidden = true)
    @GET
    @Path("{raceId}")
    @Produces("text/csv")
    public Response getSheet(@PathParam("raceId") String raceId) {
        Race race = race(raceId);
        return Response.ok(RaceSheet.csv(race), "text/csv; charset=UTF-8").tag(etag(race))
                .header("Content-Disposition", Attachment.disposition(raceId + "-route.csv")).build();
    }

    /** The definition as the route spreadsheet, an Excel workbook: the same operation as getRace in the document. */
    @Operation(hidden = true)
    @GET
    @Path("{raceId}")
    @Produces(Xlsx.MEDIA_TYPE)
    public Response getWorkbook(@PathParam("raceId") String raceId) {
        Race race = race(raceId);
        return Response.ok(Xlsx.write("Route", RaceSheet.rows(race)), Xlsx.MEDIA_TYPE).tag(etag(race))
                .header("Content-Disposition", Attachment.disposition(raceId + "-route.xlsx")).build();
    }

    @Operation(operationId = "listLegs", summary = "The legs of a race, with counts of towns and trials")
    @GET
    @Path("{raceId}/legs")
    public List<LegSummary> legs(@PathParam("raceId") String raceId) {
        return race(raceId).legs().stream()
                .map(l -> new LegSummary(l.number(), l.name(), l.date(), l.from(), l.to(), l.distanceKm(), size(l.towns()),
                        size(l.trials())))
                .toList();
    }

    @Operation(operationId = "getLeg", summary = "One leg with its towns, timing points and trials")
    @GET
    @Path("{raceId}/legs/{n}")
    public Leg leg(@PathParam("raceId") String raceId, @PathParam("n") int n) {
        return leg(race(raceId), n);
    }

    @Operation(operationId = "listTowns", summary = "A leg's towns in route order")
    @GET
    @Path("{raceId}/legs/{n}/towns")
    public List<Race.Town> towns(@PathParam("raceId") String raceId, @PathParam("n") int n) {
        Leg leg = leg(race(raceId), n);
        return leg.towns() == null ? List.of() : leg.towns();
    }

    @Operation(operationId = "getLegGeoJson", summary = "A leg as GeoJSON: towns as points, the route as a line")
    @GET
    @Path("{raceId}/legs/{n: \\d+}.geojson")
    @Produces({ "application/geo+json", MediaType.APPLICATION_JSON })
    public Map<String, Object> geojson(@PathParam("raceId") String raceId, @PathParam("n") int n) {
        Race race = race(raceId);
        return LegGeoJson.of(race, leg(race, n));
    }

    @Operation(operationId = "patchTrial", summary = "Open, close or neutralise a trial, or correct its target",
            description = "Only the fields given change. `If-Match` with an older revision gets 412.")
    @APIResponseSchema(value = Race.Trial.class, responseDescription = "The trial as it is now; `ETag` is the race's new revision")
    @PATCH
    @Path("{raceId}/trials/{trialId}")
    @RolesAllowed("race-direction")
    public Response patchTrial(@PathParam("raceId") String raceId, @PathParam("trialId") String trialId,
            @HeaderParam("If-Match") String ifMatch, @RequestBody(required = true, content = @Content(schema = @Schema(
                    implementation = RaceService.TrialPatch.class), examples = @ExampleObject(name = "close a trial",
                            value = "{\"status\": \"CLOSED\"}"))) RaceService.TrialPatch patch) {
        if (patch == null) {
            throw Refusal.invalid("", RoutePhrases.SAY_WHAT_CHANGES);
        }
        RaceService.Saved saved = races.patchTrial(raceId, trialId, patch, revisionOf(ifMatch), identity.getPrincipal().getName())
                .orElseThrow(() -> Refusal.notFound(RoutePhrases.RACE_HAS_NO_TRIAL, raceId, trialId));
        Race.Trial trial = saved.race().legs().stream().flatMap(l -> l.trials().stream()).filter(t -> t.id().equals(trialId))
                .findFirst().orElseThrow();
        return Response.ok(trial).tag(etag(saved.race())).build();
    }

    /** Publishes a leg as final, once its trials are closed: a new revision, recorded like every change. */
    @APIResponse(responseCode = "409", description = "A trial of it is not closed yet: `detail` names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @Operation(operationId = "publishLeg", summary = "Publish a leg's results as final (its trials must be closed)")
    @APIResponseSchema(value = Race.Published.class, responseDescription = "What is published now, by whom and when")
    @POST
    @Path("{raceId}/legs/{n}/publish")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.WILDCARD)
    public Response publishLeg(@PathParam("raceId") String raceId, @PathParam("n") int n) {
        RaceService.Saved saved = races.publish(raceId, n, identity.getPrincipal().getName())
                .orElseThrow(() -> Refusal.notFound(RoutePhrases.RACE_HAS_NO_LEG, raceId, n));
        return Response.ok(saved.race().published()).tag(etag(saved.race())).build();
    }

    /** Publishes the whole race as final, once every trial is closed. */
    @APIResponse(responseCode = "409", description = "A trial of it is not closed yet: `detail` names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @Operation(operationId = "publishRace", summary = "Publish the whole race's results as final (every trial closed)")
    @APIResponseSchema(value = Race.Published.class, responseDescription = "What is published now, by whom and when")
    @POST
    @Path("{raceId}/publish")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.WILDCARD)
    public Response publishRace(@PathParam("raceId") String raceId) {
        RaceService.Saved saved = races.publish(raceId, null, identity.getPrincipal().getName())
                .orElseThrow(() -> Refusal.notFound(RoutePhrases.NO_RACE, raceId));
        return Response.ok(saved.race().published()).tag(etag(saved.race())).build();
    }

    /**
     * Posts a leg's lists on the notice board as provisional, once its trials are closed: crews may protest until the
     * race's {@code protestMinutes} from now, then it becomes official by itself (when no protest of it is still open).
     */
    @APIResponse(responseCode = "409", description = "A trial of it is not closed yet, or it is published already: `detail` says which",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @Operation(operationId = "postLeg", summary = "Post a leg's results as provisional: the protest window opens")
    @APIResponseSchema(value = Race.Posted.class, responseDescription = "What is posted now, by whom, when and until when crews may protest")
    @POST
    @Path("{raceId}/legs/{n}/provisional")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.WILDCARD)
    public Response postLeg(@PathParam("raceId") String raceId, @PathParam("n") int n) {
        RaceService.Saved saved = races.post(raceId, n, identity.getPrincipal().getName())
                .orElseThrow(() -> Refusal.notFound(RoutePhrases.RACE_HAS_NO_LEG, raceId, n));
        return Response.ok(saved.race().posted()).tag(etag(saved.race())).build();
    }

    /** Posts the whole race's lists as provisional, once every trial is closed: its protest window opens. */
    @APIResponse(responseCode = "409", description = "A trial of it is not closed yet, or it is published already: `detail` says which",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @Operation(operationId = "postRace", summary = "Post the whole race's results as provisional: the protest window opens")
    @APIResponseSchema(value = Race.Posted.class, responseDescription = "What is posted now, by whom, when and until when crews may protest")
    @POST
    @Path("{raceId}/provisional")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.WILDCARD)
    public Response postRace(@PathParam("raceId") String raceId) {
        RaceService.Saved saved = races.post(raceId, null, identity.getPrincipal().getName())
                .orElseThrow(() -> Refusal.notFound(RoutePhrases.NO_RACE, raceId));
        return Response.ok(saved.race().posted()).tag(etag(saved.race())).build();
    }

    /** Every revision of the definition: who changed what, when (trial closed, target corrected, leg published…). */
    @Operation(operationId = "raceHistory", summary = "Every revision of the definition: who changed what, when")
    @GET
    @Path("{raceId}/history")
    public List<RaceService.Change> history(@PathParam("raceId") String raceId) {
        return races.history(raceId).orElseThrow(() -> Refusal.notFound(RoutePhrases.NO_RACE, raceId));
    }

    @Operation(operationId = "compareRevisions", summary = "Two revisions compared trial by trial",
            description = "The trials `to` added, those it removed and, for each trial in both, the fields that changed (type, "
                    + "lines, laps, `targetMs`, `averageKmh`, duration, detections, status) with their value before and after. "
                    + "404 names a revision the race never had, or one saved before revisions kept their definition.")
    @GET
    @Path("{raceId}/history/compare")
    public RaceService.Comparison compare(@PathParam("raceId") String raceId, @QueryParam("from") Long from, @QueryParam("to") Long to) {
        List<FieldError> missing = new ArrayList<>();
        if (from == null) {
            missing.add(new FieldError("from", RoutePhrases.SAY_OLDER_REVISION));
        }
        if (to == null) {
            missing.add(new FieldError("to", RoutePhrases.SAY_NEWER_REVISION));
        }
        if (!missing.isEmpty()) {
            throw Refusal.invalid(RoutePhrases.TWO_REVISIONS_NEEDED.with(), missing);
        }
        return races.compare(raceId, from, to).orElseThrow(() -> Refusal.notFound(RoutePhrases.NO_RACE, raceId));
    }

    @Operation(operationId = "listTrials", summary = "Trials in route order, of one leg or of the whole race")
    @GET
    @Path("{raceId}/trials")
    public List<Race.Trial> trials(@PathParam("raceId") String raceId, @QueryParam("leg") Integer legNumber) {
        Race race = race(raceId);
        return race.legs().stream()
                .filter(l -> legNumber == null || l.number().equals(legNumber))
                .flatMap(l -> l.trials() == null ? Stream.empty() : l.trials().stream())
                .toList();
    }

    private Race race(String raceId) {
        return races.find(raceId).orElseThrow(() -> Refusal.notFound(RoutePhrases.NO_RACE, raceId));
    }

    private static Leg leg(Race race, int n) {
        return race.legs().stream().filter(l -> l.number() == n).findFirst()
                .orElseThrow(() -> Refusal.notFound(RoutePhrases.RACE_HAS_NO_LEG, race.id(), n));
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private static EntityTag etag(Race race) {
        return new EntityTag(String.valueOf(race.revision()));
    }

    /**
     * {@code If-Match: "3"} (or 3) names the revision the client edited. If-Match compares strong tags only (RFC 9110,
     * 13.1.1): a weak tag such as {@code W/"3"} never matches, so it names no revision (-1) and the change gets a 412.
     */
    static Long revisionOf(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            return -1L;
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw Refusal.invalid("If-Match", RoutePhrases.IF_MATCH_REVISION);
        }
    }
}
