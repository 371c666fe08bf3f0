package io.regularity.support.rest;

import java.util.List;

import io.regularity.support.FieldError;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem: what went wrong and, field by field, what to fix. */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String title, String detail, String instance, List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, instance, errors == null ? List.of() : errors))
                .build();
    }

    /** A 400 that lists what to fix. */
    public static class InvalidException extends RuntimeException {
        public final transient List<FieldError> errors;

        public InvalidException(String detail, List<FieldError> errors) {
            super(detail);
            this.errors = List.copyOf(errors);
        }

        public InvalidException(String field, String message) {
            this(message, List.of(new FieldError(field, message)));
        }
    }
}
