package io.regularity.classification.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.regularity.classification.domain.Positions;
import io.regularity.classification.service.PositionsService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Where every running car of a leg is now: the public map's dots. */
@Tag(name = "Standings")
@Path("/api/races/{raceId}/positions")
@Produces(MediaType.APPLICATION_JSON)
public class PositionsResource {

    private final PositionsService positions;

    public PositionsResource(PositionsService positions) {
        this.positions = positions;
    }

    @Operation(operationId = "listPositions", summary = "Where every running car of a leg is now",
            description = "One entry per running car seen on the leg: its last counted crossing (`point`, `crossedAt`, `crossedKm`), "
                    + "where it is now (`km`, `lat`, `lon`; `estimated` once past the crossing), the speed its trials impose "
                    + "(`speedKmh`) and the km it stops at until seen there (`untilKm`), so a client moves it on by itself; on a "
                    + "circuit its `lap`. Without `leg`, the latest leg a car was seen on (`X-Leg` says which). docs/rules.md, "
                    + "Where a car is now.")
    @APIResponse(responseCode = "200", description = "The positions", headers = @Header(name = "X-Leg", description = "the leg",
            schema = @Schema(type = SchemaType.INTEGER)), content = @Content(schema = @Schema(type = SchemaType.ARRAY,
                    implementation = Positions.Position.class)))
    @GET
    public RestResponse<List<Positions.Position>> positions(@PathParam("raceId") String raceId, @QueryParam("leg") Integer leg) {
        PositionsService.Answer answer = positions.positions(raceId, leg).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        return RestResponse.ResponseBuilder.ok(answer.positions()).header("X-Leg", answer.leg()).build();
    }
}
