package io.regularity.classification.rest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.Protest;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.service.ProtestService;
import io.regularity.classification.service.StandingsService;
import io.regularity.support.FieldError;
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

/** The crews' protests, as race direction records and decides them (docs/rules.md, The protest window). */
@Tag(name = "Protests", description = "The crews' protests within a posted list's window, and race direction's decisions on them")
@Path("/api/races/{raceId}/protests")
@Produces(MediaType.APPLICATION_JSON)
public class ProtestResource {

    /** As many rulings as one decision may carry: far beyond a protest about a trial of every crew. */
    static final int MAX_RULINGS = 50;
    /** How long ago a protest may say it was handed in: a race's protests are recorded within its days. */
    static final int MAX_DAYS_AGO = 30;

    private final ProtestService protests;
    private final StandingsService standings;
    private final SecurityIdentity identity;

    public ProtestResource(ProtestService protests, StandingsService standings, SecurityIdentity identity) {
        this.protests = protests;
        this.standings = standings;
        this.identity = identity;
    }

    public record ProtestRequest(@Schema(required = true, description = "the protesting crew's car") Integer car,
            @Schema(required = true, description = "who of the crew lodged it, at most 200 characters") String by,
            @Schema(required = true, description = "what it is about, at most 500 characters") String subject,
            @Schema(description = "the trial it is about; its leg is then the trial's") String trial,
            @Schema(description = "the leg it is about; neither trial nor leg: the whole race") Integer leg,
            @Schema(description = "when the crew handed it in (default: now); after the window of its list: 409") Instant lodgedAt) {
    }

    public static final String PROTEST_EXAMPLE = """
            {"car": 48, "by": "Giulia Rossi", "subject": "PC7: the hose at the finish was moved before we passed", "trial": "PC7",
             "lodgedAt": "2027-06-12T16:20:00Z"}""";

    public record Decision(@Schema(required = true, enumeration = { "UPHELD", "REJECTED", "WITHDRAWN" }) String outcome,
            @Schema(required = true, description = "why, at most 500 characters") String reason,
            @Schema(description = "for an upheld protest, the rulings it leads to, made in the same step (at most 50)")
            List<RulingResource.RulingRequest> rulings) {
    }

    public static final String DECISION_EXAMPLE = """
            {"outcome": "UPHELD", "reason": "the hose was found moved 3 m; the crew is given the average of PC6 and PC8",
             "rulings": [{"type": "ASSIGN_AVERAGE", "car": 48, "trial": "PC7", "reason": "protest upheld: hose moved"}]}""";

    /** A protest as race direction sees it: {@code status} OPEN until decided, then its outcome. */
    public record ProtestView(UUID id, int car, String by, String subject, String trial, Integer leg, Instant lodgedAt, String recordedBy,
            Instant recordedAt, @Schema(enumeration = { "OPEN", "UPHELD", "REJECTED", "WITHDRAWN" }) String status, String reason,
            List<Long> rulings, String decidedBy, Instant decidedAt) {

        static ProtestView of(Protest p) {
            return new ProtestView(p.id(), p.car(), p.by(), p.subject(), p.trial(), p.leg(), p.lodgedAt(), p.recordedBy(), p.recordedAt(),
                    p.open() ? "OPEN" : p.outcome().name(), p.reason(), p.rulings(), p.decidedBy(), p.decidedAt());
        }
    }

    @Operation(operationId = "lodgeProtest", summary = "Record a crew's protest (within the protest window of its list)")
    @APIResponse(responseCode = "201", description = "The protest, recorded; `Location` names it",
            content = @Content(schema = @Schema(implementation = ProtestView.class)))
    @APIResponse(responseCode = "409", description = "Lodged after the window of its list closed, or the list is official already: "
            + "`detail` says when", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @POST
    @RolesAllowed("race-direction")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response lodge(@PathParam("raceId") String raceId, @RequestBody(required = true, content = @Content(schema = @Schema(
            implementation = ProtestRequest.class), examples = @ExampleObject(name = "a protest about a trial", value = PROTEST_EXAMPLE)))
            ProtestRequest body) {
        RaceDefinition race = standings.race(raceId).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        if (body == null) {
            throw Refusal.invalid(ClassificationPhrases.PROTEST_REQUIRED.with(), List.of(new FieldError("", SupportPhrases.IS_REQUIRED)));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<FieldError> errors = new ArrayList<>();
        if (body.car() == null || standings.crews(raceId).stream().noneMatch(c -> c.car() == body.car())) {
            errors.add(new FieldError("car", ClassificationPhrases.CAR_ENTERED));
        }
        if (body.by() == null || body.by().isBlank() || body.by().length() > 200) {
            errors.add(new FieldError("by", ClassificationPhrases.PROTEST_BY));
        }
        if (body.subject() == null || body.subject().isBlank() || body.subject().length() > 500) {
            errors.add(new FieldError("subject", ClassificationPhrases.PROTEST_SUBJECT));
        }
        Integer leg = body.leg();
        if (leg != null && race.legs().stream().noneMatch(l -> l.number() == body.leg())) {
            errors.add(new FieldError("leg", ClassificationPhrases.LEG_OF_THE_RACE, race.legs().size()));
        }
        if (body.trial() != null) {
            var placed = race.trialsInRouteOrder().stream().filter(p -> p.trial().id().equals(body.trial())).findFirst();
            if (placed.isEmpty()) {
                errors.add(new FieldError("trial", ClassificationPhrases.UNKNOWN_TRIAL, body.trial()));
            } else if (leg != null && placed.get().leg().number() != leg) {
                errors.add(new FieldError("trial", ClassificationPhrases.TRIAL_NOT_IN_LEG, body.trial(), placed.get().leg().number(), leg));
            } else {
                leg = placed.get().leg().number();
            }
        }
        Instant lodgedAt = body.lodgedAt() == null ? now : body.lodgedAt();
        if (lodgedAt.isAfter(now.plusSeconds(60))) {
            errors.add(new FieldError("lodgedAt", ClassificationPhrases.LODGED_IN_THE_FUTURE, now));
        } else if (lodgedAt.isBefore(now.minus(Duration.ofDays(MAX_DAYS_AGO)))) {
            errors.add(new FieldError("lodgedAt", ClassificationPhrases.LODGED_LONG_AGO, MAX_DAYS_AGO));
        }
        if (!errors.isEmpty()) {
            throw Refusal.problems(ClassificationPhrases.THE_PROTEST, errors);
        }
        Protest protest = protests.lodge(raceId, new Protest(UUID.randomUUID(), body.car(), body.by().trim(), body.subject().trim(),
                body.trial(), leg, lodgedAt.truncatedTo(ChronoUnit.MILLIS), identity.getPrincipal().getName(), now, null, null, List.of(), null, null));
        return Response.created(URI.create("/api/races/" + raceId + "/protests/" + protest.id())).entity(ProtestView.of(protest)).build();
    }

    /** Every protest of the race, in the order they were lodged, decided ones with their decision. Race direction only. */
    @Operation(operationId = "listProtests", summary = "Every protest of the race, open and decided")
    @GET
    @RolesAllowed("race-direction")
    public List<ProtestView> list(@PathParam("raceId") String raceId) {
        standings.race(raceId).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        return protests.protests(raceId).stream().map(ProtestView::of).toList();
    }

    @Operation(operationId = "decideProtest", summary = "Decide a protest: upheld (with the rulings it leads to, in one step), rejected or withdrawn")
    @APIResponse(responseCode = "200", description = "The protest, decided", content = @Content(schema = @Schema(implementation = ProtestView.class)))
    @APIResponse(responseCode = "409", description = "It was decided already", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(ref = "Problem")))
    @POST
    @Path("{id}/decide")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProtestView decide(@PathParam("raceId") String raceId, @PathParam("id") String id, @RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = Decision.class), examples = @ExampleObject(name = "upheld, with a ruling",
                    value = DECISION_EXAMPLE))) Decision body) {
        RaceDefinition race = standings.race(raceId).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        UUID protestId;
        try {
            protestId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Refusal.notFound(ClassificationPhrases.RACE_HAS_NO_PROTEST, raceId, id);
        }
        if (body == null) {
            throw Refusal.invalid(ClassificationPhrases.PROTEST_REQUIRED.with(), List.of(new FieldError("", SupportPhrases.IS_REQUIRED)));
        }
        List<FieldError> errors = new ArrayList<>();
        Protest.Outcome outcome = null;
        try {
            outcome = body.outcome() == null ? null : Protest.Outcome.valueOf(body.outcome());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (outcome == null) {
            errors.add(new FieldError("outcome", ClassificationPhrases.OUTCOME));
        }
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > 500) {
            errors.add(new FieldError("reason", ClassificationPhrases.SAY_WHY));
        }
        List<RulingResource.RulingRequest> asked = body.rulings() == null ? List.of() : body.rulings();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String by = identity.getPrincipal().getName();
        List<Ruling> rulings = new ArrayList<>();
        if (!asked.isEmpty() && outcome != null && outcome != Protest.Outcome.UPHELD) {
            errors.add(new FieldError("rulings", ClassificationPhrases.RULINGS_ONLY_UPHELD));
        } else if (asked.size() > MAX_RULINGS) {
            errors.add(new FieldError("rulings", ClassificationPhrases.AT_MOST_RULINGS, MAX_RULINGS));
        } else {
            List<Integer> cars = standings.crews(raceId).stream().map(c -> c.car()).toList();
            for (int i = 0; i < asked.size(); i++) {
                if (asked.get(i) == null) {
                    errors.add(new FieldError("rulings[" + i + "]", SupportPhrases.IS_REQUIRED));
                    continue;
                }
                Ruling ruling = RulingResource.ruling(race, cars, asked.get(i), "rulings[" + i + "].", errors, by, now);
                if (ruling != null) {
                    rulings.add(ruling);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw Refusal.problems(ClassificationPhrases.THE_PROTEST, errors);
        }
        return protests.decide(raceId, protestId, outcome, body.reason().trim(), rulings, by, now).map(ProtestView::of)
                .orElseThrow(() -> Refusal.notFound(ClassificationPhrases.RACE_HAS_NO_PROTEST, raceId, id));
    }
}
