package io.regularity.classification.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.ResultsBundle;
import io.regularity.classification.service.ResultsExport;
import io.regularity.support.Lang;
import io.regularity.support.SupportPhrases;
import io.regularity.support.rest.Attachment;
import io.regularity.support.rest.ClientAddress;
import io.regularity.support.rest.Problem;
import io.regularity.support.rest.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /api/races/{raceId}/export[?asOf=…]}: every fact the race's lists follow from, as one bundle that
 * {@code deploy/verify-results} scores again offline. Public, like the lists it proves: a crew preparing a protest
 * needs it as much as race direction. Gzipped when the client accepts it ({@code curl --compressed}).
 */
@Tag(name = "Results proof", description = "The facts behind the lists, for a protest or an audit")
@Path("/api/races/{raceId}/export")
public class ExportResource {

    /** The bundle's shape, for the API document (it is written field by field, streamed from a cursor). */
    @Schema(name = "ResultsBundle", description = "format regularity-results-bundle/1 (docs/results.md)")
    record BundleDocument(String format, String raceId, Instant exportedAt, Instant asOf, long revision, String digest,
            @Schema(description = "the race definition as route-service published it") Map<String, Object> definition,
            List<Crew> crews,
            List<ResultsBundle.BundleRuling> rulings,
            List<ResultsBundle.Passage> passages) {
    }

    private final ResultsExport export;
    private final ExportLimit limit;
    private final ClientAddress clients;
    private final SecurityIdentity identity;

    public ExportResource(ResultsExport export, ExportLimit limit, ClientAddress clients, SecurityIdentity identity) {
        this.export = export;
        this.limit = limit;
        this.clients = clients;
        this.identity = identity;
    }

    @Operation(operationId = "exportResults", summary = "Every fact the lists follow from, as one bundle to verify offline",
            description = "`./deploy/verify-results BUNDLE [LIST]` scores it again without a server and says whether a published "
                    + "list agrees. Gzipped with `Accept-Encoding: gzip` (`curl --compressed`).")
    @APIResponse(responseCode = "200", description = "The bundle, streamed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BundleDocument.class)))
    @APIResponse(responseCode = "429", description = "This client took the export too often: `Retry-After` says in how many seconds "
            + "it may again (race direction's token is not counted)", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(ref = "Problem")))
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response export(@PathParam("raceId") String raceId, @QueryParam("asOf") String asOf,
            @HeaderParam("Accept-Encoding") String acceptEncoding, @Context HttpServerRequest request, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        if (!identity.hasRole("race-direction")) {
            OptionalLong wait = limit.retryAfter(clients.of(request));
            if (wait.isPresent()) {
                Lang lang = ProblemMappers.lang(uri, headers);
                Response tooMany = Problem.response(429, SupportPhrases.TOO_MANY_REQUESTS,
                        ClassificationPhrases.EXPORT_TOO_OFTEN.with(limit.perMinute(), wait.getAsLong()), request.path(), List.of(), lang);
                return Response.fromResponse(tooMany).header("Retry-After", wait.getAsLong())
                        .header("Content-Language", lang.name().toLowerCase(Locale.ROOT)).build();
            }
        }
        Instant requested = StandingsQuery.instant("asOf", asOf);
        Instant at = requested == null || requested.isAfter(Instant.now()) ? Instant.now() : requested;
        ResultsExport.Prepared prepared = export.prepare(raceId, at).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        boolean gzip = acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip");
        StreamingOutput body = out -> {
            if (gzip) {
                try (GZIPOutputStream zipped = new GZIPOutputStream(out, 65536)) {
                    export.write(prepared, zipped);
                }
            } else {
                export.write(prepared, out);
            }
        };
        String name = raceId + "-" + at.toString().replace(":", "") + ".bundle.json";
        Response.ResponseBuilder response = Response.ok(body, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", Attachment.disposition(name))
                .header("X-Results-Revision", prepared.header().revision()).header("X-Results-Digest", prepared.header().digest());
        return (gzip ? response.header("Content-Encoding", "gzip").header("Vary", "Accept-Encoding") : response).build();
    }
}
