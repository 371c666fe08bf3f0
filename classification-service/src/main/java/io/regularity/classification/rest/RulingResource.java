package io.regularity.classification.rest;

import io.regularity.support.rest.Problem;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.regularity.support.FieldError;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.service.ScoringService;
import io.regularity.classification.service.StandingsService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/races/{raceId}")
@Produces(MediaType.APPLICATION_JSON)
public class RulingResource {

    private final ScoringService service;
    private final StandingsService standings;
    private final SecurityIdentity identity;

    public RulingResource(ScoringService service, StandingsService standings, SecurityIdentity identity) {
        this.service = service;
        this.standings = standings;
        this.identity = identity;
    }

    public record RulingRequest(String type, Integer car, String trial, Integer points, String reason) {
    }

    public record RulingView(long id, String type, int car, String trial, Integer points, String reason, String by, Instant at) {
    }

    public record Rebuilt(String raceId, int crews, long durationMs) {
    }

    @POST
    @Path("rulings")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rule(@PathParam("raceId") String raceId, RulingRequest body) {
        RaceDefinition race = standings.race(raceId).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        List<FieldError> errors = new ArrayList<>();
        Ruling.Type type = null;
        if (body == null) {
            throw new Problem.InvalidException("a ruling is required", List.of(new FieldError("", "is required")));
        }
        try {
            type = body.type() == null ? null : Ruling.Type.valueOf(body.type());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (type == null) {
            errors.add(new FieldError("type", "must be STEWARD_PENALTY, ASSIGN_AVERAGE, NEUTRALISE or RETIRE"));
        }
        if (body.car() == null || standings.crews(raceId).stream().noneMatch(c -> c.car() == body.car())) {
            errors.add(new FieldError("car", "must be a car on the entry list"));
        }
        boolean trialKnown = body.trial() != null
                && race.trialsInRouteOrder().stream().anyMatch(p -> p.trial().id().equals(body.trial()));
        if ((type == Ruling.Type.ASSIGN_AVERAGE || type == Ruling.Type.NEUTRALISE) && !trialKnown) {
            errors.add(new FieldError("trial", "must name a trial of the race"));
        } else if (body.trial() != null && !trialKnown) {
            errors.add(new FieldError("trial", "unknown trial " + body.trial()));
        }
        if (type == Ruling.Type.STEWARD_PENALTY && (body.points() == null || body.points() < 1 || body.points() > 100_000)) {
            errors.add(new FieldError("points", "a steward penalty needs points between 1 and 100000"));
        }
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > 500) {
            errors.add(new FieldError("reason", "say why, in at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw new Problem.InvalidException(errors.size() + " problem(s) in the ruling", errors);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Ruling ruling = new Ruling(0, type, body.car(), body.trial(), type == Ruling.Type.STEWARD_PENALTY ? body.points() : null,
                body.reason(), identity.getPrincipal().getName(), now);
        long id = service.rule(raceId, ruling);
        return Response.created(URI.create("/api/races/" + raceId + "/rulings/" + id))
                .entity(new RulingView(id, type.name(), ruling.car(), ruling.trial(), ruling.points(), ruling.reason(), ruling.by(),
                        now))
                .build();
    }

    @POST
    @Path("rebuild")
    @RolesAllowed("race-direction")
    public Rebuilt rebuild(@PathParam("raceId") String raceId) {
        standings.race(raceId).orElseThrow(() -> new NotFoundException("no race " + raceId));
        long start = System.nanoTime();
        int crews = service.rebuild(raceId);
        return new Rebuilt(raceId, crews, (System.nanoTime() - start) / 1_000_000);
    }
}
