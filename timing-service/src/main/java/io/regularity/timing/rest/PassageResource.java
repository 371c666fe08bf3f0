package io.regularity.timing.rest;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.security.identity.SecurityIdentity;
import io.regularity.support.FieldError;
import io.regularity.support.Lang;
import io.regularity.support.Refusal;
import io.regularity.support.Said;
import io.regularity.support.SupportPhrases;
import io.regularity.support.rest.Paging;
import io.regularity.support.rest.Problem;
import io.regularity.support.rest.ProblemMappers;
import io.regularity.support.security.TokenClaims;
import io.regularity.timing.domain.GpsEvidence;
import io.regularity.timing.domain.PassageParser;
import io.regularity.timing.domain.PassageParser.Parsed;
import io.regularity.timing.domain.RaceRoute;
import io.regularity.timing.domain.TimingPhrases;
import io.regularity.timing.persistence.PassageRepository;
import io.regularity.timing.persistence.PassageRepository.StoredPassage;
import io.regularity.timing.service.GroupCommit;
import io.regularity.timing.service.PassageService;
import io.regularity.timing.service.PassageService.ItemResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api")
@Tag(name = "Passages", description = "Crossings recorded at the timing posts: idempotent, offline-tolerant, durable once answered")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PassageResource {

    public static final int MAX_BATCH = 1000;

    private final PassageService service;
    private final GroupCommit groupCommit;
    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public PassageResource(PassageService service, GroupCommit groupCommit, JsonWebToken token,
            SecurityIdentity identity) {
        this.identity = identity;
        this.service = service;
        this.groupCommit = groupCommit;
        this.token = token;
    }

    /** A timekeeper posts only to the races its token names ({@code races}: ids, or {@code *}). */
    private void mayPostTo(String raceId) {
        List<String> races = TokenClaims.races(token);
        if (!races.contains("*") && !races.contains(raceId)) {
            throw forbidden(TimingPhrases.TOKEN_OTHER_RACES.with(races, raceId));
        }
    }

    /**
     * A timekeeper token names its {@code device} and posts only that device's passages; {@code *} says so
     * explicitly for a relay that uploads for many posts. A token without the claim posts nothing.
     */
    private void mayPostFor(List<Parsed> parsed) {
        String device = TokenClaims.device(token);
        if (device == null || device.isBlank()) {
            throw forbidden(TimingPhrases.TOKEN_NO_DEVICE.with());
        }
        if (device.equals("*")) {
            return;
        }
        for (Parsed p : parsed) {
            if (p.valid() && !device.equals(p.passage().device())) {
                throw forbidden(TimingPhrases.TOKEN_OTHER_DEVICE.with(device, p.passage().id(), p.passage().device()));
            }
        }
    }

    /** 403 saying what the timekeeper's token does not allow. */
    private static Refusal forbidden(Said detail) {
        return new Refusal(403, SupportPhrases.FORBIDDEN, detail, null);
    }

    /** A stored passage as clients see it. */
    public record PassageView(UUID id, String raceId, int car, String point, Instant time, String device, String source,
            long clockOffsetMs, Double precisionMs, Double clockUncertaintyMs, Instant receivedAt, String status, String voidReason,
            String voidedBy, Instant voidedAt, List<String> warnings,
            @Schema(description = "a GPS crossing's: the line, the car's fixes either side of it, the fraction of the way between them "
                    + "and that place (docs/rules.md); absent for a post's passage") GpsEvidence evidence) {

        /** Reads a stored passage's evidence. */
        private static final ObjectReader EVIDENCE = new ObjectMapper().findAndRegisterModules().readerFor(GpsEvidence.class);

        static PassageView of(StoredPassage s, List<String> warnings) {
            var p = s.passage();
            return new PassageView(p.id(), s.raceId(), p.car(), p.point(), p.time(), p.device(), p.source(), p.clockOffsetMs(),
                    p.precisionMs(), p.clockUncertaintyMs(), s.receivedAt(), s.status(), s.voidReason(), s.voidedBy(), s.voidedAt(),
                    warnings == null || warnings.isEmpty() ? null : warnings, evidence(s.evidence()));
        }

        private static GpsEvidence evidence(String stored) {
            try {
                return stored == null ? null : EVIDENCE.readValue(stored);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored passage's evidence does not read: " + stored, e);
            }
        }

        /** The same, without who voided it. */
        PassageView withoutVoider() {
            return new PassageView(id, raceId, car, point, time, device, source, clockOffsetMs, precisionMs, clockUncertaintyMs,
                    receivedAt, status, voidReason, null, voidedAt, warnings, evidence);
        }
    }

    public record BatchItem(String id, PassageService.Status status, List<FieldError> errors, List<String> warnings) {
    }

    public record BatchAnswer(List<BatchItem> results) {
    }

    public record PassagePage(long total, int page, int size, List<PassageView> entries) {
    }

    public record VoidRequest(@Schema(description = "why, at most 500 characters", examples = "backup chronometer's double of tk-1") String reason) {
    }

    /** The answer of {@code GET /api/time}. */
    public record ServerTime(Instant serverTime) {
    }

    /**
     * A passage as a timing post sends it: the shape the API document shows. The endpoints read the body as a tree
     * ({@link PassageParser}) so that each wrong field is named in the answer, and a batch answers item by item.
     */
    @Schema(name = "PassageInput", description = "A crossing of a timing line, as a timing post sends it")
    public record PassageInput(
            @Schema(required = true, description = "made by the device; the idempotency key") UUID id,
            @Schema(required = true, minimum = "1", examples = "48") int car,
            @Schema(required = true, description = "a timing point of the route; an unknown one is stored with a warning", examples = "L1-P02") String point,
            @Schema(required = true, description = "the crossing, at most 24 h ahead of the server's clock") Instant time,
            @Schema(required = true, examples = "tk-17") String device,
            @Schema(required = true, enumeration = { "HOSE", "PHOTOCELL", "MANUAL", "GPS" }) String source,
            @Schema(description = "the device clock's offset from the server's, measured with GET /api/time (default 0)", examples = "-12") Long clockOffsetMs,
            @Schema(description = "the resolution of `time` in ms: 0.1 for a chronometer channel to the ten-thousandth, 10 for a "
                    + "strip typed to the hundredth, 100 for a thumb on a button; absent: unknown", minimum = "0", maximum = "60000",
                    examples = "0.1") Double precisionMs,
            @Schema(description = "how far the clock `time` was read from may be from the reference, in ms: half the round trip of "
                    + "the offset measurement, 0 for a chronometer set to the reference clock; absent: unknown", minimum = "0",
                    maximum = "60000", examples = "0") Double clockUncertaintyMs) {
    }

    public static final String PASSAGE_EXAMPLE = """
            {"id": "5d0a3c9e-7f51-4c1e-9a53-0b9f4a7c2e11", "car": 48, "point": "L1-P02",
             "time": "2023-06-13T14:02:33.470Z", "device": "tk-17", "source": "HOSE", "clockOffsetMs": -12}""";

    private static final List<FieldError> REASON_REQUIRED = List.of(new FieldError("reason", TimingPhrases.REASON_REQUIRED));

    /** 400: what is wrong with a passage, field by field ("3 problem(s) in the passage"). */
    private static Refusal invalidPassage(List<FieldError> errors) {
        return new Refusal(400, TimingPhrases.INVALID_PASSAGE, SupportPhrases.PROBLEMS_IN.with(errors.size(), TimingPhrases.THE_PASSAGE),
                errors);
    }

    /** A void or a restore says why, in at most 500 characters. */
    private static boolean hasReason(VoidRequest body) {
        return body != null && body.reason() != null && !body.reason().isBlank() && body.reason().length() <= 500;
    }

    @Operation(operationId = "postPassage", summary = "Record one crossing",
            description = "Answered only once the passage is durably stored; from then on it reaches Kafka even if Kafka is down "
                    + "(transactional outbox). A retried upload of the same passage gets 200 with the same body; the same id with "
                    + "other content gets 409. A timing point the route does not know is still stored, with a warning.")
    @APIResponse(responseCode = "201", description = "Stored; `Location` names it", content = @Content(schema = @Schema(implementation = PassageView.class)))
    @APIResponse(responseCode = "200", description = "Already stored, identical: a retried upload", content = @Content(schema = @Schema(implementation = PassageView.class)))
    @APIResponse(responseCode = "409", description = "The id is stored with other content: a new crossing needs a new id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @POST
    @Path("races/{raceId}/passages")
    @RolesAllowed("timekeeper")
    public Response post(@PathParam("raceId") String raceId, @RequestBody(required = true, content = @Content(schema = @Schema(
            implementation = PassageInput.class), examples = @ExampleObject(name = "a hose crossing in Ghedi, 2023", value = PASSAGE_EXAMPLE)))
            JsonNode body, UriInfo uri) {
        mayPostTo(raceId);
        Parsed parsed = PassageParser.parse(body, Instant.now());
        if (!parsed.valid()) {
            throw invalidPassage(parsed.errors());
        }
        mayPostFor(List.of(parsed));
        ItemResult result = groupCommit.record(raceId, parsed);
        return switch (result.status()) {
            case CREATED -> Response.created(URI.create("/api/races/" + raceId + "/passages/" + result.id()))
                    .entity(PassageView.of(result.stored(), result.warnings())).build();
            case DUPLICATE -> Response.ok(PassageView.of(result.stored(), result.warnings())).build();
            case CONFLICT -> throw new Refusal(409, SupportPhrases.CONFLICT,
                    TimingPhrases.NEEDS_NEW_ID.with(TimingPhrases.STORED_WITH_OTHER_CONTENT.with(result.id())), result.errors());
            case INVALID -> throw invalidPassage(result.errors());
        };
    }

    @Operation(operationId = "postPassageBatch", summary = "Record up to 1,000 crossings, each answered on its own",
            description = "What a timing post sends after a spell without network. The answer lists every item in input order: "
                    + "CREATED, DUPLICATE (a retried upload), CONFLICT (the id with other content) or INVALID with its errors; one "
                    + "bad item never rejects the others. `{\"passages\": [...]}` is taken too.")
    @APIResponseSchema(value = BatchAnswer.class, responseDescription = "Each item's answer, in input order")
    @APIResponse(responseCode = "413", description = "More than 1,000 passages in one batch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @POST
    @Path("races/{raceId}/passages/batch")
    @RolesAllowed("timekeeper")
    public Response batch(@PathParam("raceId") String raceId, @RequestBody(required = true, content = @Content(schema = @Schema(
            type = SchemaType.ARRAY, implementation = PassageInput.class, maxItems = MAX_BATCH), examples = @ExampleObject(
                    name = "two crossings after a spell offline", value = "[" + PASSAGE_EXAMPLE + ",\n"
                            + "{\"id\": \"0b4cbd43-5c1f-4a55-93d1-6a0d2f0e9a10\", \"car\": 49, \"point\": \"L1-P02\", "
                            + "\"time\": \"2023-06-13T14:03:35.120Z\", \"device\": \"tk-17\", \"source\": \"HOSE\"}]")))
            JsonNode body, UriInfo uri, @Context HttpHeaders headers) {
        mayPostTo(raceId);
        JsonNode items = body != null && body.isObject() ? body.get("passages") : body;
        if (items == null || !items.isArray()) {
            throw new Refusal(400, TimingPhrases.INVALID_BATCH, TimingPhrases.BATCH_NOT_ARRAY.with(),
                    List.of(new FieldError("passages", TimingPhrases.MUST_BE_ARRAY)));
        }
        if (body.isObject() && body.size() > 1) {
            List<FieldError> unknown = new ArrayList<>();
            body.fieldNames().forEachRemaining(name -> {
                if (!name.equals("passages")) {
                    unknown.add(new FieldError(name, TimingPhrases.UNKNOWN_FIELD_OF_BATCH));
                }
            });
            throw new Refusal(400, TimingPhrases.INVALID_BATCH, TimingPhrases.BATCH_UNKNOWN_FIELDS.with(), unknown);
        }
        if (items.size() > MAX_BATCH) {
            throw new Refusal(413, TimingPhrases.BATCH_TOO_LARGE, TimingPhrases.BATCH_OVER.with(items.size(), MAX_BATCH),
                    List.of(new FieldError("passages", TimingPhrases.AT_MOST_ITEMS, MAX_BATCH)));
        }
        Instant now = Instant.now();
        List<Parsed> parsed = new ArrayList<>(items.size());
        items.forEach(item -> parsed.add(PassageParser.parse(item, now)));
        mayPostFor(parsed);
        List<ItemResult> results = service.record(raceId, parsed);
        Lang lang = ProblemMappers.lang(uri, headers); // each item's errors in the reader's language, like a problem's
        return Response.ok(new BatchAnswer(results.stream()
                .map(r -> new BatchItem(r.id(), r.status(), r.errors().isEmpty() ? null : r.errors().stream().map(e -> e.in(lang)).toList(),
                        r.warnings().isEmpty() ? null : r.warnings()))
                .toList())).build();
    }

    @Operation(operationId = "listPassages", summary = "Stored passages with their status, paged, newest received first",
            description = "Who voided a passage (`voidedBy`) is shown to race direction only.")
    @GET
    @Path("races/{raceId}/passages")
    public PassagePage list(@PathParam("raceId") String raceId, @QueryParam("car") Integer car,
            @QueryParam("point") String point, @QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") long page,
            @QueryParam("size") @DefaultValue("50") int size) {
        if (status != null && !status.equals("RECORDED") && !status.equals("VOIDED")) {
            throw Refusal.invalid("status", TimingPhrases.STATUS_RECORDED_OR_VOIDED);
        }
        Paging.check(page, size);
        PassageService.Page found = service.list(raceId, car, point, status, (int) page, size);
        return new PassagePage(found.total(), (int) page, size, found.entries().stream().map(this::view).toList());
    }

    @Operation(operationId = "getPassage", summary = "One stored passage")
    @GET
    @Path("races/{raceId}/passages/{id}")
    public PassageView one(@PathParam("raceId") String raceId, @PathParam("id") String id) {
        return service.find(raceId, uuid(id)).map(this::view)
                .orElseThrow(() -> Refusal.notFound(TimingPhrases.NO_PASSAGE_IN_RACE, id, raceId));
    }

    /** A passage as the caller may see it: who voided it (a person's account) is for race direction only. */
    private PassageView view(StoredPassage s) {
        PassageView v = PassageView.of(s, null);
        return identity.hasRole("race-direction") ? v : v.withoutVoider();
    }

    @Operation(operationId = "voidPassage", summary = "Void a passage: it stops counting, and says why",
            description = "Race direction voids any; a timekeeper only its own device's passages (a correction after sending).")
    @APIResponseSchema(value = PassageView.class, responseDescription = "The passage, VOIDED")
    @POST
    @Path("races/{raceId}/passages/{id}/void")
    @RolesAllowed({ "race-direction", "timekeeper" })
    public Response voidPassage(@PathParam("raceId") String raceId, @PathParam("id") String id, VoidRequest body, UriInfo uri) {
        if (!hasReason(body)) {
            throw new Refusal(400, TimingPhrases.INVALID_VOID, TimingPhrases.SAY_WHY_VOIDED.with(), REASON_REQUIRED);
        }
        if (!identity.hasRole("race-direction")) {
            // a timing post corrects its own crossings: only its device's passages, of its races
            mayPostTo(raceId);
            StoredPassage found = service.find(raceId, uuid(id))
                    .orElseThrow(() -> Refusal.notFound(TimingPhrases.NO_PASSAGE_IN_RACE, id, raceId));
            mayPostFor(List.of(new Parsed(found.passage(), id, List.of())));
        }
        StoredPassage voided = service.voidPassage(raceId, uuid(id), body.reason(), token.getName())
                .orElseThrow(() -> Refusal.notFound(TimingPhrases.NO_PASSAGE_IN_RACE, id, raceId));
        return Response.ok(PassageView.of(voided, null)).build();
    }

    /** Undoes a void, saying why: a new fact, the void stays in the passage's history; the passage counts again. */
    @Operation(operationId = "restorePassage", summary = "Undo a void, saying why: the passage counts again")
    @APIResponseSchema(value = PassageView.class, responseDescription = "The passage, RECORDED again")
    @APIResponse(responseCode = "409", description = "The passage is not voided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @POST
    @Path("races/{raceId}/passages/{id}/restore")
    @RolesAllowed("race-direction")
    public Response restorePassage(@PathParam("raceId") String raceId, @PathParam("id") String id, VoidRequest body, UriInfo uri) {
        if (!hasReason(body)) {
            throw new Refusal(400, TimingPhrases.INVALID_RESTORE, TimingPhrases.SAY_WHY_RESTORED.with(), REASON_REQUIRED);
        }
        StoredPassage restored;
        restored = service.restorePassage(raceId, uuid(id), body.reason(), token.getName())
                .orElseThrow(() -> Refusal.notFound(TimingPhrases.NO_PASSAGE_IN_RACE, id, raceId));
        return Response.ok(view(restored)).build();
    }

    /** Every void and restore of the race's passages, with who, when and why: race direction's journal. */
    @Operation(operationId = "listPassageChanges", summary = "Every void and restore in the race: who, when and why")
    @GET
    @Path("races/{raceId}/passages/changes")
    @RolesAllowed("race-direction")
    public List<PassageRepository.Change> changes(@PathParam("raceId") String raceId) {
        return service.changes(raceId);
    }

    @Operation(operationId = "listDeviceClocks", summary = "Each device's clock in the race: offset, uncertainty, drift",
            description = "One entry per device that sent passages: how many and from when to when, the clock offset and its "
                    + "uncertainty on the last one, the worst uncertainty sent, the drift of its offset over the race (ms per "
                    + "hour, a least-squares slope; null until it measured two different offsets) and the coarsest `precisionMs` "
                    + "of its times. For the trials at risk (docs/rules.md, How good a time is).")
    @GET
    @Path("races/{raceId}/clocks")
    @RolesAllowed("race-direction")
    public List<PassageRepository.DeviceClock> clocks(@PathParam("raceId") String raceId) {
        return service.clocks(raceId);
    }

    /** The races timing knows, with their legs and timing points in route order: what a timing post is set up with. */
    @Operation(operationId = "listTimingRaces", summary = "The races timing knows, with legs and timing points in route order",
            description = "What a timing post is set up with. A JSON array; `X-Total-Count` and `Link` (rel=next) page it; "
                    + "without `size` a page holds 500.")
    @GET
    @Path("races")
    public RestResponse<List<RaceRoute>> races(@QueryParam("page") @DefaultValue("0") long page, @QueryParam("size") Integer size,
            @Context UriInfo uri) {
        return Paging.array(service.races(), page, size, uri);
    }

    @Operation(operationId = "serverTime", summary = "The server's clock, for a device measuring its offset")
    @GET
    @Path("time")
    public ServerTime time() {
        return new ServerTime(Instant.now());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Refusal.notFound(TimingPhrases.NO_PASSAGE, id);
        }
    }
}
