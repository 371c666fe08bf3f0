package io.regularity.timing.rest;

import io.regularity.support.rest.Problem;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.support.FieldError;
import io.regularity.timing.domain.PassageParser;
import io.regularity.timing.domain.RaceRoute;
import io.regularity.timing.domain.PassageParser.Parsed;
import io.regularity.support.outbox.OutboxRelay;
import io.regularity.timing.persistence.PassageRepository.StoredPassage;
import io.regularity.timing.service.GroupCommit;
import io.regularity.timing.service.PassageService;
import io.regularity.timing.service.PassageService.ItemResult;
import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PassageResource {

    public static final int MAX_BATCH = 1000;
    public static final int MAX_PAGE_SIZE = 500;
    /** Far beyond any race's passages at any page size, and page × size stays an int. */
    public static final long MAX_PAGE = 1_000_000;

    private final PassageService service;
    private final GroupCommit groupCommit;
    private final OutboxRelay relay;
    private final JsonWebToken token;
    private final io.quarkus.security.identity.SecurityIdentity identity;

    public PassageResource(PassageService service, GroupCommit groupCommit, OutboxRelay relay, JsonWebToken token,
            io.quarkus.security.identity.SecurityIdentity identity) {
        this.identity = identity;
        this.service = service;
        this.groupCommit = groupCommit;
        this.relay = relay;
        this.token = token;
    }

    /** A timekeeper posts only to the races its token names ({@code races}: ids, or {@code *}). */
    private void mayPostTo(String raceId) {
        Object claim = token.getClaim("races");
        List<String> races = new ArrayList<>();
        if (claim instanceof jakarta.json.JsonArray array) {
            array.forEach(v -> races.add(v instanceof jakarta.json.JsonString js ? js.getString() : v.toString()));
        } else if (claim instanceof java.util.Collection<?> collection) {
            collection.forEach(v -> races.add(String.valueOf(v)));
        } else if (claim != null) {
            races.add(claim.toString());
        }
        if (!races.contains("*") && !races.contains(raceId)) {
            throw new io.quarkus.security.ForbiddenException("this timekeeper token may post to " + races + ", not to race " + raceId);
        }
    }

    /**
     * A timekeeper token names its {@code device} and posts only that device's passages; {@code *} says so
     * explicitly for a relay that uploads for many posts. A token without the claim posts nothing.
     */
    private void mayPostFor(List<Parsed> parsed) {
        Object claim = token.getClaim("device");
        String device = claim instanceof jakarta.json.JsonString js ? js.getString() : claim == null ? null : claim.toString();
        if (device == null || device.isBlank()) {
            throw new io.quarkus.security.ForbiddenException(
                    "this timekeeper token names no device: issue one with the post's device (or * for a relay)");
        }
        if (device.equals("*")) {
            return;
        }
        for (Parsed p : parsed) {
            if (p.valid() && !device.equals(p.passage().device())) {
                throw new io.quarkus.security.ForbiddenException("this timekeeper token belongs to device " + device
                        + "; passage " + p.passage().id() + " was recorded by device " + p.passage().device());
            }
        }
    }

    /** A stored passage as clients see it. */
    public record PassageView(UUID id, String raceId, int car, String point, Instant time, String device, String source,
            long clockOffsetMs, Instant receivedAt, String status, String voidReason, String voidedBy, Instant voidedAt,
            List<String> warnings) {

        static PassageView of(StoredPassage s, List<String> warnings) {
            var p = s.passage();
            return new PassageView(p.id(), s.raceId(), p.car(), p.point(), p.time(), p.device(), p.source(), p.clockOffsetMs(),
                    s.receivedAt(), s.status(), s.voidReason(), s.voidedBy(), s.voidedAt(),
                    warnings == null || warnings.isEmpty() ? null : warnings);
        }
    }

    public record BatchItem(String id, PassageService.Status status, List<FieldError> errors, List<String> warnings) {
    }

    public record BatchAnswer(List<BatchItem> results) {
    }

    public record PassagePage(long total, int page, int size, List<PassageView> entries) {
    }

    public record VoidRequest(String reason) {
    }

    private static final List<FieldError> REASON_REQUIRED = List.of(new FieldError("reason", "is required, at most 500 characters"));

    /** A void or a restore says why, in at most 500 characters. */
    private static boolean hasReason(VoidRequest body) {
        return body != null && body.reason() != null && !body.reason().isBlank() && body.reason().length() <= 500;
    }

    @POST
    @Path("races/{raceId}/passages")
    @RolesAllowed("timekeeper")
    public Response post(@PathParam("raceId") String raceId, JsonNode body, UriInfo uri) {
        mayPostTo(raceId);
        Parsed parsed = PassageParser.parse(body, Instant.now());
        if (!parsed.valid()) {
            return Problem.response(400, "Invalid passage", parsed.errors().size() + " problem(s) in the passage",
                    uri.getPath(), parsed.errors());
        }
        mayPostFor(List.of(parsed));
        ItemResult result = groupCommit.record(raceId, parsed);
        relay.wakeUp();
        return switch (result.status()) {
            case CREATED -> Response.created(URI.create("/api/races/" + raceId + "/passages/" + result.id()))
                    .entity(PassageView.of(result.stored(), result.warnings())).build();
            case DUPLICATE -> Response.ok(PassageView.of(result.stored(), result.warnings())).build();
            case CONFLICT -> Problem.response(409, "Conflict",
                    "passage " + result.id() + " is already stored with other content; a new crossing needs a new id",
                    uri.getPath(), result.errors());
            case INVALID -> Problem.response(400, "Invalid passage", result.errors().size() + " problem(s) in the passage",
                    uri.getPath(), result.errors());
        };
    }

    @POST
    @Path("races/{raceId}/passages/batch")
    @RolesAllowed("timekeeper")
    public Response batch(@PathParam("raceId") String raceId, JsonNode body, UriInfo uri) {
        mayPostTo(raceId);
        JsonNode items = body != null && body.isObject() ? body.get("passages") : body;
        if (items == null || !items.isArray()) {
            return Problem.response(400, "Invalid batch", "the body must be a JSON array of passages (or {\"passages\": [...]})",
                    uri.getPath(), List.of(new FieldError("passages", "must be an array")));
        }
        if (items.size() > MAX_BATCH) {
            return Problem.response(413, "Batch too large", items.size() + " passages in one batch; send at most " + MAX_BATCH,
                    uri.getPath(), List.of(new FieldError("passages", "at most " + MAX_BATCH + " items")));
        }
        Instant now = Instant.now();
        List<Parsed> parsed = new ArrayList<>(items.size());
        items.forEach(item -> parsed.add(PassageParser.parse(item, now)));
        mayPostFor(parsed);
        List<ItemResult> results = service.record(raceId, parsed);
        relay.wakeUp();
        return Response.ok(new BatchAnswer(results.stream()
                .map(r -> new BatchItem(r.id(), r.status(), r.errors().isEmpty() ? null : r.errors(),
                        r.warnings().isEmpty() ? null : r.warnings()))
                .toList())).build();
    }

    @GET
    @Path("races/{raceId}/passages")
    public PassagePage list(@PathParam("raceId") String raceId, @QueryParam("car") Integer car,
            @QueryParam("point") String point, @QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") long page,
            @QueryParam("size") @DefaultValue("50") int size) {
        if (status != null && !status.equals("RECORDED") && !status.equals("VOIDED")) {
            throw new Problem.InvalidException("status", "status must be RECORDED or VOIDED");
        }
        if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_PAGE_SIZE) {
            throw new Problem.InvalidException(page < 0 || page > MAX_PAGE ? "page" : "size",
                    "page must be between 0 and " + MAX_PAGE + " and size between 1 and " + MAX_PAGE_SIZE);
        }
        PassageService.Page found = service.list(raceId, car, point, status, (int) page, size);
        return new PassagePage(found.total(), (int) page, size, found.entries().stream().map(this::view).toList());
    }

    @GET
    @Path("races/{raceId}/passages/{id}")
    public PassageView one(@PathParam("raceId") String raceId, @PathParam("id") String id) {
        return service.find(raceId, uuid(id)).map(this::view)
                .orElseThrow(() -> new NotFoundException("no passage " + id + " in race " + raceId));
    }

    /** A passage as the caller may see it: who voided it (a person's account) is for race direction only. */
    private PassageView view(StoredPassage s) {
        PassageView v = PassageView.of(s, null);
        return identity.hasRole("race-direction") ? v : new PassageView(v.id(), v.raceId(), v.car(), v.point(), v.time(), v.device(),
                v.source(), v.clockOffsetMs(), v.receivedAt(), v.status(), v.voidReason(), null, v.voidedAt(), v.warnings());
    }

    @POST
    @Path("races/{raceId}/passages/{id}/void")
    @RolesAllowed({ "race-direction", "timekeeper" })
    public Response voidPassage(@PathParam("raceId") String raceId, @PathParam("id") String id, VoidRequest body, UriInfo uri) {
        if (!hasReason(body)) {
            return Problem.response(400, "Invalid void", "say why the passage is voided", uri.getPath(), REASON_REQUIRED);
        }
        if (!identity.hasRole("race-direction")) {
            // a timing post corrects its own crossings: only its device's passages, of its races
            mayPostTo(raceId);
            StoredPassage found = service.find(raceId, uuid(id))
                    .orElseThrow(() -> new NotFoundException("no passage " + id + " in race " + raceId));
            mayPostFor(List.of(new Parsed(found.passage(), id, List.of())));
        }
        StoredPassage voided = service.voidPassage(raceId, uuid(id), body.reason(), token.getName())
                .orElseThrow(() -> new NotFoundException("no passage " + id + " in race " + raceId));
        relay.wakeUp();
        return Response.ok(PassageView.of(voided, null)).build();
    }

    /** Undoes a void, saying why: a new fact, the void stays in the passage's history; the passage counts again. */
    @POST
    @Path("races/{raceId}/passages/{id}/restore")
    @RolesAllowed("race-direction")
    public Response restorePassage(@PathParam("raceId") String raceId, @PathParam("id") String id, VoidRequest body, UriInfo uri) {
        if (!hasReason(body)) {
            return Problem.response(400, "Invalid restore", "say why the void is undone", uri.getPath(), REASON_REQUIRED);
        }
        StoredPassage restored;
        try {
            restored = service.restorePassage(raceId, uuid(id), body.reason(), token.getName())
                    .orElseThrow(() -> new NotFoundException("no passage " + id + " in race " + raceId));
        } catch (PassageService.NotVoidedException e) {
            return Problem.response(409, "Not voided", e.getMessage(), uri.getPath(), null);
        }
        relay.wakeUp();
        return Response.ok(view(restored)).build();
    }

    /** Every void and restore of the race's passages, with who, when and why: race direction's journal. */
    @GET
    @Path("races/{raceId}/passages/changes")
    @RolesAllowed("race-direction")
    public List<io.regularity.timing.persistence.PassageRepository.Change> changes(@PathParam("raceId") String raceId) {
        return service.changes(raceId);
    }

    /** The races timing knows, with their legs and timing points in route order: what a timing post is set up with. */
    @GET
    @Path("races")
    public List<RaceRoute> races() {
        return service.races();
    }

    @GET
    @Path("time")
    public Map<String, Instant> time() {
        return Map.of("serverTime", Instant.now());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no passage " + id);
        }
    }
}
