package io.regularity.route.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.nayuki.qrcodegen.QrCode;
import io.quarkus.security.identity.SecurityIdentity;
import io.regularity.route.domain.Posts;
import io.regularity.route.domain.RoutePhrases;
import io.regularity.route.service.DeviceService;
import io.regularity.route.service.RaceService;
import io.regularity.support.Refusal;
import io.regularity.support.rest.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The timing posts of a race, and the phones race direction gives them. */
@Path("/api/races/{raceId}")
@Tag(name = "Posts", description = "The timing posts, and the devices given to them and to the crews, with their tokens and links")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    private final RaceService races;
    private final DeviceService devices;
    private final SecurityIdentity identity;

    public DeviceResource(RaceService races, DeviceService devices, SecurityIdentity identity) {
        this.races = races;
        this.devices = devices;
        this.identity = identity;
    }

    @Operation(operationId = "listPosts", summary = "Every timing post: where it is and what it times, with its role in each trial")
    @GET
    @Path("posts")
    public List<Posts.Post> posts(@PathParam("raceId") String raceId) {
        return Posts.of(races.find(raceId).orElseThrow(() -> Refusal.notFound(RoutePhrases.NO_RACE, raceId)));
    }

    /** What race direction asks for: a device for a post ({@code point}) or for a crew's car ({@code car}), one of them. */
    public record DeviceRequest(@Schema(required = true, description = "the device's name, e.g. tk-17 or crew-48") String device,
            @Schema(description = "the timing point of the post (a post's phone); not with `car`") String point,
            @Schema(implementation = Integer.class, minimum = "1", maximum = "9999", description = "the crew's car (a crew's phone, which "
                    + "sends the car's fixes); not with `point`") JsonNode car) {
    }

    public static final String DEVICE_EXAMPLE = """
            {"device": "tk-17", "point": "L1-P01"}""";

    public static final String CREW_DEVICE_EXAMPLE = """
            {"device": "crew-48", "car": 48}""";

    @Operation(operationId = "giveDevice", summary = "Give a device to a post or a crew's car: its token and the link that sets the app up",
            description = "`{device, point}`: a timekeeper token scoped to the race and the device; the link opens the timekeeper app "
                    + "already set up for the post. `{device, car}`: a crew token (group `crew`, claim `car`) that sends only that car's "
                    + "fixes in this race; the link opens the crew app (`/crew/` on timing-service). One of `point` and `car`, not both. "
                    + "Valid until the day after the race's last leg (no more than the 31 days the services accept a token's age). "
                    + "409 while the device has a token that counts.")
    @APIResponse(responseCode = "201", description = "Given: its link and QR code, shown this once", content = @Content(schema = @Schema(
            implementation = Given.class)))
    @APIResponse(responseCode = "409", description = "The device has a token that counts: revoke it first",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @POST
    @Path("devices")
    @RolesAllowed("race-direction")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response give(@PathParam("raceId") String raceId, @RequestBody(required = true, content = @Content(schema = @Schema(
            implementation = DeviceRequest.class), examples = { @ExampleObject(name = "a phone for the first post", value = DEVICE_EXAMPLE),
                    @ExampleObject(name = "a phone for car 48's crew", value = CREW_DEVICE_EXAMPLE) }))
            DeviceRequest body) {
        if (body == null) {
            throw Refusal.invalid("", RoutePhrases.SAY_DEVICE_AND_POST);
        }
        DeviceService.Issued issued = devices.issue(raceId, body.device(), body.point(), car(body.car()), identity.getPrincipal().getName())
                .orElseThrow(() -> Refusal.notFound(RoutePhrases.NO_RACE, raceId));
        return Response.created(URI.create("/api/races/" + raceId + "/devices/" + issued.device())).entity(Given.of(issued)).build();
    }

    /** The crew's car asked for: absent, or a whole number from 1 to 9999. */
    private static Integer car(JsonNode car) {
        if (car == null || car.isNull()) {
            return null;
        }
        if (!car.isIntegralNumber() || !car.canConvertToInt() || car.intValue() < 1 || car.intValue() > DeviceService.MAX_CAR) {
            throw Refusal.invalid("car", RoutePhrases.CAR_NUMBER, DeviceService.MAX_CAR);
        }
        return car.intValue();
    }

    /**
     * A device given: its link, shown this once (the token in it is not kept), and the link as a QR code. A post's phone
     * says its {@code point} and {@code leg}, a crew's its {@code car}.
     */
    public record Given(String device, @Schema(description = "a post's phone: its timing point") String point,
            @Schema(description = "a post's phone: the leg of its point") Integer leg,
            @Schema(description = "a crew's phone: its car") Integer car, String link, Instant expiresAt,
            @Schema(description = "the link as an SVG QR code, for the post's or the crew's sheet") String qr) {
        static Given of(DeviceService.Issued issued) {
            return new Given(issued.device(), issued.point(), issued.leg(), issued.car(), issued.link(), issued.expiresAt(),
                    svg(issued.link(), issued.device()));
        }
    }

    @Operation(operationId = "listDevices", summary = "The devices given to the posts (never their tokens)")
    @GET
    @Path("devices")
    @RolesAllowed("race-direction")
    public List<DeviceService.Device> list(@PathParam("raceId") String raceId) {
        return devices.list(raceId).orElseThrow(() -> Refusal.notFound(RoutePhrases.NO_RACE, raceId));
    }

    @Operation(operationId = "newDeviceQr", summary = "A new QR code for a device (SVG): a new token, the old one revoked",
            description = "A device's token is shown once, in the answer that gives it, and never kept (only its hash): to print its "
                    + "post's sheet again, or for a phone that lost it, this issues a new token for the same post and revokes the old "
                    + "one, so the phone holding the old code stops working.")
    @APIResponse(responseCode = "200", description = "The new QR code", content = @Content(mediaType = "image/svg+xml",
            schema = @Schema(type = SchemaType.STRING)))
    @POST
    @Path("devices/{device}/qr")
    @RolesAllowed("race-direction")
    @Produces("image/svg+xml")
    public Response qr(@PathParam("raceId") String raceId, @PathParam("device") String device) {
        DeviceService.Issued issued = devices.reissue(raceId, device, identity.getPrincipal().getName())
                .orElseThrow(() -> Refusal.notFound(RoutePhrases.NO_DEVICE_WITH_TOKEN, raceId, device));
        return Response.ok(svg(issued.link(), device), "image/svg+xml").header("Cache-Control", "no-store").build();
    }

    @Operation(operationId = "revokeDevice", summary = "Revoke a device's token (a lost phone): every service refuses it within a minute")
    @DELETE
    @Path("devices/{device}")
    @RolesAllowed("race-direction")
    public DeviceService.Device revoke(@PathParam("raceId") String raceId, @PathParam("device") String device) {
        return devices.revoke(raceId, device, identity.getPrincipal().getName())
                .orElseThrow(() -> Refusal.notFound(RoutePhrases.NO_DEVICE, raceId, device));
    }

    /** A link as an SVG QR code: one path of dark modules, a quiet zone of four, scaled by the page that shows it. */
    static String svg(String link, String device) {
        QrCode qr = QrCode.encodeText(link, QrCode.Ecc.LOW);
        int border = 4;
        int size = qr.size + 2 * border;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" shape-rendering=\"crispEdges\" role=\"img\">"
                + "<title>QR code for device " + device.replace("<", "&lt;").replace("&", "&amp;") + "</title>"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }
}
