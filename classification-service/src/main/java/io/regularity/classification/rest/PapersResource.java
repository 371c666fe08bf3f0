package io.regularity.classification.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.regularity.classification.config.ClassificationConfig;
import io.regularity.classification.domain.CheckRegister;
import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.events.RaceResults;
import io.regularity.classification.rest.pdf.Papers;
import io.regularity.classification.rest.view.CrewBreakdown;
import io.regularity.classification.rest.view.ListViews;
import io.regularity.classification.service.CrewResultsService;
import io.regularity.classification.service.PapersService;
import io.regularity.classification.service.StandingsService;
import io.regularity.classification.service.StandingsService.RankedList;
import io.regularity.classification.service.StandingsService.Replay;
import io.regularity.support.Lang;
import io.regularity.support.Refusal;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Xlsx;
import io.regularity.support.rest.Attachment;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The papers of a race as PDF (a list, a crew's results, the certificates) and race direction's register of checks (JSON,
 * CSV, a workbook, PDF). Each paper's footer carries the digest of the facts and the address of the bundle that proves
 * it: {@code /api/races/{raceId}/export?asOf=} the moment the paper was computed (docs/results.md).
 */
@Tag(name = "Papers", description = "The lists, a crew's results, the certificates and the register of checks, to print and sign")
@Path("/api/races/{raceId}")
public class PapersResource {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final StandingsService standings;
    private final CrewResultsService crewResults;
    private final PapersService papers;
    private final ClassificationConfig config;

    public PapersResource(StandingsService standings, CrewResultsService crewResults, PapersService papers, ClassificationConfig config) {
        this.standings = standings;
        this.crewResults = crewResults;
        this.papers = papers;
        this.config = config;
    }

    @Operation(operationId = "getStandingsPdf", summary = "A list as the notice board shows it (PDF, A4, every crew)",
            description = "The same list as `GET …/standings` with the same parameters (paging aside: every row), headed with the "
                    + "race, the list, Provisional or Official classification, when it was computed or published and by whom; each page "
                    + "footed with its number, the digest of the facts and a QR code of the bundle that proves it "
                    + "(`…/export?asOf=` the list's moment). Italian with `lang=it` or `Accept-Language: it`.")
    @APIResponse(responseCode = "200", description = "The list as PDF", content = @Content(mediaType = Papers.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @GET
    @Path("standings.pdf")
    @Produces(Papers.MEDIA_TYPE)
    public Response standingsPdf(@PathParam("raceId") String raceId, @BeanParam StandingsQuery.Params params,
            @Parameter(description = "the paper's language: it or en (else `Accept-Language`, else en)") @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @Context UriInfo uri) {
        Lang words = lang(lang, acceptLanguage);
        StandingsQuery query = params.whole();
        RankedList list = standings.list(raceId, query.spec(), query.replay()).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        ListViews.Provenance page = ListViews.page(list, 0, Integer.MAX_VALUE);
        Instant at = list.replay().asOf() != null ? list.replay().asOf() : list.generatedAt();
        byte[] pdf = Papers.standings(list.race(), page, words, verifyUrl(uri, raceId, at));
        return pdf(pdf, raceId + "-" + list.spec().name() + ".pdf").header("X-Results-Revision", page.revision())
                .header("X-Results-Digest", page.digest()).build();
    }

    @Operation(operationId = "getCrewResultsPdf", summary = "A crew's trial-by-trial results (PDF, A4)",
            description = "The same breakdown as `GET …/crews/{car}/results`, headed with the overall list's status; the footer "
                    + "as the lists'.")
    @APIResponse(responseCode = "200", description = "The crew's results as PDF", content = @Content(mediaType = Papers.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @GET
    @Path("crews/{car}/results.pdf")
    @Produces(Papers.MEDIA_TYPE)
    public Response crewResultsPdf(@PathParam("raceId") String raceId, @PathParam("car") int car, @QueryParam("asOf") String asOf,
            @Parameter(description = "the paper's language: it or en (else `Accept-Language`, else en)") @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @Context UriInfo uri) {
        Lang words = lang(lang, acceptLanguage);
        Instant moment = StandingsQuery.instant("asOf", asOf);
        CrewResultsService.ScoredCrew scored = crewResults.crewResults(raceId, car, moment)
                .orElseThrow(() -> StandingsResource.unknownRace(raceId));
        RankedList overall = standings.list(raceId, RaceResults.OVERALL, moment == null ? Replay.LIVE : new Replay(moment, null))
                .orElseThrow(() -> StandingsResource.unknownRace(raceId));
        RaceDefinition race = scored.race();
        RaceDefinition.Stamp stamp = race.published() == null ? null : race.published().race();
        Papers.Status status = new Papers.Status(stamp != null, stamp, race.postingOf(RaceResults.OVERALL), overall.generatedAt(),
                overall.asOfTrial(), moment, null);
        byte[] pdf = Papers.results(race, CrewBreakdown.of(scored, words), status, overall.digest(), words,
                verifyUrl(uri, raceId, moment != null ? moment : overall.generatedAt()));
        return pdf(pdf, raceId + "-" + car + "-results.pdf").header("X-Results-Digest", overall.digest()).build();
    }

    @Operation(operationId = "getCertificatePdf", summary = "A crew's certificate of classification (PDF, A4)",
            description = "Its position in each of its lists (overall, ladies, its category, the trophies it is on: the lists "
                    + "`race-results` carries), its score, the race's name and dates.")
    @APIResponse(responseCode = "200", description = "The certificate", content = @Content(mediaType = Papers.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @GET
    @Path("crews/{car}/certificate.pdf")
    @Produces(Papers.MEDIA_TYPE)
    public Response certificate(@PathParam("raceId") String raceId, @PathParam("car") int car,
            @Parameter(description = "the paper's language: it or en (else `Accept-Language`, else en)") @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @Context UriInfo uri) {
        return certificates(raceId, car, lang(lang, acceptLanguage), uri, raceId + "-" + car + "-certificate.pdf");
    }

    @Operation(operationId = "getCertificatesPdf", summary = "Every crew's certificate in one file, one page each (PDF, A4), for the prize giving")
    @APIResponse(responseCode = "200", description = "The certificates", content = @Content(mediaType = Papers.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @GET
    @Path("certificates.pdf")
    @Produces(Papers.MEDIA_TYPE)
    public Response certificates(@PathParam("raceId") String raceId,
            @Parameter(description = "the paper's language: it or en (else `Accept-Language`, else en)") @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @Context UriInfo uri) {
        return certificates(raceId, null, lang(lang, acceptLanguage), uri, raceId + "-certificates.pdf");
    }

    private Response certificates(String raceId, Integer car, Lang words, UriInfo uri, String name) {
        PapersService.Certificates found = papers.certificates(raceId, car).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        byte[] pdf = Papers.certificates(found, words, verifyUrl(uri, raceId, found.overall().generatedAt()));
        return pdf(pdf, name).header("X-Results-Digest", found.overall().digest()).build();
    }

    // ---- the register of checks

    /** A row of the register: {@code reason} and {@code outcome} as codes, {@code localTime} in the race's time zone. */
    public record RegisterRow(int number, Instant at, String localTime, int car, String trial,
            @Schema(enumeration = { "IMPEDED", "TIMING", "EQUIPMENT" }) String reason,
            @Schema(enumeration = { "CONFIRMED", "CORRECTED", "AVERAGE_ASSIGNED" }) String outcome, String by, String note,
            @Schema(description = "the decision it comes from: ruling 7, revocation of ruling 7, void of passage …, restore of passage …")
            String source) {
    }

    public record RegisterView(String raceId, String timeZone, int total, List<RegisterRow> entries) {
    }

    @Operation(operationId = "getRegister", summary = "The register of checks: every time race direction checked, and what came of it",
            description = "From the rulings (an assigned average, a neutralised trial, their revocations) and the voids and restores "
                    + "of passages, in time order (docs/api.md, The register of checks). `Accept: text/csv` gives the CSV, the "
                    + "workbook type the workbook. Race direction only: it names the officials.")
    @APIResponse(responseCode = "200", description = "The register", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegisterView.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @GET
    @Path("register")
    @RolesAllowed("race-direction")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv", Xlsx.MEDIA_TYPE })
    public Response register(@PathParam("raceId") String raceId,
            @Parameter(description = "the words' language: it or en (else `Accept-Language`, else en)") @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @HeaderParam("Accept") String accept) {
        Lang words = lang(lang, acceptLanguage);
        String wanted = accept == null ? "" : accept;
        if (wanted.contains("text/csv") && !wanted.contains("json")) {
            return csv(raceId, words);
        }
        PapersService.Register register = register(raceId);
        if (wanted.contains(Xlsx.MEDIA_TYPE) && !wanted.contains("json")) {
            List<List<Object>> rows = new ArrayList<>();
            rows.add(List.of("number", "time", "car", "trial", "reason", "outcome", "by", "note"));
            register.rows().forEach(r -> rows.add(cells(r, register.race(), words)));
            return Response.ok(Xlsx.write("Register", rows), Xlsx.MEDIA_TYPE)
                    .header("Content-Disposition", Attachment.disposition(raceId + "-register.xlsx")).build();
        }
        return Response.ok(new RegisterView(raceId, register.race().zone().getId(), register.rows().size(),
                register.rows().stream().map(r -> new RegisterRow(r.number(), r.at(), LOCAL.format(r.at().atZone(register.race().zone())),
                        r.car(), r.trial(), r.reason().name(), r.outcome().name(), r.by(), r.note(), r.source())).toList()),
                MediaType.APPLICATION_JSON).build();
    }

    @Operation(operationId = "getRegisterCsv", summary = "The register of checks as CSV (UTF-8 with a byte-order mark)")
    @APIResponse(responseCode = "200", description = "The register as CSV", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("register.csv")
    @RolesAllowed("race-direction")
    @Produces("text/csv")
    public Response registerCsv(@PathParam("raceId") String raceId,
            @Parameter(description = "the words' language: it or en (else `Accept-Language`, else en)") @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        return csv(raceId, lang(lang, acceptLanguage));
    }

    private Response csv(String raceId, Lang words) {
        PapersService.Register register = register(raceId);
        StringBuilder out = new StringBuilder(Csv.BOM).append("number,time,car,trial,reason,outcome,by,note\r\n");
        register.rows().forEach(r -> out.append(Csv.line(cells(r, register.race(), words).toArray())));
        return Response.ok(out.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", Attachment.disposition(raceId + "-register.csv")).build();
    }

    @Operation(operationId = "getRegisterPdf", summary = "The register of checks as PDF (A4), to sign and hand in")
    @APIResponse(responseCode = "200", description = "The register as PDF", content = @Content(mediaType = Papers.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @GET
    @Path("register.pdf")
    @RolesAllowed("race-direction")
    @Produces(Papers.MEDIA_TYPE)
    public Response registerPdf(@PathParam("raceId") String raceId,
            @Parameter(description = "the paper's language: it or en (else `Accept-Language`, else en)") @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @Context UriInfo uri) {
        Lang words = lang(lang, acceptLanguage);
        PapersService.Register register = register(raceId);
        RankedList overall = standings.list(raceId, RaceResults.OVERALL, Replay.LIVE).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        byte[] pdf = Papers.register(register, overall.digest(), words, verifyUrl(uri, raceId, overall.generatedAt()), overall.generatedAt());
        return pdf(pdf, raceId + "-register.pdf").build();
    }

    private PapersService.Register register(String raceId) {
        return papers.register(raceId).orElseThrow(() -> StandingsResource.unknownRace(raceId));
    }

    private static List<Object> cells(CheckRegister.Row r, RaceDefinition race, Lang words) {
        return java.util.Arrays.asList(r.number(), LOCAL.format(r.at().atZone(race.zone())), r.car(), r.trial(),
                Papers.reason(r.reason(), words), Papers.outcome(r.outcome(), words), r.by(), r.note());
    }

    // ---- alike for every paper

    /** The reader's language: {@code lang} it or en (anything else a 400), else {@code Accept-Language}. */
    static Lang lang(String lang, String acceptLanguage) {
        if (lang != null && !lang.equalsIgnoreCase("it") && !lang.equalsIgnoreCase("en")) {
            throw Refusal.invalid("lang", ClassificationPhrases.LANG_IT_OR_EN);
        }
        return Lang.of(lang, acceptLanguage);
    }

    /** The address of the bundle that proves a paper: the race's export as of the paper's moment, absolute. */
    String verifyUrl(UriInfo uri, String raceId, Instant at) {
        String base = config.papers().publicUrl().orElseGet(() -> uri.getBaseUri().toString());
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/api/races/" + URLEncoder.encode(raceId, StandardCharsets.UTF_8).replace("+", "%20") + "/export?asOf="
                + at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static Response.ResponseBuilder pdf(byte[] pdf, String name) {
        return Response.ok(pdf, Papers.MEDIA_TYPE).header("Content-Disposition", Attachment.disposition(name));
    }
}
