package io.regularity.route;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.RealServers;

/** Broken and hostile race definitions and patches: always a 4xx problem+json, never a 500 or a stack trace. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "route"))
class HostileInputTest {

    @ParameterizedTest
    @ValueSource(strings = { "", "null", "[]", "42", "{", "{\"legs\": 5}", "{\"legs\": [null]}", "{\"legs\": [{\"trials\": [null]}]}",
            "{\"name\": \"R\", \"year\": 2024, \"legs\": [{\"number\": 1, \"name\": \"L\", \"timingPoints\": [null]}]}",
            "{\"name\": \"R\", \"year\": 99999999999, \"legs\": []}",
            "{\"name\": \"R\", \"year\": 2024, \"scoring\": {\"pointsTable\": [null, -1]}, \"legs\": [{\"number\": 1, \"name\": \"L\"}]}",
            "{\"name\": \"R\", \"year\": 2024, \"legs\": [{\"number\": 1, \"name\": \"L\", \"towns\": [null]}]}",
            "{\"name\": \"R\", \"year\": 2024, \"legs\": [{\"number\": 1, \"name\": \"L\", \"timingPoints\": [{\"id\": \"A\"}],"
                    + " \"trials\": [{\"id\": \"PM1\", \"type\": \"PM\", \"start\": \"A\", \"averageKmh\": 40, \"detections\": [null]}]}]}",
            "{\"name\": \"R\", \"year\": 2024, \"trophies\": [null], \"legs\": [{\"number\": 1, \"name\": \"L\"}]}",
            "{\"name\": \"'; drop table race; --\", \"year\": 2024, \"legs\": [{\"number\": 1, \"name\": \"\\u0000\"}], \"timeZone\": \"\"}" })
    void aBrokenDefinitionIsA4xxProblem(String body) {
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).put("/api/races/hostile")
                .then().statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500))).contentType("application/problem+json")
                .body(not(containsString("Exception"))).body(not(containsString("\tat ")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "id with spaces", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "%2e%2e" })
    void aBadRaceIdIsRefused(String id) {
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json")
                .body(RaceResourceTest.race(id, "R")).put("/api/races/" + id.replace(" ", "%20"))
                .then().statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)));
    }

    /** Issue 34: a NUL in a race id reached PostgreSQL (500) before the door refused it. */
    @ParameterizedTest
    @ValueSource(strings = { "", "/legs", "/legs/1", "/history", "/trials", "/posts", "/devices" })
    void aNulInARaceIdIs400NamingTheRule(String rest) {
        given().urlEncodingEnabled(false).get("/api/races/x%00y" + rest).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.is("raceId"));
        given().urlEncodingEnabled(false).get("/api/towns?name=%00").then().statusCode(400);
    }

    /** Issue 34: a misspelt setting or a made-up field was dropped in silence and the race judged by the defaults. */
    @Test
    void unknownFieldsOfADefinitionAreNamedEachOne() {
        String race = RaceResourceTest.race("r-unknown", "R").replaceFirst("\\{\"id\"", "{\"colour\": \"red\", \"id\"")
                .replace("\"model\": \"POINTS\"", "\"model\": \"POINTS\", \"pcCAP\": 200")
                .replace("{\"id\": \"L1-START\", \"town\": \"Brescia\", \"km\": 0.0}", "{\"id\": \"L1-START\", \"town\": \"Brescia\", \"km\": 0.0, \"wobble\": 1}");
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json").body(race).put("/api/races/r-unknown")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("colour", "scoring.pcCAP", "legs[0].timingPoints[0].wobble"))
                .body("detail", containsString("does not know"));
        given().get("/api/races/r-unknown").then().statusCode(404);
    }

    /** Issue 34: a U+FFFF in a town's description was stored; the route's workbook then was not well-formed XML. */
    @Test
    void aNonCharacterInATextIsRefused() {
        String race = RaceResourceTest.race("r-nonchar", "R").replace("Viale Venezia", "Viale\\uFFFF Venezia");
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json").body(race).put("/api/races/r-nonchar")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.is("legs[0].towns[0].description"));
    }

    /** Issue 34: a chunked definition over the limit got a bare 413 with no problem body. */
    @Test
    void aChunkedDefinitionOverTheLimitIs413ProblemJson() {
        byte[] body = ("{\"name\": \"" + "x".repeat(4_300_000) + "\", \"year\": 2024, \"legs\": []}").getBytes(StandardCharsets.UTF_8);
        var answer = io.regularity.testsupport.ChunkedBody.send("PUT", io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                + "/api/races/r-chunked", RealServers.raceDirection(), "application/json", body);
        org.junit.jupiter.api.Assertions.assertEquals(413, answer.statusCode(), answer.body());
        org.junit.jupiter.api.Assertions.assertTrue(answer.body().contains("at most 4194304"), answer.body());
    }

    @Test
    void anOversizedDefinitionIs413ProblemJsonAndNothingIsStored() {
        String body = "{\"name\": \"" + "x".repeat(5 * 1024 * 1024) + "\", \"year\": 2024, \"legs\": []}";
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json").body(body)
                .put("/api/races/r-oversized")
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("at most"));
        given().get("/api/races/r-oversized").then().statusCode(404);
    }
}
