package io.regularity.support.rest;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is refused before it is read, with a 413
 * problem+json that says the limit (and {@code regularity.body-limit.hint}, what the limit means in the
 * service's own words).
 */
@ApplicationScoped
public class BodyLimit {

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
            @ConfigProperty(name = "regularity.body-limit.hint") Optional<String> hint) {
        long max = limit.asLongValue();
        String explained = hint.map(h -> " (" + h + ")").orElse("");
        router.route().order(-3).handler(ctx -> {
            long size = contentLength(ctx.request().getHeader("Content-Length"));
            if (size > max) {
                JsonObject problem = new JsonObject().put("type", "about:blank").put("title", "Payload too large").put("status", 413)
                        .put("detail", "the body has " + size + " bytes; at most " + max + " are accepted" + explained)
                        .put("instance", ctx.request().path()).put("errors", new JsonArray());
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                        .end(problem.encode());
                return;
            }
            ctx.next();
        });
    }

    private static long contentLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
