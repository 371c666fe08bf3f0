package io.regularity.support;

import java.util.List;

/**
 * The one way a service says no to a request: what it refuses, with the HTTP status, a short title, what is wrong, and
 * field by field what to fix, each a {@link Phrase} so the answer comes in the reader's language. Thrown from any layer
 * (a resource, a service, the domain reading a list's name); service-support's ProblemMappers answers it as
 * problem+json. A service's own refusals extend it with their status and title (a stale revision, a device already
 * given) and need no mapper of their own.
 */
public class Refusal extends RuntimeException {

    public final int status;
    public final transient Phrase title;
    public final transient Said detail;
    public final transient List<FieldError> errors;

    public Refusal(int status, Phrase title, Said detail, List<FieldError> errors) {
        super(detail.in(Lang.EN));
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** 400: the request is malformed or impossible; {@code errors} names each field. */
    public static Refusal invalid(Said detail, List<FieldError> errors) {
        return new Refusal(400, SupportPhrases.INVALID_REQUEST, detail, errors);
    }

    /** 400 about one field, the detail saying what the field's error says. */
    public static Refusal invalid(String field, Phrase phrase, Object... values) {
        return invalid(field, phrase.with(values));
    }

    /** 400 about one field, the detail saying what the field's error says. */
    public static Refusal invalid(String field, Said said) {
        return invalid(said, List.of(new FieldError(field, said)));
    }

    /** 400 about several fields: "N problem(s) in the {what}". */
    public static Refusal problems(Phrase what, List<FieldError> errors) {
        return invalid(SupportPhrases.PROBLEMS_IN.with(errors.size(), what), errors);
    }

    /** 404: the race has no such thing (a crew, a trial, a passage, a revision). */
    public static Refusal notFound(Phrase phrase, Object... values) {
        return new Refusal(404, SupportPhrases.NOT_FOUND, phrase.with(values), null);
    }

    /** 409: the request is right but comes at the wrong moment (already revoked, not yet publishable). */
    public static Refusal conflict(Phrase title, Said detail) {
        return new Refusal(409, title, detail, null);
    }

    /** The first error's words as the detail, for a door that found one or more errors. */
    public static Said first(List<FieldError> errors) {
        return errors.get(0).said();
    }
}
