package io.regularity.classification.rest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.Crew;
import io.regularity.classification.service.ScoringService;
import io.regularity.classification.service.StandingsService;
import io.regularity.support.FieldError;
import io.regularity.support.Refusal;
import io.regularity.support.SupportPhrases;
import io.regularity.support.csv.Unreadable;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Xlsx;
import io.regularity.support.rest.Attachment;
import io.regularity.support.rest.Paging;
import io.regularity.support.rest.Problem;
import io.regularity.support.rest.RequestJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Tag(name = "Crews", description = "The entry list: crews, their cars and coefficients")
@Path("/api/races/{raceId}/crews")
@Produces(MediaType.APPLICATION_JSON)
public class CrewResource {

    static final int MAX_CREWS = 2000;

    private final ScoringService service;
    private final StandingsService standings;
    private final RequestJson requests;

    public CrewResource(ScoringService service, StandingsService standings, RequestJson requests) {
        this.service = service;
        this.standings = standings;
        this.requests = requests;
    }

    public record ImportAnswer(@Schema(required = true) int imported) {
    }

    /** What a dry run would import: each crew with the row (or array index) it came from; nothing is stored. */
    public record DryRunAnswer(@Schema(required = true) int wouldImport, @Schema(required = true) List<DryRunRow> crews) {
    }

    public record DryRunRow(String row, Crew crew) {
    }

    /** The request examples in the API document: the 2023 winners (checked importable by ApiDocumentTest). */
    public static final String CREW_EXAMPLE = """
            {"car": 48, "driver": {"name": "Andrea Vesco", "female": false}, "codriver": {"name": "Fabio Salvinelli", "female": false},
             "carModel": "Alfa Romeo 6C 1750 SS Spider Zagato", "carYear": 1929, "coefficient": 1.80, "category": "1927-1929",
             "team": "Scuderia Brescia Corse"}""";

    public static final String CSV_EXAMPLE = "car;driver;driverFemale;codriver;codriverFemale;carModel;carYear;coefficient;category;team\n"
            + "48;Andrea Vesco;no;Fabio Salvinelli;no;Alfa Romeo 6C 1750 SS Spider Zagato;1929;1,80;1927-1929;Scuderia Brescia Corse\n";

    @Operation(operationId = "putCrew", summary = "Enter or replace one crew")
    @PUT
    @Path("{car}")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.APPLICATION_JSON)
    public Crew put(@PathParam("raceId") String raceId, @PathParam("car") int car, @RequestBody(required = true, content = @Content(
            schema = @Schema(implementation = CrewInput.class), examples = @ExampleObject(name = "the 2023 winners", value = CREW_EXAMPLE)))
            CrewInput body) {
        if (body == null) {
            throw Refusal.invalid(ClassificationPhrases.CREW_REQUIRED.with(), List.of(new FieldError("", SupportPhrases.IS_REQUIRED)));
        }
        CrewInput crew = body.car() == null ? new CrewInput(car, body.driver(), body.codriver(), body.carModel(), body.carYear(),
                body.coefficient(), body.category(), body.team(), body.band()) : body;
        List<FieldError> errors = new ArrayList<>(crew.problems("", false));
        if (crew.car() != null && crew.car() != car) {
            errors.add(new FieldError("car", ClassificationPhrases.CAR_NOT_THE_PATHS, car));
        }
        if (!errors.isEmpty()) {
            throw Refusal.problems(ClassificationPhrases.THE_CREW, errors);
        }
        Crew stored = crew.toCrew();
        service.putCrews(raceId, List.of(stored));
        return stored;
    }

    @Operation(operationId = "withdrawCrew", summary = "Withdraw a crew before the start",
            description = "Takes the crew off the entry list and out of the standings. 409 once a timing post has seen the car: "
                    + "a crew that has started is retired with a ruling instead, so its results stay on record.")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "409", description = "The car has passages already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @DELETE
    @Path("{car}")
    @RolesAllowed("race-direction")
    public Response withdraw(@PathParam("raceId") String raceId, @PathParam("car") int car) {
        if (!service.withdraw(raceId, car)) {
            throw Refusal.notFound(ClassificationPhrases.RACE_HAS_NO_CAR, raceId, car);
        }
        return Response.noContent().build();
    }

    /** Bulk import, all or nothing: a JSON array of crews. */
    @Operation(operationId = "importCrews", summary = "Import the entry list, all or nothing",
            description = "A JSON array of crews, an Excel workbook, or CSV (`Content-Type: text/csv`) with the header row "
                    + "`car,driver,driverFemale,codriver,codriverFemale,carModel,carYear,coefficient,category,team`: comma- or "
                    + "semicolon-separated (Excel in Italy: `;` and decimal commas), UTF-8 with or without a byte-order mark. "
                    + "Nothing is imported when any row is wrong; each fault names its row (`row 3: coefficient must be between "
                    + "1.00 and 3.00`). `?dryRun=true` answers the crews it would import, row by row, storing nothing.")
    @APIResponse(responseCode = "200", description = "How many crews were imported; with `?dryRun=true`, the crews it would import, row by row",
            content = @Content(schema = @Schema(oneOf = { ImportAnswer.class, DryRunAnswer.class })))
    @POST
    @RolesAllowed("race-direction")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importJson(@PathParam("raceId") String raceId, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = CrewInput.class),
                    examples = @ExampleObject(name = "the 2023 winners", value = "[" + CREW_EXAMPLE + "]")),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "as Excel writes it in Italy",
                    value = CSV_EXAMPLE)),
            @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")) }) JsonNode body) {
        if (body == null || !body.isArray()) {
            throw Refusal.invalid(ClassificationPhrases.BODY_NOT_CREWS.with(), List.of(new FieldError("", ClassificationPhrases.MUST_BE_ARRAY)));
        }
        List<CrewInput> crews = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            if (!body.get(i).isObject()) {
                errors.add(new FieldError("[" + i + "]", ClassificationPhrases.MUST_BE_CREW));
                continue;
            }
            CrewInput crew = requests.read(body.get(i), CrewInput.class, "[" + i + "]", errors);
            if (crew != null) {
                crews.add(crew);
                names.add("[" + i + "]");
            }
        }
        for (int i = 0; i < crews.size(); i++) {
            errors.addAll(crews.get(i).problems(names.get(i), false));
        }
        return store(raceId, crews, names, errors, dryRun);
    }

    /** Bulk import, all or nothing: CSV with the contract's header row. */
    @Operation(hidden = true) // the same operation as importJson in the document: one POST, two content types
    @POST
    @RolesAllowed("race-direction")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    public Response importCsv(@PathParam("raceId") String raceId, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, String body) {
        CrewCsv.Parsed parsed = CrewCsv.parse(body == null ? "" : body);
        return store(raceId, parsed.crews(), parsed.rowNames(), new ArrayList<>(parsed.errors()), dryRun);
    }

    /** Bulk import, all or nothing: the entry list as an Excel workbook (the same operation as importJson in the document). */
    @Operation(hidden = true)
    @POST
    @RolesAllowed("race-direction")
    @Consumes(Xlsx.MEDIA_TYPE)
    public Response importWorkbook(@PathParam("raceId") String raceId, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            byte[] body) {
        List<List<String>> records;
        try {
            records = Xlsx.read(body == null ? new byte[0] : body).rows();
        } catch (Unreadable e) {
            throw Refusal.invalid("", e.said);
        }
        CrewCsv.Parsed parsed = CrewCsv.parse(records, false);
        return store(raceId, parsed.crews(), parsed.rowNames(), new ArrayList<>(parsed.errors()), dryRun);
    }

    private Response store(String raceId, List<CrewInput> crews, List<String> names, List<FieldError> errors, boolean dryRun) {
        if (crews.size() > MAX_CREWS) {
            errors.add(new FieldError("", ClassificationPhrases.TOO_MANY_CREWS, MAX_CREWS));
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < crews.size(); i++) {
            Integer car = crews.get(i).car();
            if (car != null && !seen.add(car)) {
                errors.add(new FieldError(names.get(i) + ".car", ClassificationPhrases.CAR_TWICE, CrewCsv.spoken(names.get(i)), car));
            }
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(ClassificationPhrases.NOTHING_IMPORTED.with(errors.size()), errors);
        }
        if (dryRun) {
            List<DryRunRow> rows = new ArrayList<>();
            for (int i = 0; i < crews.size(); i++) {
                rows.add(new DryRunRow(names.get(i), crews.get(i).toCrew()));
            }
            return Response.ok(new DryRunAnswer(rows.size(), rows)).header("X-Dry-Run", "true").build();
        }
        service.putCrews(raceId, crews.stream().map(CrewInput::toCrew).toList());
        return Response.ok(new ImportAnswer(crews.size())).build();
    }

    /** The entry list as CSV (UTF-8 with a byte-order mark), in the import's columns: the same operation as listCrews. */
    @Operation(hidden = true)
    @GET
    @Produces("text/csv")
    public Response allCsv(@PathParam("raceId") String raceId) {
        StringBuilder csv = new StringBuilder(Csv.BOM);
        CrewCsv.rows(standings.crews(raceId)).forEach(row -> csv.append(Csv.line(row.toArray())));
        return Response.ok(csv.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", Attachment.disposition(raceId + "-crews.csv")).build();
    }

    /** The entry list as an Excel workbook, in the import's columns: the same operation as listCrews. */
    @Operation(hidden = true)
    @GET
    @Produces(Xlsx.MEDIA_TYPE)
    public Response allWorkbook(@PathParam("raceId") String raceId) {
        return Response.ok(Xlsx.write("Crews", CrewCsv.rows(standings.crews(raceId))), Xlsx.MEDIA_TYPE)
                .header("Content-Disposition", Attachment.disposition(raceId + "-crews.xlsx")).build();
    }

    @Operation(operationId = "listCrews", summary = "The entry list, by car number, paged",
            description = "A JSON array; `X-Total-Count` and `Link` (rel=next) page it. Without `size` a page holds 500. `Accept: text/csv` "
                    + "or the Excel workbook type gives the whole list in the import's columns.")
    @APIResponse(responseCode = "200", description = "The entry list", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Crew.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @GET
    public RestResponse<List<Crew>> all(@PathParam("raceId") String raceId, @QueryParam("page") @DefaultValue("0") long page,
            @QueryParam("size") Integer size, @Context UriInfo uri) {
        return Paging.array(standings.crews(raceId), page, size, uri);
    }
}
