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

    @Test
    void anOversizedDefinitionIs413ProblemJsonAndNothingIsStored() {
        String body = "{\"name\": \"" + "x".repeat(5 * 1024 * 1024) + "\", \"year\": 2024, \"legs\": []}";
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json").body(body)
                .put("/api/races/r-oversized")
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("at most"));
        given().get("/api/races/r-oversized").then().statusCode(404);
    }
}
