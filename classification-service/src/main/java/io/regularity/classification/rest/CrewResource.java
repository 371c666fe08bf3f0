package io.regularity.classification.rest;

import io.regularity.support.rest.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.domain.Crew;
import io.regularity.support.FieldError;
import io.regularity.classification.service.ScoringService;
import io.regularity.classification.service.StandingsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/races/{raceId}/crews")
@Produces(MediaType.APPLICATION_JSON)
public class CrewResource {

    static final int MAX_CREWS = 2000;

    private final ScoringService service;
    private final StandingsService standings;
    private final ObjectMapper json;

    public CrewResource(ScoringService service, StandingsService standings, ObjectMapper json) {
        this.service = service;
        this.standings = standings;
        this.json = json;
    }

    public record ImportAnswer(int imported) {
    }

    @PUT
    @Path("{car}")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.APPLICATION_JSON)
    public Crew put(@PathParam("raceId") String raceId, @PathParam("car") int car, CrewInput body) {
        if (body == null) {
            throw new Problem.InvalidException("a crew is required", List.of(new FieldError("", "is required")));
        }
        CrewInput crew = body.car() == null ? new CrewInput(car, body.driver(), body.codriver(), body.carModel(), body.carYear(),
                body.coefficient(), body.category(), body.team()) : body;
        List<FieldError> errors = new ArrayList<>(crew.problems("", false));
        if (crew.car() != null && crew.car() != car) {
            errors.add(new FieldError("car", "must equal the car number in the path (" + car + ")"));
        }
        if (!errors.isEmpty()) {
            throw new Problem.InvalidException(errors.size() + " problem(s) in the crew", errors);
        }
        Crew stored = crew.toCrew();
        service.putCrews(raceId, List.of(stored));
        return stored;
    }

    /** Bulk import, all or nothing: a JSON array of crews. */
    @POST
    @RolesAllowed("race-direction")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importJson(@PathParam("raceId") String raceId, JsonNode body) {
        if (body == null || !body.isArray()) {
            throw new Problem.InvalidException("the body must be a JSON array of crews", List.of(new FieldError("", "must be an array")));
        }
        List<CrewInput> crews = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            if (!body.get(i).isObject()) {
                errors.add(new FieldError("[" + i + "]", "must be a crew object"));
                continue;
            }
            try {
                crews.add(json.treeToValue(body.get(i), CrewInput.class));
                names.add("[" + i + "]");
            } catch (JsonProcessingException e) {
                errors.add(new FieldError("[" + i + "]", "not a crew: " + e.getOriginalMessage()));
            }
        }
        for (int i = 0; i < crews.size(); i++) {
            errors.addAll(crews.get(i).problems(names.get(i), false));
        }
        return store(raceId, crews, names, errors);
    }

    /** Bulk import, all or nothing: CSV with the contract's header row. */
    @POST
    @RolesAllowed("race-direction")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    public Response importCsv(@PathParam("raceId") String raceId, String body) {
        CrewCsv.Parsed parsed = CrewCsv.parse(body == null ? "" : body);
        return store(raceId, parsed.crews(), parsed.rowNames(), new ArrayList<>(parsed.errors()));
    }

    private Response store(String raceId, List<CrewInput> crews, List<String> names, List<FieldError> errors) {
        if (crews.size() > MAX_CREWS) {
            errors.add(new FieldError("", "at most " + MAX_CREWS + " crews in one import"));
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < crews.size(); i++) {
            Integer car = crews.get(i).car();
            if (car != null && !seen.add(car)) {
                errors.add(new FieldError(names.get(i) + ".car", names.get(i) + ": car " + car + " appears twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new Problem.InvalidException("nothing imported: " + errors.size() + " problem(s)", errors);
        }
        service.putCrews(raceId, crews.stream().map(CrewInput::toCrew).toList());
        return Response.ok(new ImportAnswer(crews.size())).build();
    }

    @GET
    public List<Crew> all(@PathParam("raceId") String raceId) {
        return standings.crews(raceId);
    }
}
