package io.regularity.classification.rest;

import java.time.Instant;
import java.util.zip.GZIPOutputStream;

import io.regularity.classification.service.ResultsExport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * {@code GET /api/races/{raceId}/export[?asOf=…]}: every fact the race's lists follow from, as one bundle that
 * {@code deploy/verify-results} scores again offline. Public, like the lists it proves: a crew preparing a protest
 * needs it as much as race direction. Gzipped when the client accepts it ({@code curl --compressed}).
 */
@Path("/api/races/{raceId}/export")
public class ExportResource {

    private final ResultsExport export;

    public ExportResource(ResultsExport export) {
        this.export = export;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response export(@PathParam("raceId") String raceId, @QueryParam("asOf") String asOf,
            @HeaderParam("Accept-Encoding") String acceptEncoding) {
        Instant requested = StandingsResource.instant("asOf", asOf);
        Instant at = requested == null || requested.isAfter(Instant.now()) ? Instant.now() : requested;
        ResultsExport.Prepared prepared = export.prepare(raceId, at).orElseThrow(() -> StandingsResource.unknownRace(raceId));
        boolean gzip = acceptEncoding != null && acceptEncoding.toLowerCase(java.util.Locale.ROOT).contains("gzip");
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
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Results-Revision", prepared.header().revision()).header("X-Results-Digest", prepared.header().digest());
        return (gzip ? response.header("Content-Encoding", "gzip").header("Vary", "Accept-Encoding") : response).build();
    }
}
