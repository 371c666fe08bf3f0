package io.regularity.classification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.classification.rest.ExportLimit;
import io.regularity.testsupport.RealServers;

/** The pages protect the people using them (issue 29): a Content-Security-Policy, framing, and a public export that one client cannot hammer. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class BrowserSafetyTest {

    @Test
    void thePagesRunOnlyTheirOwnScriptsAndOnlyTheDashboardMayBeFramed() {
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("default-src 'self'"), containsString("script-src 'self';"),
                        containsString("style-src 'self';"), containsString("connect-src 'self' http://localhost:8081 http://localhost:8082;"),
                        containsString("frame-ancestors *"), not(containsString("unsafe-inline")), not(containsString("unsafe-eval"))))
                .header("X-Frame-Options", nullValue()) // the widget is framed by the organisers' sites
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .header("Permissions-Policy", containsString("camera=()"));
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
