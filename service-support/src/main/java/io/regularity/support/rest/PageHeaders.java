package io.regularity.support.rest;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.regularity.support.config.SupportConfig;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The headers a browser needs to protect the people using the pages: every response says {@code nosniff} and sends
 * no referrer (a timekeeper's link carries its token); every page says where its scripts, styles, images and calls may
 * come from (its own service, and the other services' public URLs it calls: {@code regularity.pages.connect-src}), that
 * no inline script or style runs, and who may frame it: nobody, but for the paths in {@code regularity.pages.embeddable}
 * (the dashboard's widget page, which organisers embed in their sites).
 */
@ApplicationScoped
public class PageHeaders {

    void install(@Observes Router router, SupportConfig config) {
        SupportConfig.Pages pages = config.pages();
        List<String> connect = pages.connectSrc().orElse(List.of()).stream().filter(s -> !s.isBlank()).toList();
        List<String> images = pages.imgSrc().orElse(List.of()).stream().filter(s -> s.contains("://")).toList();
        String framed = policy(connect, images, "*");
        String alone = policy(connect, images, "'none'");
        Set<String> embeddablePaths = pages.embeddable().orElse(Set.of());
        String permissions = pages.permissionsPolicy();
        router.route().order(-4).handler(ctx -> {
            String path = ctx.request().path();
            ctx.addHeadersEndHandler(v -> {
                MultiMap headers = ctx.response().headers();
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("Referrer-Policy", "no-referrer");
                String type = headers.get("Content-Type");
                if (type == null || !type.startsWith("text/html") || path.startsWith("/q/")) {
                    return; // an API answer, or Quarkus' own tools (Swagger UI runs inline scripts)
                }
                boolean embed = embeddablePaths.contains(path);
                headers.set("Content-Security-Policy", embed ? framed : alone);
                if (!embed) {
                    headers.set("X-Frame-Options", "DENY");
                }
                headers.set("Permissions-Policy", permissions);
            });
            ctx.next();
        });
    }

    /**
     * Everything from the page's own service; calls to the other services it names; images from the tile server it
     * names ({@code {s}.tile…} as {@code *.tile…}); framed by {@code ancestors}.
     */
    static String policy(List<String> connect, List<String> images, String ancestors) {
        String others = origins(connect);
        String tiles = origins(images.stream().map(s -> s.replace("{s}", "*")).toList());
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:" + (tiles.isEmpty() ? "" : " " + tiles)
                + "; font-src 'self'; "
                + "connect-src 'self'" + (others.isEmpty() ? "" : " " + others) + "; worker-src 'self'; manifest-src 'self'; "
                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors " + ancestors;
    }

    private static String origins(List<String> urls) {
        return urls.stream().map(String::trim).filter(s -> !s.isEmpty()).map(PageHeaders::origin).distinct().collect(Collectors.joining(" "));
    }

    /** {@code http://localhost:8081/} → {@code http://localhost:8081}: CSP names origins. */
    static String origin(String url) {
        int scheme = url.indexOf("://");
        int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        return slash < 0 ? url : url.substring(0, slash);
    }
}
