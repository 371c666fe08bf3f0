package io.regularity.support.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.regularity.support.Lang;
import io.regularity.support.Said;
import io.regularity.support.SupportPhrases;
import io.regularity.support.config.SupportConfig;
import io.vertx.ext.web.Router;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * A body over {@code regularity.body-limit.max-size} is a 413 problem+json that says the limit (and
 * {@code regularity.body-limit.hint}, what the limit means in the service's own words): refused before it is read when
 * its {@code Content-Length} says so, and as soon as the limit is passed while a chunked body (no length) is read.
 * Quarkus' own {@code quarkus.http.limits.max-body-size} stays above it, as a backstop: its 413 has no body.
 */
@Singleton // read by the interceptor through fields: no client proxy in between
public class BodyLimit {

    private final long max;
    private final String explained;

    public BodyLimit(SupportConfig config) {
        this.max = config.bodyLimit().maxSize().asLongValue();
        this.explained = config.bodyLimit().hint().map(h -> " (" + h + ")").orElse("");
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(ctx -> {
            long size = contentLength(ctx.request().getHeader("Content-Length"));
            if (size > max) {
                Problem.end(ctx, 413, SupportPhrases.PAYLOAD_TOO_LARGE, SupportPhrases.BODY_TOO_LARGE.with(size, max, explained), null);
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

    /** A chunked body that passed the limit while it was read. */
    public static class TooLarge extends RuntimeException {
        public final transient Said said;

        TooLarge(Said said) {
            super(said.in(Lang.EN));
            this.said = said;
        }
    }

    /** Counts what a resource reads of a body and stops it past the limit, which only a chunked body can reach. */
    @Provider
    public static class Counting implements ReaderInterceptor {
        private final BodyLimit limit;

        public Counting(BodyLimit limit) {
            this.limit = limit;
        }

        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
            context.setInputStream(new FilterInputStream(context.getInputStream()) {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    count(Math.max(n, 0));
                    return n;
                }

                private void count(int n) {
                    read += n;
                    if (read > limit.max) {
                        throw new TooLarge(SupportPhrases.BODY_OVER.with(limit.max, limit.explained));
                    }
                }
            });
            return context.proceed();
        }
    }
}
