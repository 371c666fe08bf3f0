package io.regularity.classification;

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

/** Broken and hostile crews, imports and rulings: always a 4xx problem+json, never a 500 or a stack trace. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class HostileInputTest {

    @ParameterizedTest
    @ValueSource(strings = { "", "null", "[]", "{", "{\"driver\": 5}", "{\"driver\": {\"name\": \"A\"}, \"coefficient\": \"high\"}",
            "{\"driver\": {\"name\": \"A\"}, \"coefficient\": 1e400}", "{\"driver\": {\"name\": \"A\"}, \"coefficient\": 1.005}",
            "{\"driver\": {\"name\": \"A\"}, \"coefficient\": 1.5, \"carYear\": 99999999999}",
            "{\"driver\": {\"name\": \"\\u0000\"}, \"coefficient\": 1.5}" })
    void aBrokenCrewIsA4xxProblem(String body) {
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).put("/api/races/r-hostile/crews/5")
                .then().statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500))).contentType("application/problem+json")
                .body(not(containsString("Exception"))).body(not(containsString("\tat ")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "car", "car,driver,coefficient\n\"unterminated,x,1", "car,driver,coefficient\nx,y,z",
            "car,driver,coefficient\n1,A,1.5\n1,B,1.5", "a,b,c\n1,2,3" })
    void aBrokenCsvImportIsA4xxProblem(String csv) {
        given().header("Authorization", RealServers.raceDirection()).contentType("text/csv").body(csv)
                .post("/api/races/r-hostile/crews")
                .then().statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500))).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "[null]", "[5]", "[{\"car\": \"x\"}]", "{\"crews\": []}" })
    void aBrokenJsonImportIsA4xxProblem(String body) {
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json").body(body)
                .post("/api/races/r-hostile/crews")
                .then().statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500))).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "page=-1", "size=0", "size=100000", "page=abc", "list=leg&leg=abc", "cumulative=maybe" })
    void badQueryParametersAreA4xx(String query) {
        given().get("/api/races/golden-race/standings?" + query)
                .then().statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/standings?page=99999999999", "/standings?page=2147483647&size=500", "/standings?page=-1",
            "/anomalies?page=99999999999", "/anomalies?page=2147483647&size=500" })
    void pagingBeyondAnyListIs400SayingSo(String query) {
        given().get("/api/races/golden-race" + query).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("page"));
    }

    @org.junit.jupiter.api.Test
    void aNameThatASpreadsheetWouldRunIsExportedAsText() {
        String race = "r-csv-injection";
        Events.route(race, Events.raceDefined(race, "PENALTIES", 1, "OPEN"));
        ClassificationTest.awaitTrue(() -> given().get("/api/races/" + race + "/standings").statusCode() == 200);
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json").body("""
                {"driver": {"name": "=HYPERLINK(\\"http://evil.example\\",\\"x\\")"}, "codriver": {"name": "@SUM(A1)"},
                 "carModel": "+cmd", "coefficient": 1.0, "category": "-A", "team": "@T"}
                """).put("/api/races/" + race + "/crews/7").then().statusCode(200);
        String csv = given().get("/api/races/" + race + "/standings.csv").then().statusCode(200).extract().asString();
        String row = csv.lines().filter(l -> l.startsWith("1,7,") || l.startsWith(",7,")).findFirst().orElseThrow(() -> new AssertionError(csv));
        org.junit.jupiter.api.Assertions.assertTrue(row.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\") / @SUM(A1)\","), row);
        org.junit.jupiter.api.Assertions.assertTrue(row.contains(",\"'+cmd\","), row);
    }

    @Test
    void anOversizedImportIs413ProblemJsonAndNothingIsStored() {
        String row = "{\"car\": %d, \"driver\": {\"name\": \"%s\"}, \"coefficient\": 1.5}";
        StringBuilder body = new StringBuilder("[");
        for (int car = 1; body.length() < 3_000_000; car++) {
            body.append(car == 1 ? "" : ",").append(row.formatted(car, "x".repeat(200)));
        }
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json").body(body.append("]").toString())
                .post("/api/races/r-oversized/crews")
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("at most"));
        given().get("/api/races/r-oversized/crews").then().statusCode(200).body("size()", org.hamcrest.Matchers.is(0));
    }
}
