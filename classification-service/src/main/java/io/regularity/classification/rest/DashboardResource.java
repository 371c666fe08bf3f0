package io.regularity.classification.rest;

import java.util.List;
import java.util.Map;

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

import io.regularity.classification.config.ClassificationConfig;
import io.regularity.classification.service.StandingsService;
import io.regularity.support.rest.Paging;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** What the dashboard page (served at {@code /}) needs besides the standings API. */
@Tag(name = "Races", description = "The races being scored")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    private final StandingsService standings;
    private final String routeUrl;

    private final String timingUrl;
    private final String championshipUrl;
    private final String tiles;
    private final String tilesAttribution;

    public DashboardResource(StandingsService standings, ClassificationConfig config) {
        this.standings = standings;
        this.routeUrl = config.dashboard().routeUrl();
        this.timingUrl = config.dashboard().timingUrl();
        this.championshipUrl = config.dashboard().championshipUrl();
        this.tiles = config.dashboard().tiles().contains("://") ? config.dashboard().tiles() : "";
        this.tilesAttribution = config.dashboard().tilesAttribution();
    }

    public record RaceSummary(String id, String name, Integer year, int legs, String model) {
    }

    /** The races classification knows (from route-events), for the race picker. */
    @Operation(operationId = "listScoredRaces", summary = "The races classification knows (from route-events), paged",
            description = "A JSON array; `X-Total-Count` and `Link` (rel=next) page it. Without `size` a page holds 500.")
    @GET
    @Path("api/races")
    public RestResponse<List<RaceSummary>> races(@QueryParam("page") @DefaultValue("0") long page,
            @QueryParam("size") Integer size, @Context UriInfo uri) {
        return Paging.array(standings.races().stream().map(r -> new RaceSummary(r.id(), r.name(), r.year(), r.legs().size(), r.model())).toList(), page, size, uri);
    }

    /**
     * Where the pages reach the other services (route-service's, timing-service's and championship-service's public base URLs) and the map's
     * tile server with its attribution (empty: the schematic alone).
     */
    @Operation(hidden = true) // the dashboard page's own settings, not an API
    @GET
    @Path("dashboard/config.json")
    public Map<String, String> config() {
        return Map.of("routeUrl", routeUrl, "timingUrl", timingUrl, "championshipUrl", championshipUrl, "tiles", tiles, "tilesAttribution",
                tilesAttribution);
    }
}
