package io.regularity.support;

import io.regularity.support.Refusal;

import java.util.List;

/**
 * The one way a service says no to a request: what it refuses, with the HTTP status, a short title, what is wrong, and
 * field by field what to fix. Thrown from any layer (a resource, a service, the domain reading a list's name);
 * service-support's ProblemMappers answers it as problem+json. A service's own refusals extend it with their status and
 * title (a stale revision, a device already given) and need no mapper of their own.
 */
public class Refusal extends RuntimeException {

    public final int status;
    public final String title;
    public final transient List<FieldError> errors;

    public Refusal(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** 400: the request is malformed or impossible; {@code errors} names each field. */
    public static Refusal invalid(String detail, List<FieldError> errors) {
        return new Refusal(400, "Invalid request", detail, errors);
    }

    /** 400 about one field. */
    public static Refusal invalid(String field, String message) {
        return invalid(message, List.of(new FieldError(field, message)));
    }

    /** 404: the race has no such thing (a crew, a trial, a passage, a revision). */
    public static Refusal notFound(String detail) {
        return new Refusal(404, "Not Found", detail, null);
    }

    /** 409: the request is right but comes at the wrong moment (already revoked, not yet publishable). */
    public static Refusal conflict(String title, String detail) {
        return new Refusal(409, title, detail, null);
    }
}
