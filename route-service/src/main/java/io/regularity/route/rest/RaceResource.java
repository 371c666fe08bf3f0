package io.regularity.route.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.regularity.route.domain.Race;
import io.regularity.route.domain.Race.Leg;
import io.regularity.support.outbox.OutboxRelay;
import io.regularity.route.service.RaceService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/races")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RaceResource {

    private final RaceService races;
    private final OutboxRelay relay;
    private final SecurityIdentity identity;

    public RaceResource(RaceService races, OutboxRelay relay, SecurityIdentity identity) {
        this.races = races;
        this.relay = relay;
        this.identity = identity;
    }

    public record RaceSummary(String id, String name, Integer year, int legs, Map<String, String> scoring) {
    }

    public record LegSummary(Integer number, String name, String date, String from, String to, Double distanceKm,
            int towns, int trials) {
    }

    @PUT
    @Path("{raceId}")
    @RolesAllowed("race-direction")
    public Response put(@PathParam("raceId") String raceId, @HeaderParam("If-Match") String ifMatch, Race body) {
        if (body == null) {
            throw new jakarta.ws.rs.BadRequestException("a race definition is required");
        }
        RaceService.Saved saved = races.put(raceId, body, revisionOf(ifMatch), identity.getPrincipal().getName());
        relay.wakeUp();
        Response.ResponseBuilder response = saved.created()
                ? Response.created(URI.create("/api/races/" + raceId))
                : Response.ok();
        return response.tag(etag(saved.race())).entity(saved.race()).build();
    }

    @GET
    public List<RaceSummary> all() {
        return races.all().stream()
                .map(r -> new RaceSummary(r.id(), r.name(), r.year(), r.legs().size(), Map.of("model", r.scoring().model())))
                .toList();
    }

    @GET
    @Path("{raceId}")
    public Response get(@PathParam("raceId") String raceId) {
        Race race = race(raceId);
        return Response.ok(race).tag(etag(race)).build();
    }

    @GET
    @Path("{raceId}/legs")
    public List<LegSummary> legs(@PathParam("raceId") String raceId) {
        return race(raceId).legs().stream()
                .map(l -> new LegSummary(l.number(), l.name(), l.date(), l.from(), l.to(), l.distanceKm(), size(l.towns()),
                        size(l.trials())))
                .toList();
    }

    @GET
    @Path("{raceId}/legs/{n}")
    public Leg leg(@PathParam("raceId") String raceId, @PathParam("n") int n) {
        return leg(race(raceId), n);
    }

    @GET
    @Path("{raceId}/legs/{n}/towns")
    public List<Race.Town> towns(@PathParam("raceId") String raceId, @PathParam("n") int n) {
        Leg leg = leg(race(raceId), n);
        return leg.towns() == null ? List.of() : leg.towns();
    }

    @GET
    @Path("{raceId}/legs/{n: \\d+}.geojson")
    @Produces({ "application/geo+json", MediaType.APPLICATION_JSON })
    public Map<String, Object> geojson(@PathParam("raceId") String raceId, @PathParam("n") int n) {
        Race race = race(raceId);
        return io.regularity.route.domain.LegGeoJson.of(race, leg(race, n));
    }

    @PATCH
    @Path("{raceId}/trials/{trialId}")
    @RolesAllowed("race-direction")
    public Response patchTrial(@PathParam("raceId") String raceId, @PathParam("trialId") String trialId,
            @HeaderParam("If-Match") String ifMatch, RaceService.TrialPatch patch) {
        if (patch == null) {
            throw new jakarta.ws.rs.BadRequestException("say what changes: status, targetMs, averageKmh or durationMinutes");
        }
        RaceService.Saved saved = races.patchTrial(raceId, trialId, patch, revisionOf(ifMatch), identity.getPrincipal().getName())
                .orElseThrow(() -> new NotFoundException("race " + raceId + " has no trial " + trialId));
        relay.wakeUp();
        Race.Trial trial = saved.race().legs().stream().flatMap(l -> l.trials().stream()).filter(t -> t.id().equals(trialId))
                .findFirst().orElseThrow();
        return Response.ok(trial).tag(etag(saved.race())).build();
    }

    /** Publishes a leg as final, once its trials are closed: a new revision, recorded like every change. */
    @POST
    @Path("{raceId}/legs/{n}/publish")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.WILDCARD)
    public Response publishLeg(@PathParam("raceId") String raceId, @PathParam("n") int n) {
        RaceService.Saved saved = races.publish(raceId, n, identity.getPrincipal().getName())
                .orElseThrow(() -> new NotFoundException("race " + raceId + " has no leg " + n));
        relay.wakeUp();
        return Response.ok(saved.race().published()).tag(etag(saved.race())).build();
    }

    /** Publishes the whole race as final, once every trial is closed. */
    @POST
    @Path("{raceId}/publish")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.WILDCARD)
    public Response publishRace(@PathParam("raceId") String raceId) {
        RaceService.Saved saved = races.publish(raceId, null, identity.getPrincipal().getName())
                .orElseThrow(() -> new NotFoundException("no race " + raceId));
        relay.wakeUp();
        return Response.ok(saved.race().published()).tag(etag(saved.race())).build();
    }

    /** Every revision of the definition: who changed what, when (trial closed, target corrected, leg published…). */
    @GET
    @Path("{raceId}/history")
    public List<RaceService.Change> history(@PathParam("raceId") String raceId) {
        return races.history(raceId).orElseThrow(() -> new NotFoundException("no race " + raceId));
    }

    @GET
    @Path("{raceId}/trials")
    public List<Race.Trial> trials(@PathParam("raceId") String raceId, @QueryParam("leg") Integer legNumber) {
        Race race = race(raceId);
        return race.legs().stream()
                .filter(l -> legNumber == null || l.number().equals(legNumber))
                .flatMap(l -> l.trials() == null ? java.util.stream.Stream.empty() : l.trials().stream())
                .toList();
    }

    private Race race(String raceId) {
        return races.find(raceId).orElseThrow(() -> new NotFoundException("no race " + raceId));
    }

    private static Leg leg(Race race, int n) {
        return race.legs().stream().filter(l -> l.number() == n).findFirst()
                .orElseThrow(() -> new NotFoundException("race " + race.id() + " has no leg " + n));
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
            throw new jakarta.ws.rs.BadRequestException("If-Match must carry a revision such as \"3\"");
        }
    }
}
