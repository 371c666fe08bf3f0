package io.regularity.support.rest;

import java.util.List;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.regularity.support.Database;
import io.regularity.support.FieldError;
import io.regularity.support.Refusal;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Every error as problem+json, never a stack trace or an HTML page. A service adds mappers of its own
 * only for its own exceptions (an invalid race definition, a stale revision, an unknown race).
 */
public class ProblemMappers {

    /** Every refusal of every service: its status, title, detail and fields, as it says them. */
    @ServerExceptionMapper
    public Response refused(Refusal e, UriInfo uri) {
        return Problem.response(e.status, e.title, e.getMessage(), uri.getPath(), e.errors);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        if (e.getCause() instanceof BodyLimit.TooLarge tooLarge) { // the parser reading past the limit
            return tooLarge(tooLarge, uri);
        }
        String field = e instanceof MismatchedInputException m ? path(m) : "";
        String message = e.getOriginalMessage();
        return Problem.response(400, "Malformed JSON", "the body is not valid JSON for this endpoint", uri.getPath(),
                List.of(new FieldError(field, message == null ? "unreadable" : message.split("\n")[0])));
    }

    @ServerExceptionMapper
    public Response tooLarge(BodyLimit.TooLarge e, UriInfo uri) {
        return Response.fromResponse(Problem.response(413, "Payload too large", e.getMessage(), uri.getPath(), null))
                .header("Connection", "close").build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof BodyLimit.TooLarge tooLarge) {
            return tooLarge(tooLarge, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        return Problem.response(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Response.fromResponse(Problem.response(401, "Unauthorized",
                "this write needs a bearer token (Authorization: Bearer …) with the right role", uri.getPath(), null))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        boolean revoked = e.getMessage() != null && e.getMessage().contains("revoked");
        return Response.fromResponse(Problem.response(401, "Unauthorized", revoked ? e.getMessage() + ": ask for a new device"
                : "the bearer token is invalid or has expired", uri.getPath(), null)).header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.response(403, "Forbidden",
                e.getMessage() == null || e.getMessage().isBlank() ? "your token's role does not allow this write" : e.getMessage(),
                uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (Database.unavailable(e)) {
            Log.warnf("database unavailable on %s: %s", uri.getPath(), e.getMessage());
            return Response.fromResponse(Problem.response(503, "Service Unavailable",
                    "the database is unavailable for a moment; nothing was stored, retry shortly", uri.getPath(), null))
                    .header("Retry-After", "5").build();
        }
        Log.errorf(e, "unexpected error on %s", uri.getPath());
        return Problem.response(500, "Internal error", "the server could not complete the request", uri.getPath(), null);
    }

    /** The JSON path of the field Jackson could not read: {@code passages[3].time}. */
    static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
