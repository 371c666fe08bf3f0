package io.regularity.classification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

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

    /** Issue 34: a NUL reached PostgreSQL (500 on the public reads, the stream included) before the door refused it. */
    @ParameterizedTest
    @ValueSource(strings = { "/standings", "/positions", "/positions/stream", "/standings/stream", "/crews", "/anomalies", "/export", "/crews/1/results",
            "/standings.csv" })
    void aNulInARaceIdIs400NamingTheRule(String rest) {
        given().urlEncodingEnabled(false).get("/api/races/x%00y" + rest).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("raceId")).body("errors[0].message", containsString("1 to 64 letters"));
    }

    /** Issue 34: CR/LF in the id hung the entry list's export (its header refused after the answer began). */
    @ParameterizedTest
    @ValueSource(strings = { "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })
    void aLineBreakInARaceIdIsAnsweredAt400NotHung(String type) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> given().urlEncodingEnabled(false).accept(type)
                .get("/api/races/x%0D%0Ay/crews").then().statusCode(400).contentType("application/problem+json"));
    }

    /** Issue 34: a quote in the id wrote a second file name into Content-Disposition. */
    @Test
    void aRaceIdCannotWriteTheDownloadsHeader() {
        given().urlEncodingEnabled(false).accept("text/csv").get("/api/races/x%22%3B%20filename%3D%22evil.bat/crews")
                .then().statusCode(400).header("Content-Disposition", nullValue());
        given().urlEncodingEnabled(false).accept("text/csv").get("/api/races/x%5Cy/crews").then().statusCode(400);
        given().accept("text/csv").get("/api/races/r-hostile/crews").then().statusCode(200)
                .header("Content-Disposition", is("attachment; filename=\"r-hostile-crews.csv\""));
    }

    /** Issue 34: classification kept entry lists under ids route refuses; now one rule at every door. */
    @ParameterizedTest
    @ValueSource(strings = { "a%20b", "..%2F..%2F..%2Fetc%2Fpasswd", "%F0%9F%8F%81", "x%0D%0Ay", "-x" })
    void anEntryListIsNotKeptUnderAnIdRouteRefuses(String id) {
        given().urlEncodingEnabled(false).header("Authorization", RealServers.raceDirection()).contentType("application/json")
                .body("{\"driver\": {\"name\": \"A\"}, \"coefficient\": 1.5}").put("/api/races/" + id + "/crews/1")
                .then().statusCode(400).body("errors[0].field", is("raceId"));
        given().urlEncodingEnabled(false).header("Authorization", RealServers.raceDirection()).contentType("application/json")
                .body("{\"driver\": {\"name\": \"A\"}, \"coefficient\": 1.5}").put("/api/races/" + "x".repeat(4000) + "/crews/1")
                .then().statusCode(400);
    }

    /** Issue 34: fields the crew does not take were dropped in silence (200, stored without them); now each is named. */
    @Test
    void unknownFieldsOfACrewAreNamedEachOne() {
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json").body("""
                {"driver": {"name": "A", "passport": "IT-1"}, "coefficient": 1.5, "bands": "B", "shoeSize": 44}""")
                .put("/api/races/r-hostile/crews/6").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("driver.passport", "bands", "shoeSize"))
                .body("errors[0].message", containsString("this object takes"));
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json").body("""
                [{"car": 8, "driver": {"name": "A"}, "coefficient": 1.5, "colour": "red"}]""")
                .post("/api/races/r-hostile/crews").then().statusCode(400).body("errors.field", hasItem("[0].colour"));
        given().get("/api/races/r-hostile/crews").then().statusCode(200).body("car", not(hasItem(6))).body("car", not(hasItem(8)));
    }

    /** Issue 34: a U+FFFE in a name was stored, and the entry list's workbook then was not well-formed XML. */
    @Test
    void aNonCharacterInANameIsRefusedAtTheDoor() {
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json")
                .body("{\"driver\": {\"name\": \"A\\uFFFE\"}, \"coefficient\": 1.5}").put("/api/races/r-hostile/crews/9")
                .then().statusCode(400).body("errors[0].field", is("driver.name")).body("errors[0].message", containsString("U+FFFE"));
    }

    /** Issue 34: a chunked import over the limit got a bare 413 with no problem body. */
    @Test
    void aChunkedImportOverTheLimitIs413ProblemJson() {
        String csv = "car,driver,coefficient\n" + ("1,A,1.5\n".repeat(300_000));
        var answer = io.regularity.testsupport.ChunkedBody.send("POST", io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                + "/api/races/r-hostile/crews", RealServers.raceDirection(), "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        org.junit.jupiter.api.Assertions.assertEquals(413, answer.statusCode(), answer.body());
        org.junit.jupiter.api.Assertions.assertTrue(answer.body().contains("at most 2097152"), answer.body());
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
