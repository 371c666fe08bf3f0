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
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.regularity.classification.domain.Positions;
import io.regularity.classification.service.PositionsService;
import io.smallrye.mutiny.Multi;
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
                    + "circuit its `lap`. Without `leg`, the latest leg a car was seen on (`X-Leg` says which). A car that sent a "
                    + "fix (topic `fixes`) at most `regularity.positions.fix-max-age` (2 minutes) ago is placed by its latest fix "
                    + "instead: `estimated: false`, `lat`/`lon` the fix's, `fixAt` its time, `ageMs` its age at `at`, `speedMs`, "
                    + "`headingDeg` and `accuracyM` as the fix said them (absent where it did not), `km` the fix brought onto the "
                    + "leg's towns; its crossing fields stay as they were, and a client does not move it on. docs/rules.md, "
                    + "Where a car is now.")
    @APIResponse(responseCode = "200", description = "The positions", headers = @Header(name = "X-Leg", description = "the leg",
            schema = @Schema(type = SchemaType.INTEGER)), content = @Content(schema = @Schema(type = SchemaType.ARRAY,
                    implementation = Positions.Position.class)))
    @GET
    public RestResponse<List<Positions.Position>> positions(@PathParam("raceId") String raceId, @QueryParam("leg") Integer leg) {
        PositionsService.Answer answer = positions.positions(raceId, leg).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        return RestResponse.ResponseBuilder.ok(answer.positions()).header("X-Leg", answer.leg()).build();
    }

    /** The compact live stream of the cars' fixes ({@link PositionsFeed} serves it; what reaches this method is an unknown race). */
    @Operation(operationId = "followPositions", summary = "Server-Sent Events: the cars' latest fixes, at most once a second a car",
            description = "Once a second, an event named `fixes` whose data is `[[car, lat, lon, headingDeg, fixTimeMs], …]`: the cars "
                    + "of the race whose latest fix is newer than the one last sent, each once (lat and lon to 6 decimals, "
                    + "`headingDeg` null when the fix said none, `fixTimeMs` the fix's time in milliseconds since the epoch, so a "
                    + "client can measure fix to map). The first event has every car with a fix at most "
                    + "`regularity.positions.fix-max-age` (2 minutes) old (`[]` when none); a subscriber that fell behind is sent "
                    + "them all again. A comment line every 15 s when nothing moved. A car is matched to the map's dots from "
                    + "`GET …/positions` by `car`; fixes say nothing of the leg.")
    @APIResponse(responseCode = "200", description = "The event stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream(@PathParam("raceId") String raceId) {
        throw StandingsResource.unknownRace(raceId);
    }
}
