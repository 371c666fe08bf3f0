package io.regularity.classification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.classification.rest.ExportLimit;
import io.regularity.support.rest.ClientAddress;
import io.regularity.testsupport.RealServers;

/** The pages protect the people using them (issue 29): a Content-Security-Policy, framing, and a public export that one client cannot hammer. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class BrowserSafetyTest {

    @Test
    void thePagesRunOnlyTheirOwnScriptsAndOnlyTheWidgetMayBeFramed() {
        given().get("/widget.html").then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("default-src 'self'"), containsString("script-src 'self';"),
                        containsString("style-src 'self';"), containsString("connect-src 'self' http://localhost:8081 http://localhost:8082 http://localhost:8084;"),
                        containsString("frame-ancestors *"), not(containsString("unsafe-inline")), not(containsString("unsafe-eval"))))
                .header("X-Frame-Options", nullValue()) // the widget is framed by the organisers' sites
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .header("Permissions-Policy", containsString("camera=()"));
        // issue 34: the whole dashboard allowed any frame; only the widget's page needs it
        for (String page : List.of("/", "/index.html")) {
            given().get(page).then().statusCode(200).header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Frame-Options", "DENY");
        }
        given().get("/direction/").then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("frame-ancestors 'none'"), not(containsString("unsafe-inline"))))
                .header("X-Frame-Options", "DENY");
        // an API answer is not a page: no policy, but never sniffed
        given().get("/api/races").then().statusCode(200).header("Content-Security-Policy", nullValue())
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void oneClientTakesTheExportSixTimesAMinuteThenIsToldWhenToComeBack() {
        String race = "r-export-limit";
        Events.route(race, Events.raceDefined(race, "POINTS", 1, "OPEN"));
        ClassificationTest.awaitRace(race);
        for (int i = 0; i < 6; i++) {
            given().header("X-Forwarded-For", "203.0.113.7").get("/api/races/" + race + "/export").then().statusCode(200);
        }
        given().header("X-Forwarded-For", "203.0.113.7").get("/api/races/" + race + "/export").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]?"))
                .body("detail", containsString("6 times a minute"));
        // another client, and race direction, are not held back by it
        given().header("X-Forwarded-For", "203.0.113.8").get("/api/races/" + race + "/export").then().statusCode(200);
        given().header("X-Forwarded-For", "203.0.113.7").header("Authorization", RealServers.raceDirection())
                .get("/api/races/" + race + "/export").then().statusCode(200);
    }

    /**
     * Issue 34: behind a proxy that appends to X-Forwarded-For, one client took 9 exports of 9 by writing a new leftmost
     * address each time. The address the nearest trusted proxy saw (the rightmost untrusted one) is what is counted.
     */
    @Test
    void aClientCannotEscapeTheLimitByWritingItsOwnForwardedFor() {
        String race = "r-export-forged";
        Events.route(race, Events.raceDefined(race, "POINTS", 1, "OPEN"));
        ClassificationTest.awaitRace(race);
        for (int i = 0; i < 6; i++) {
            given().header("X-Forwarded-For", "198.51.100." + i + ", 203.0.113.9").get("/api/races/" + race + "/export").then().statusCode(200);
        }
        given().header("X-Forwarded-For", "198.51.100.77, 203.0.113.9").get("/api/races/" + race + "/export").then().statusCode(429);
        // through two trusted proxies (a load balancer, then the Ingress) the same client is still the one counted
        given().header("X-Forwarded-For", "198.51.100.78, 203.0.113.9, 10.0.0.5").get("/api/races/" + race + "/export").then().statusCode(429);
        // what is not an address is not believed, and is no 500
        given().header("X-Forwarded-For", "garbage").get("/api/races/" + race + "/export").then().statusCode(anyOf(is(200), is(429)));
    }

    @Test
    void theNearestTrustedProxysPeerIsTheClient() {
        ClientAddress clients = new ClientAddress(java.util.Optional.of(List.of("127.0.0.1", "10.0.0.0/8")));
        assertEquals("203.0.113.9", clients.of("127.0.0.1", List.of("198.51.100.1, 203.0.113.9")));
        assertEquals("203.0.113.9", clients.of("127.0.0.1", List.of("198.51.100.1", "203.0.113.9, 10.1.2.3")), "two header lines");
        assertEquals("127.0.0.1", clients.of("127.0.0.1", List.of("not-an-address")));
        assertEquals("192.0.2.4", clients.of("192.0.2.4", List.of("198.51.100.1")), "an untrusted peer's header is not read");
        assertEquals("127.0.0.1", clients.of("127.0.0.1", List.of()));
        assertEquals("2001:db8::1", clients.of("127.0.0.1", List.of("2001:db8:0:0:0:0:0:1")));
        assertEquals("unknown", clients.of(null, List.of("198.51.100.1")));
    }

    @Test
    void theWindowIsAMinuteFromTheFirstExport() {
        AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
        ExportLimit limit = new ExportLimit(2, now::get);
        assertTrue(limit.retryAfter("a").isEmpty());
        now.addAndGet(TimeUnit.SECONDS.toNanos(20));
        assertTrue(limit.retryAfter("a").isEmpty());
        assertEquals(OptionalLong.of(40), limit.retryAfter("a"));
        assertTrue(limit.retryAfter("b").isEmpty(), "each client counts alone");
        now.addAndGet(TimeUnit.SECONDS.toNanos(39) + 500_000_000L);
        assertEquals(OptionalLong.of(1), limit.retryAfter("a"), "half a second left is said as one");
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertTrue(limit.retryAfter("a").isEmpty(), "a new minute");
    }
}
