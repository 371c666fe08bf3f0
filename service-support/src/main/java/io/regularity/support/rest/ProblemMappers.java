package io.regularity.support.rest;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.regularity.support.Database;
import io.regularity.support.FieldError;
import io.regularity.support.Lang;
import io.regularity.support.Phrase;
import io.regularity.support.Refusal;
import io.regularity.support.Said;
import io.regularity.support.SupportPhrases;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Every error as problem+json, never a stack trace or an HTML page, in the reader's language ({@code ?lang=}, then
 * {@code Accept-Language}; English otherwise). A service adds no mapper of its own: its refusals extend
 * {@link Refusal}.
 */
public class ProblemMappers {

    /** Every refusal of every service: its status, title, detail and fields, as it says them. */
    @ServerExceptionMapper
    public Response refused(Refusal e, UriInfo uri, HttpHeaders headers) {
        return problem(e.status, e.title, e.detail, uri, headers, e.errors);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri, HttpHeaders headers) {
        return badJson(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        if (e.getCause() instanceof BodyLimit.TooLarge tooLarge) { // the parser reading past the limit
            return tooLarge(tooLarge, uri, headers);
        }
        String field = e instanceof MismatchedInputException m ? path(m) : "";
        return problem(400, SupportPhrases.MALFORMED_JSON, SupportPhrases.BODY_NOT_JSON.with(), uri, headers,
                List.of(new FieldError(field, said(e))));
    }

    @ServerExceptionMapper
    public Response tooLarge(BodyLimit.TooLarge e, UriInfo uri, HttpHeaders headers) {
        return Response.fromResponse(problem(413, SupportPhrases.PAYLOAD_TOO_LARGE, e.said, uri, headers, null))
                .header("Connection", "close").build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        if (e.getCause() instanceof BodyLimit.TooLarge tooLarge) {
            return tooLarge(tooLarge, uri, headers);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json, uri, headers);
        }
        int status = e.getResponse().getStatus();
        String path = uri.getPath();
        return switch (status) {
            case 404 -> problem(404, SupportPhrases.NOT_FOUND, SupportPhrases.NO_SUCH_ADDRESS.with(path), uri, headers, null);
            case 405 -> problem(405, SupportPhrases.METHOD_NOT_ALLOWED, SupportPhrases.METHOD_NOT_TAKEN.with(path), uri, headers, null);
            case 406 -> problem(406, SupportPhrases.NOT_ACCEPTABLE, SupportPhrases.NOT_ACCEPTABLE_DETAIL.with(path), uri, headers, null);
            case 415 -> problem(415, SupportPhrases.UNSUPPORTED_MEDIA_TYPE, SupportPhrases.MEDIA_TYPE_NOT_TAKEN.with(path), uri, headers, null);
            default -> problem(status, SupportPhrases.REFUSED, SupportPhrases.REQUEST_REFUSED.with(status + " "
                    + e.getResponse().getStatusInfo().getReasonPhrase()), uri, headers, null);
        };
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return Response.fromResponse(problem(401, SupportPhrases.UNAUTHORIZED, SupportPhrases.TOKEN_NEEDED.with(), uri, headers, null))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        boolean revoked = e.getMessage() != null && e.getMessage().contains("revoked");
        return Response.fromResponse(problem(401, SupportPhrases.UNAUTHORIZED,
                revoked ? SupportPhrases.TOKEN_REVOKED.with() : SupportPhrases.TOKEN_INVALID.with(), uri, headers, null))
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return problem(403, SupportPhrases.FORBIDDEN, SupportPhrases.ROLE_NOT_ALLOWED.with(), uri, headers, null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        if (Database.unavailable(e)) {
            Log.warnf("database unavailable on %s: %s", uri.getPath(), e.getMessage());
            return Response.fromResponse(problem(503, SupportPhrases.SERVICE_UNAVAILABLE, SupportPhrases.DATABASE_UNAVAILABLE.with(),
                    uri, headers, null)).header("Retry-After", "5").build();
        }
        Log.errorf(e, "unexpected error on %s", uri.getPath());
        return problem(500, SupportPhrases.INTERNAL_ERROR, SupportPhrases.UNEXPECTED.with(), uri, headers, null);
    }

    /** A problem in the language the request asks for. */
    public static Response problem(int status, Phrase title, Said detail, UriInfo uri, HttpHeaders headers, List<FieldError> errors) {
        Lang lang = lang(uri, headers);
        return Response.fromResponse(Problem.response(status, title, detail, uri.getPath(), errors, lang))
                .header("Content-Language", lang.name().toLowerCase()).build();
    }

    /** The reader's language: {@code ?lang=}, then {@code Accept-Language}. */
    public static Lang lang(UriInfo uri, HttpHeaders headers) {
        return Lang.of(uri.getQueryParameters().getFirst("lang"), headers == null ? null : headers.getHeaderString("Accept-Language"));
    }

    /** What a value Jackson could not read has wrong, in words: the text's own words, or the kind of value expected. */
    static Said said(JsonProcessingException e) {
        if (e instanceof RequestJson.UnfitText unfit) {
            return unfit.said;
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            return SupportPhrases.NOT_A.with(String.valueOf(invalid.getValue()), kind(invalid.getTargetType()));
        }
        if (e instanceof ValueInstantiationException made && made.getType() != null) { // a value its type's creator refused
            return SupportPhrases.MUST_BE.with(kind(made.getType().getRawClass()));
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) { // a list where a text goes…
            return SupportPhrases.MUST_BE.with(kind(mismatched.getTargetType()));
        }
        String message = e.getOriginalMessage();
        return SupportPhrases.UNREADABLE.with(message == null ? "?" : message.split("\n")[0]);
    }

    /** The kind of value a type takes, as a person says it. */
    static Said kind(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class) {
            return SupportPhrases.A_WHOLE_NUMBER.with();
        }
        if (type == double.class || type == Double.class || type == float.class || type == java.math.BigDecimal.class) {
            return SupportPhrases.A_NUMBER.with();
        }
        if (type == boolean.class || type == Boolean.class) {
            return SupportPhrases.TRUE_OR_FALSE.with();
        }
        if (type == java.time.LocalDate.class) {
            return SupportPhrases.A_DATE.with();
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return SupportPhrases.AN_INSTANT.with();
        }
        if (type.isEnum()) {
            return SupportPhrases.ONE_OF.with(Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", ")));
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return SupportPhrases.A_LIST.with();
        }
        if (type == String.class || type == Character.class) {
            return SupportPhrases.A_TEXT.with();
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return SupportPhrases.AN_OBJECT.with();
        }
        return SupportPhrases.A_VALUE_OF.with(type.getSimpleName());
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
