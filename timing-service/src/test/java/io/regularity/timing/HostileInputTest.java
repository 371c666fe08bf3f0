package io.regularity.timing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.RealServers;

/** Broken and hostile bodies on the write endpoints: always a 4xx problem+json, never a 500 or a stack trace. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "timing"))
class HostileInputTest {

    static final String ID = UUID.randomUUID().toString();

    @ParameterizedTest
    @ValueSource(strings = {
            "", "null", "[]", "42", "\"text\"", "{", "{\"id\": }", "{\"id\": \"" + "x\"}",
            "{\"id\": \"%s\", \"car\": \"48\", \"point\": \"P\", \"time\": \"2024-06-11T09:00:00Z\", \"device\": \"d\", \"source\": \"HOSE\"}",
            "{\"id\": \"%s\", \"car\": 1e400, \"point\": \"P\", \"time\": \"2024-06-11T09:00:00Z\", \"device\": \"d\", \"source\": \"HOSE\"}",
            "{\"id\": \"%s\", \"car\": 99999999999999999999, \"point\": \"P\", \"time\": \"2024-06-11T09:00:00Z\", \"device\": \"d\", \"source\": \"HOSE\"}",
            "{\"id\": \"%s\", \"car\": 4.5, \"point\": \"P\", \"time\": \"2024-06-11T09:00:00Z\", \"device\": \"d\", \"source\": \"HOSE\"}",
            "{\"id\": \"%s\", \"car\": -1, \"point\": \"P\", \"time\": \"2024-06-11T09:00:00Z\", \"device\": \"d\", \"source\": \"HOSE\"}",
            "{\"id\": \"%s\", \"car\": 1, \"point\": \"P'; drop table passage; --\", \"time\": \"2024-06-11T09:00:00Z\", \"device\": \"d\", \"source\": \"HOSE\", \"clockOffsetMs\": \"x\"}",
            "{\"id\": \"%s\", \"car\": 1, \"point\": \"\\u0000\\u0007\", \"time\": \"2024-06-11T09:00:00Z\", \"device\": \"d\", \"source\": \"HOSE\"}",
            "{\"id\": \"%s\", \"car\": 1, \"point\": \"P\", \"time\": \"+999999999-12-31T23:59:59Z\", \"device\": \"d\", \"source\": \"HOSE\"}",
            "{\"id\": \"%s\", \"car\": 1, \"point\": \"P\", \"time\": \"2024-13-45T99:00:00Z\", \"device\": \"d\", \"source\": \"HOSE\"}",
            "{\"id\": \"%s\", \"car\": 1, \"point\": \"P\", \"time\": \"0000-01-01T00:00:00Z\", \"device\": \"d\", \"source\": \"HOSE\"}",
            "{\"id\": \"%s\", \"car\": 1, \"point\": \"P\", \"time\": \"9999-12-31T23:59:59Z\", \"device\": \"d\", \"source\": \"HOSE\"}",
            "{\"id\": \"%s\", \"car\": 1, \"point\": \"P\", \"time\": 1718096400000, \"device\": \"d\", \"source\": \"HOSE\"}",
            "{\"id\": \"%s\", \"car\": 1, \"point\": [\"P\"], \"time\": \"2024-06-11T09:00:00Z\", \"device\": {}, \"source\": \"hose\"}",
            "{\"id\": \"%s\", \"car\": 1, \"point\": \"P\", \"time\": \"2024-06-11T09:00:00Z\", \"device\": \"d\", \"source\": \"HOSE\", \"clockOffsetMs\": 9223372036854775807}",
            "{\"id\": \"%s\", \"car\": 1, \"point\": \"P\", \"time\": \"2024-06-11T09:00:00Z\", \"device\": \"d\", \"source\": \"HOSE\", \"clockOffsetMs\": -3600001}" })
    void aBrokenPassageIsA4xxProblem(String template) {
        String body = template.replace("%s", ID);
        given().header("Authorization", RealServers.timekeeper("*")).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/races/golden-race/passages")
                .then().statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)))
                .contentType("application/problem+json")
                .body(not(containsString("Exception"))).body(not(containsString("\tat ")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"passages\": 5}", "[1, 2, 3]", "[null]", "[[]]", "{\"passages\": [\"x\"]}" })
    void aBrokenBatchIsA4xxOrAnsweredItemByItem(String body) {
        given().header("Authorization", RealServers.timekeeper("*")).contentType("application/json").body(body)
                .post("/api/races/golden-race/passages/batch")
                .then().statusCode(both(greaterThanOrEqualTo(200)).and(lessThan(500)))
                .body(not(containsString("Exception")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/xml", "text/plain", "application/octet-stream" })
    void anotherMediaTypeIs415(String mediaType) {
        given().header("Authorization", RealServers.timekeeper("*")).contentType(mediaType).body("<passage/>".getBytes(StandardCharsets.UTF_8))
                .post("/api/races/golden-race/passages").then().statusCode(415).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "page=99999999999", "page=2147483647&size=500", "page=-1" })
    void pagingBeyondAnyListIs400SayingSo(String query) {
        given().get("/api/races/golden-race/passages?" + query).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("page"));
    }

    @org.junit.jupiter.api.Test
    void tokensForAnotherAudienceTooOldOrWithoutADeviceAreRefused() {
        var tokens = io.regularity.testsupport.Tokens.forTests();
        String body = "{\"id\": \"" + UUID.randomUUID() + "\", \"car\": 1, \"point\": \"P\", \"time\": \"2024-06-11T09:00:00Z\","
                + " \"device\": \"tk-1\", \"source\": \"HOSE\"}";
        var now = java.time.Instant.now();
        String otherAudience = tokens.issue("tk", java.util.List.of("timekeeper"), java.util.List.of("*"), "*", now,
                java.time.Duration.ofDays(1), "another-app");
        String tooOld = tokens.issue("tk", java.util.List.of("timekeeper"), java.util.List.of("*"), "*",
                now.minus(java.time.Duration.ofDays(40)), java.time.Duration.ofDays(60), io.regularity.testsupport.Tokens.AUDIENCE);
        String noDevice = tokens.issue("tk", java.util.List.of("timekeeper"), java.util.List.of("*"), null, java.time.Duration.ofDays(1));
        for (String token : java.util.List.of(otherAudience, tooOld)) {
            given().header("Authorization", "Bearer " + token).contentType("application/json").body(body)
                    .post("/api/races/golden-race/passages").then().statusCode(401).contentType("application/problem+json");
        }
        given().header("Authorization", "Bearer " + noDevice).contentType("application/json").body(body)
                .post("/api/races/golden-race/passages").then().statusCode(403)
                .body("detail", containsString("names no device"));
    }

    @org.junit.jupiter.api.Test
    void aMalformedBodyNamesTheFieldItCouldNotRead() {
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json")
                .body("{\"reason\": {\"why\": 1}}").post("/api/races/golden-race/passages/" + ID + "/void")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", org.hamcrest.Matchers.equalTo("Malformed JSON"))
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("reason"));
    }

    @org.junit.jupiter.api.Test
    void invalidUtf8IsA4xx() {
        byte[] body = { '{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
        given().header("Authorization", RealServers.timekeeper("*")).contentType("application/json").body(body)
                .post("/api/races/golden-race/passages")
                .then().statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)));
    }

    /** Issue 34: a NUL in a query value or a race id reached PostgreSQL (500) before the door refused it. */
    @ParameterizedTest
    @ValueSource(strings = { "/api/races/golden-race/passages?point=%00", "/api/races/golden-race/passages?car=1&point=P%0D%0A",
            "/api/races/x%00y/passages", "/api/races/x%00y/clocks", "/api/races/x%00y/passages/changes" })
    void aNulOrALineBreakInAPathOrQueryIs400(String path) {
        given().urlEncodingEnabled(false).get(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.oneOf("raceId", "point"));
    }

    /** Issue 34: a chunked batch over the limit got a bare 413 with no problem body (Quarkus' own limit answered). */
    @org.junit.jupiter.api.Test
    void aChunkedBodyOverTheLimitIs413ProblemJson() {
        StringBuilder batch = new StringBuilder("[");
        while (batch.length() < 1_100_000) {
            batch.append(batch.length() == 1 ? "" : ",").append("{\"id\": \"").append(UUID.randomUUID())
                    .append("\", \"car\": 1, \"point\": \"P\", \"time\": \"2024-06-11T09:00:00Z\", \"device\": \"d\", \"source\": \"HOSE\"}");
        }
        var answer = io.regularity.testsupport.ChunkedBody.send("POST", io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                + "/api/races/golden-race/passages/batch", RealServers.timekeeper("*"), "application/json",
                batch.append("]").toString().getBytes(StandardCharsets.UTF_8));
        org.junit.jupiter.api.Assertions.assertEquals(413, answer.statusCode(), answer.body());
        org.junit.jupiter.api.Assertions.assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        org.junit.jupiter.api.Assertions.assertTrue(answer.body().contains("at most 1048576"), answer.body());
    }

    /** Issue 34: a field a passage does not take was dropped in silence; now each is named, in a post and in a batch's item. */
    @org.junit.jupiter.api.Test
    void unknownFieldsAreNamedNotDropped() {
        PassageResourceTest.knowTheGoldenRace();
        String passage = "{\"id\": \"" + UUID.randomUUID() + "\", \"car\": 1, \"point\": \"P\", \"time\": \"2024-06-11T09:00:00Z\","
                + " \"device\": \"d\", \"source\": \"HOSE\", \"shoeSize\": 44, \"colour\": \"red\"}";
        given().header("Authorization", RealServers.timekeeper("*")).contentType("application/json").body(passage)
                .post("/api/races/golden-race/passages").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("shoeSize", "colour"))
                .body("errors[0].message", containsString("a passage takes car, clockOffsetMs"));
        given().header("Authorization", RealServers.timekeeper("*")).contentType("application/json").body("[" + passage + "]")
                .post("/api/races/golden-race/passages/batch").then().statusCode(200)
                .body("results[0].status", org.hamcrest.Matchers.equalTo("INVALID"))
                .body("results[0].errors.field", org.hamcrest.Matchers.containsInAnyOrder("shoeSize", "colour"));
        // the same, said in Italian: a problem's words, and a batch item's errors in its 200 answer
        given().header("Authorization", RealServers.timekeeper("*")).header("Accept-Language", "it-IT,it;q=0.9").contentType("application/json")
                .body(passage).post("/api/races/golden-race/passages").then().statusCode(400)
                .header("Content-Language", "it").body("title", org.hamcrest.Matchers.equalTo("Passaggio non valido"))
                .body("errors[0].message", containsString("un passaggio accetta car, clockOffsetMs"));
        given().header("Authorization", RealServers.timekeeper("*")).header("Accept-Language", "it").contentType("application/json")
                .body("[" + passage + "]").post("/api/races/golden-race/passages/batch").then().statusCode(200)
                .body("results[0].errors[0].message", containsString("campo sconosciuto; un passaggio accetta car"));
        given().header("Authorization", RealServers.timekeeper("*")).contentType("application/json").body("{\"passages\": [], \"device\": \"x\"}")
                .post("/api/races/golden-race/passages/batch").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("device"));
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json").body("{\"reason\": \"r\", \"by\": \"me\"}")
                .post("/api/races/golden-race/passages/" + UUID.randomUUID() + "/void").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("by"));
    }

    /** Issue 34: a non-character passed into a stored text (and from there into a workbook no XML reader opens). */
    @org.junit.jupiter.api.Test
    void aNonCharacterInATextIsRefused() {
        String passage = "{\"id\": \"" + UUID.randomUUID() + "\", \"car\": 1, \"point\": \"P\\uFFFE\", \"time\": \"2024-06-11T09:00:00Z\","
                + " \"device\": \"d\", \"source\": \"HOSE\"}";
        given().header("Authorization", RealServers.timekeeper("*")).contentType("application/json").body(passage)
                .post("/api/races/golden-race/passages").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("point"));
    }
}
