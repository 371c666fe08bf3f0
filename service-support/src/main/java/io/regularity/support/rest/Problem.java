package io.regularity.support.rest;

import java.util.List;

import io.regularity.support.FieldError;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem: what went wrong and, field by field, what to fix. */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String title, String detail, String instance, List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, instance, errors == null ? List.of() : errors))
                .build();
    }

    /**
     * Answers a request with a problem from a Vert.x route, a door that refuses it before any resource runs; the
     * connection is closed, as the body may not have been read.
     */
    public static void end(RoutingContext ctx, int status, String title, String detail, List<FieldError> errors) {
        Problem problem = new Problem("about:blank", title, status, detail, ctx.request().path(), errors == null ? List.of() : errors);
        ctx.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).putHeader("Connection", "close").end(Json.encode(problem));
    }
}
