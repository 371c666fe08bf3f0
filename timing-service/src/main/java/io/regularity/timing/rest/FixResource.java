package io.regularity.timing.rest;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;
import io.regularity.support.FieldError;
import io.regularity.support.Refusal;
import io.regularity.support.Said;
import io.regularity.support.SupportPhrases;
import io.regularity.support.rest.Problem;
import io.regularity.support.rest.ProblemMappers;
import io.regularity.support.security.TokenClaims;
import io.regularity.timing.domain.FixParser;
import io.regularity.timing.domain.PassageParser;
import io.regularity.timing.domain.TimingPhrases;
import io.regularity.timing.service.FixPublisher;
import io.regularity.timing.service.FixService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The positions a crew's phone (or GNSS receiver) takes of its car, sent in batches and handed to Kafka. */
@Path("/api/races/{raceId}/cars/{car}/fixes")
@Tag(name = "Fixes", description = "A car's GPS positions from its crew's phone, straight to Kafka: 202 once the broker acknowledged them")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FixResource {

    /** About 700 KB of compact JSON (some 140 bytes a fix), within timing's 1 MB body limit: 8 minutes of a 10 Hz receiver. */
    public static final int MAX_BATCH = 5000;

    private final FixService service;
    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public FixResource(FixService service, JsonWebToken token, SecurityIdentity identity) {
        this.service = service;
        this.token = token;
        this.identity = identity;
    }

    @Schema(name = "FixInput", description = "One position of the car, as the crew's phone or GNSS receiver took it")
    public record FixInput(
            @Schema(required = true, description = "when: the receiver's GNSS time, else the phone's corrected by its measured offset; "
                    + "at most 24 h ahead of the server's clock") Instant time,
            @Schema(required = true, minimum = "-90", maximum = "90", description = "WGS 84 degrees", examples = "45.5214") double lat,
            @Schema(required = true, minimum = "-180", maximum = "180", description = "WGS 84 degrees", examples = "9.5937") double lon,
            @Schema(minimum = "0", maximum = "150", nullable = true, description = "ground speed in m/s; absent or null: unknown", examples = "16.4") Double speedMs,
            @Schema(minimum = "0", maximum = "360", nullable = true, description = "course over ground, degrees clockwise from "
                    + "north, less than 360; absent or null: unknown", examples = "212.5") Double headingDeg,
            @Schema(minimum = "0", maximum = "10000", nullable = true, description = "horizontal accuracy in m, above 0; absent or null: "
                    + "unknown", examples = "3.5") Double accuracyM,
            @Schema(required = true, enumeration = { "PHONE", "NMEA" }, description = "the phone's positioning, or a GNSS receiver's "
                    + "NMEA sentences") String source) {
    }

    /** What a 202 says: how many fixes the broker acknowledged. */
    public record FixesAccepted(int accepted) {
    }

    public static final String FIXES_EXAMPLE = """
            [{"time": "2023-06-13T14:02:33.400Z", "lat": 45.52141, "lon": 9.59372, "speedMs": 16.4, "headingDeg": 212.5,
              "accuracyM": 3.5, "source": "PHONE"},
             {"time": "2023-06-13T14:02:33.500Z", "lat": 45.52130, "lon": 9.59362, "speedMs": 16.5, "headingDeg": 212.7,
              "accuracyM": 3.5, "source": "PHONE"}]""";

    @Operation(operationId = "postFixes", summary = "Send a batch of a car's fixes: 202 once Kafka acknowledged every one",
            description = "A crew's token (group `crew`) sends its own race's and car's fixes; race direction any car's (tests, "
                    + "replays). At most 5,000 fixes, taken whole or not at all: one bad value is a 400 naming the fix and the field "
                    + "(`[3].lat`). An empty array is a 202 of nothing. The 202 comes only once the broker acknowledged every fix "
                    + "(acks=all); when it does not in time, a 503 with `Retry-After`: nothing is lost, send the same batch again "
                    + "(a fix is the same fact however often it comes: idempotent by its time).")
    @APIResponse(responseCode = "202", description = "Every fix acknowledged by Kafka: the phone may forget them",
            content = @Content(schema = @Schema(implementation = FixesAccepted.class)))
    @APIResponse(responseCode = "413", description = "More than 5,000 fixes in one batch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time: keep the fixes and send them again after `Retry-After`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @POST
    @RolesAllowed({ "crew", "race-direction" })
    public Response post(@PathParam("raceId") String raceId,
            @Parameter(description = "the car's number", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "9999"))
            @PathParam("car") String car,
            @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FixInput.class,
                    maxItems = MAX_BATCH), examples = @ExampleObject(name = "two fixes of car 48 at 10 Hz", value = FIXES_EXAMPLE)))
            JsonNode body, @Context UriInfo uri, @Context HttpHeaders headers) {
        int number = car(car);
        mayPostFor(raceId, number);
        if (body == null || !body.isArray()) {
            throw new Refusal(400, TimingPhrases.INVALID_FIXES, TimingPhrases.FIXES_NOT_ARRAY.with(),
                    List.of(new FieldError("", TimingPhrases.MUST_BE_ARRAY)));
        }
        if (body.size() > MAX_BATCH) {
            throw new Refusal(413, TimingPhrases.BATCH_TOO_LARGE, TimingPhrases.FIXES_OVER.with(body.size(), MAX_BATCH),
                    List.of(new FieldError("", TimingPhrases.AT_MOST_ITEMS, MAX_BATCH)));
        }
        FixParser.Parsed parsed = FixParser.parse(body, Instant.now());
        if (!parsed.valid()) {
            throw new Refusal(400, TimingPhrases.INVALID_FIXES, SupportPhrases.PROBLEMS_IN.with(parsed.errors().size(), TimingPhrases.THE_FIXES),
                    parsed.errors());
        }
        try {
            return Response.accepted(new FixesAccepted(service.record(raceId, number, device(), parsed.fixes()))).build();
        } catch (FixPublisher.NotAcknowledged e) {
            return Response.fromResponse(ProblemMappers.problem(503, SupportPhrases.SERVICE_UNAVAILABLE,
                    TimingPhrases.FIXES_NOT_ACKNOWLEDGED.with(service.ackTimeoutSeconds()), uri, headers, null))
                    .header("Retry-After", "5").build();
        }
    }

    /** The car in the address: a whole number from 1 to 9999, as a passage's. */
    private static int car(String car) {
        try {
            int number = Integer.parseInt(car);
            if (number >= 1 && number <= PassageParser.MAX_CAR) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw Refusal.invalid("car", TimingPhrases.CAR_IN_PATH, PassageParser.MAX_CAR);
    }

    /**
     * Race direction sends any car's fixes; a crew's token only those of the race and the car it names ({@code races},
     * {@code car}).
     */
    private void mayPostFor(String raceId, int car) {
        if (identity.hasRole("race-direction")) {
            return;
        }
        List<String> races = TokenClaims.races(token);
        if (!races.contains(raceId)) {
            throw forbidden(TimingPhrases.TOKEN_CREW_OTHER_RACE.with(races, raceId));
        }
        OptionalLong own = TokenClaims.car(token);
        if (own.isEmpty()) {
            throw forbidden(TimingPhrases.TOKEN_NO_CAR.with());
        }
        if (own.getAsLong() != car) {
            throw forbidden(TimingPhrases.TOKEN_OTHER_CAR.with(own.getAsLong(), car));
        }
    }

    /** Who sent the fixes: the token's device (the crew's phone), else its holder's name (race direction). */
    private String device() {
        String device = TokenClaims.device(token);
        return device == null || device.isBlank() ? token.getName() : device;
    }

    private static Refusal forbidden(Said detail) {
        return new Refusal(403, SupportPhrases.FORBIDDEN, detail, null);
    }
}
