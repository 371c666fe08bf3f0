package io.regularity.timing.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.regularity.timing.persistence.LineReplayRepository;
import io.regularity.timing.service.PassageService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** How the re-processings of the fixes for lines defined or moved late are getting on (recovery/LineReplays). */
@Path("/api/races/{raceId}/gps/replays")
@Tag(name = "Fixes")
@Produces(MediaType.APPLICATION_JSON)
public class GpsResource {

    private final LineReplayRepository replays;
    private final PassageService passages;

    public GpsResource(LineReplayRepository replays, PassageService passages) {
        this.replays = replays;
        this.passages = passages;
    }

    @Schema(name = "LineReplay", description = "A re-processing of the fixes already sent, for a virtual line defined or moved after they "
            + "were: WAITING (the line reaching every instance first), RUNNING, DONE")
    public record ReplayView(String point, String state, Instant requestedAt, Instant startedAt, Instant doneAt,
            @Schema(description = "the race's fixes read so far") long fixesRead,
            @Schema(description = "the new GPS passages found so far") int crossings) {
    }

    @Operation(operationId = "listLineReplays", summary = "The race's re-processings of its cars' fixes for lines placed late, newest first")
    @GET
    @RolesAllowed("race-direction")
    public List<ReplayView> list(@PathParam("raceId") String raceId) {
        if (!passages.raceKnown(raceId)) {
            throw new PassageService.UnknownRaceException(raceId);
        }
        return replays.of(raceId).stream().map(r -> new ReplayView(r.point(), r.doneAt() != null ? "DONE" : r.startedAt() != null ? "RUNNING"
                : "WAITING", r.requestedAt(), r.startedAt(), r.doneAt(), r.fixesRead(), r.crossings())).toList();
    }
}
