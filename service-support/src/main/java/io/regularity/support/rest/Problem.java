package io.regularity.support.rest;

import java.util.List;

import io.regularity.support.FieldError;
import io.regularity.support.Lang;
import io.regularity.support.Phrase;
import io.regularity.support.Said;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem: what went wrong and, field by field, what to fix, in the reader's language. */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, Phrase title, Said detail, String instance, List<FieldError> errors, Lang lang) {
        return Response.status(status).type(MEDIA_TYPE).entity(of(status, title, detail, instance, errors, lang)).build();
    }

    static Problem of(int status, Phrase title, Said detail, String instance, List<FieldError> errors, Lang lang) {
        return new Problem("about:blank", title.text(lang), status, detail.in(lang), instance,
                errors == null ? List.of() : errors.stream().map(e -> e.in(lang)).toList());
    }

    /**
     * Answers a request with a problem from a Vert.x route, a door that refuses it before any resource runs; the
     * connection is closed, as the body may not have been read.
     */
    public static void end(RoutingContext ctx, int status, Phrase title, Said detail, List<FieldError> errors) {
        Lang lang = lang(ctx.request().query(), ctx.request().getHeader("Accept-Language"));
        Problem problem = of(status, title, detail, ctx.request().path(), errors, lang);
        ctx.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).putHeader("Content-Language", lang.name().toLowerCase())
                .putHeader("Connection", "close").end(Json.encode(problem));
    }

    /** The reader's language from a raw query ({@code lang=it}, read without decoding anything else) and Accept-Language. */
    public static Lang lang(String query, String acceptLanguage) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("lang=")) {
                    return Lang.of(pair.substring(5), acceptLanguage);
                }
            }
        }
        return Lang.of(null, acceptLanguage);
    }
}
