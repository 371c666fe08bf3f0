package io.regularity.classification.rest;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.regularity.classification.domain.Anomaly;
import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.rest.view.DirectionViews;
import io.regularity.classification.service.RaceDirectionService;
import io.regularity.classification.service.ScoringService;
import io.regularity.classification.service.StandingsService;
import io.regularity.support.FieldError;
import io.regularity.support.Phrase;
import io.regularity.support.Refusal;
import io.regularity.support.SupportPhrases;
import io.regularity.support.rest.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Tag(name = "Rulings", description = "Race direction's decisions: rulings, previews, anomalies handled, rebuilds")
@Path("/api/races/{raceId}")
@Produces(MediaType.APPLICATION_JSON)
public class RulingResource {

    private final ScoringService service;
    private final StandingsService standings;
    private final RaceDirectionService direction;
    private final SecurityIdentity identity;

    public RulingResource(ScoringService service, StandingsService standings, RaceDirectionService direction, SecurityIdentity identity) {
        this.service = service;
        this.standings = standings;
        this.direction = direction;
        this.identity = identity;
    }

    public record RulingRequest(
            @Schema(required = true, enumeration = { "STEWARD_PENALTY", "ASSIGN_AVERAGE", "NEUTRALISE", "RETIRE" }) String type,
            @Schema(required = true) Integer car,
            @Schema(description = "the trial, for ASSIGN_AVERAGE and NEUTRALISE") String trial,
            @Schema(description = "for STEWARD_PENALTY, 1 to 100000") Integer points,
            @Schema(required = true, description = "why, at most 500 characters") String reason) {
    }

    /** The request example in the API document (checked acceptable by ApiDocumentTest). */
    public static final String RULING_EXAMPLE = """
            {"type": "RETIRE", "car": 48, "reason": "gearbox broken after Ghedi, reported by the crew at 15:10"}""";

    public record RulingView(long id, String type, int car, String trial, Integer points, String reason, String by, Instant at) {
    }

    public record Rebuilt(String raceId, int crews, long durationMs) {
    }

    @Operation(operationId = "rule", summary = "Rule: a steward's penalty, an assigned average, a neutralised trial, a retirement")
    @APIResponse(responseCode = "201", description = "The ruling, stored; `Location` names it", content = @Content(schema = @Schema(implementation = RulingView.class)))
    @POST
    @Path("rulings")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rule(@PathParam("raceId") String raceId, @RequestBody(required = true, content = @Content(schema = @Schema(
            implementation = RulingRequest.class), examples = @ExampleObject(name = "a retirement", value = RULING_EXAMPLE))) RulingRequest body) {
        RaceDefinition race = standings.race(raceId).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        if (body == null) {
            throw Refusal.invalid(ClassificationPhrases.RULING_REQUIRED.with(), List.of(new FieldError("", SupportPhrases.IS_REQUIRED)));
        }
        List<FieldError> errors = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Ruling ruling = ruling(race, standings.crews(raceId).stream().map(c -> c.car()).toList(), body, "", errors,
                identity.getPrincipal().getName(), now);
        if (!errors.isEmpty()) {
            throw Refusal.problems(ClassificationPhrases.THE_RULING, errors);
        }
        Ruling.Type type = ruling.type();
        long id = service.rule(raceId, ruling);
        return Response.created(URI.create("/api/races/" + raceId + "/rulings/" + id))
                .entity(new RulingView(id, type.name(), ruling.car(), ruling.trial(), ruling.points(), ruling.reason(), ruling.by(),
                        now))
                .build();
    }

    /**
     * The ruling a request asks for, by {@code by} at {@code at}, or null with its faults added to {@code errors}, each field
     * named after {@code prefix} ({@code rulings[0].} for one of a protest's).
     */
    static Ruling ruling(RaceDefinition race, List<Integer> cars, RulingRequest body, String prefix, List<FieldError> errors, String by,
            Instant at) {
        int before = errors.size();
        Ruling.Type type = null;
        try {
            type = body.type() == null ? null : Ruling.Type.valueOf(body.type());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (type == null) {
            errors.add(new FieldError(prefix + "type", ClassificationPhrases.RULING_TYPE));
        }
        if (body.car() == null || !cars.contains(body.car())) {
            errors.add(new FieldError(prefix + "car", ClassificationPhrases.CAR_ENTERED));
        }
        boolean trialKnown = body.trial() != null
                && race.trialsInRouteOrder().stream().anyMatch(p -> p.trial().id().equals(body.trial()));
        if ((type == Ruling.Type.ASSIGN_AVERAGE || type == Ruling.Type.NEUTRALISE) && !trialKnown) {
            errors.add(new FieldError(prefix + "trial", ClassificationPhrases.TRIAL_OF_THE_RACE));
        } else if (body.trial() != null && !trialKnown) {
            errors.add(new FieldError(prefix + "trial", ClassificationPhrases.UNKNOWN_TRIAL, body.trial()));
        }
        if (type == Ruling.Type.STEWARD_PENALTY && (body.points() == null || body.points() < 1 || body.points() > 100_000)) {
            errors.add(new FieldError(prefix + "points", ClassificationPhrases.PENALTY_POINTS));
        }
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > 500) {
            errors.add(new FieldError(prefix + "reason", ClassificationPhrases.SAY_WHY));
        }
        if (errors.size() > before) {
            return null;
        }
        return new Ruling(0, type, body.car(), body.trial(), type == Ruling.Type.STEWARD_PENALTY ? body.points() : null, body.reason(), by, at);
    }

    /** Every ruling with who, when and why; revoked ones stay listed, with their revocation. Race direction only (names people). */
    @Operation(operationId = "listRulings", summary = "Every ruling with who, when and why; revoked ones stay listed")
    @GET
    @Path("rulings")
    @RolesAllowed("race-direction")
    public List<DirectionViews.RulingView> rulings(@PathParam("raceId") String raceId) {
        return direction.rulings(raceId).orElseThrow(() -> StandingsResource.unknownRace(raceId)).stream().map(DirectionViews::ruling)
                .toList();
    }

    public record Reason(String reason) {
    }

    /** Revokes a ruling, saying why: it is never deleted, it stops counting and the standings are recomputed. */
    @APIResponse(responseCode = "200", description = "The ruling, revoked: who, when and why",
            content = @Content(schema = @Schema(implementation = DirectionViews.RulingView.class)))
    @APIResponse(responseCode = "409", description = "The ruling is revoked already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @Operation(operationId = "revokeRuling", summary = "Revoke a ruling, saying why: it stays listed and stops counting")
    @POST
    @Path("rulings/{id}/revoke")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.APPLICATION_JSON)
    public DirectionViews.RulingView revoke(@PathParam("raceId") String raceId, @PathParam("id") long id, Reason body) {
        String reason = required(body == null ? null : body.reason(), "reason", ClassificationPhrases.SAY_WHY_REVOKED);
        standings.race(raceId).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        service.revoke(raceId, id, identity.getPrincipal().getName(), reason, Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .orElseThrow(() -> Refusal.notFound(ClassificationPhrases.RACE_HAS_NO_RULING, raceId, id));
        return rulings(raceId).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    public record Note(String note) {
    }

    /**
     * A decision to try: a passage voided, a voided one restored (a GPS crossing used), or a ruling ({@code type},
     * {@code trial}, {@code points}) about {@code car}.
     */
    public record PreviewRequest(@Schema(required = true) Integer car, UUID voidPassage,
            @Schema(description = "a voided passage of the car, restored: what using a GPS crossing does") UUID restorePassage,
            TriedRuling ruling) {
    }

    /** A ruling to try on the preview's car: no reason yet, nothing is stored. */
    public record TriedRuling(
            @Schema(required = true, enumeration = { "STEWARD_PENALTY", "ASSIGN_AVERAGE", "NEUTRALISE", "RETIRE" }) String type,
            @Schema(description = "the trial, for ASSIGN_AVERAGE and NEUTRALISE") String trial,
            @Schema(description = "for STEWARD_PENALTY, 1 to 100000") Integer points) {
    }

    /** What a decision would do to the crew's score, before it is made: nothing is stored. */
    @Operation(operationId = "previewDecision", summary = "What a decision would do to the crew's score; nothing is stored")
    @POST
    @Path("preview")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.APPLICATION_JSON)
    public ScoringService.Preview preview(@PathParam("raceId") String raceId, PreviewRequest body) {
        if (body == null || body.car() == null) {
            throw Refusal.invalid("car", ClassificationPhrases.SAY_WHICH_CREW);
        }
        Ruling ruling = null;
        if (body.ruling() != null) {
            Ruling.Type type;
            try {
                type = Ruling.Type.valueOf(String.valueOf(body.ruling().type()));
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("ruling.type", ClassificationPhrases.RULING_TYPE);
            }
            ruling = new Ruling(Long.MAX_VALUE, type, body.car(), body.ruling().trial(),
                    type == Ruling.Type.STEWARD_PENALTY ? body.ruling().points() : null, "preview", "preview", Instant.now());
        }
        standings.race(raceId).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        return service.preview(raceId, body.car(), body.voidPassage(), body.restorePassage(), ruling)
                .orElseThrow(() -> Refusal.notFound(ClassificationPhrases.CAR_NOT_ENTERED, body.car(), raceId));
    }

    /** Every trial in route order with its status and how many crews are measured, pending, missed: race direction's view. */
    @Operation(operationId = "listTrialStates", summary = "Every trial in route order, its status and how many crews are measured, pending, missed",
            description = "For a PC, `atRisk` lists the cars whose start and finish came from two devices whose clock uncertainties "
                    + "add up to more than a hundredth (docs/rules.md, How good a time is); null for other trials.")
    @GET
    @Path("trials")
    public List<RaceDirectionService.TrialSummary> trials(@PathParam("raceId") String raceId) {
        return direction.trials(raceId).orElseThrow(() -> StandingsResource.unknownRace(raceId));
    }

    /** Marks an anomaly handled, with a note: it leaves the list of what needs a decision. */
    @Operation(operationId = "markAnomalyHandled", summary = "Mark an anomaly handled, with a note")
    @APIResponse(responseCode = "204", description = "Handled: it leaves the list of what needs a decision")
    @POST
    @Path("anomalies/{id}/handled")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response handled(@PathParam("raceId") String raceId, @PathParam("id") String id, Note body) {
        String note = required(body == null ? null : body.note(), "note", ClassificationPhrases.SAY_WHAT_WAS_DONE);
        standings.race(raceId).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        if (!direction.hasAnomaly(raceId, id)) {
            throw Refusal.notFound(ClassificationPhrases.RACE_HAS_NO_ANOMALY, raceId, id);
        }
        service.handled(raceId, id, new Anomaly.Handled(note, identity.getPrincipal().getName(), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return Response.noContent().build();
    }

    private static String required(String text, String field, Phrase phrase) {
        if (text == null || text.isBlank() || text.length() > 500) {
            throw Refusal.invalid(field, phrase);
        }
        return text;
    }

    @Operation(operationId = "rebuild", summary = "Recompute everything from the stored facts")
    @POST
    @Path("rebuild")
    @RolesAllowed("race-direction")
    public Rebuilt rebuild(@PathParam("raceId") String raceId) {
        standings.race(raceId).orElseThrow(() -> Refusal.notFound(ClassificationPhrases.NO_RACE, raceId));
        long start = System.nanoTime();
        int crews = service.rebuild(raceId);
        return new Rebuilt(raceId, crews, (System.nanoTime() - start) / 1_000_000);
    }
}
