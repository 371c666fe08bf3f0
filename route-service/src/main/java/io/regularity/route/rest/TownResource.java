package io.regularity.route.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.regularity.route.domain.RoutePhrases;
import io.regularity.route.service.RaceService;
import io.regularity.support.Refusal;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/towns")
@Tag(name = "Towns", description = "Which races and legs pass through a town")
@Produces(MediaType.APPLICATION_JSON)
public class TownResource {

    private final RaceService races;

    public TownResource(RaceService races) {
        this.races = races;
    }

    /** Which races and legs pass through a town; case and accents do not matter. */
    @GET
    @Operation(operationId = "searchTowns", summary = "Races and legs through a town (case and accents do not matter)")
    public List<RaceService.TownHit> search(@QueryParam("name") String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw Refusal.invalid("name", RoutePhrases.TOWN_NAME_REQUIRED);
        }
        return races.towns(name.trim());
    }
}
