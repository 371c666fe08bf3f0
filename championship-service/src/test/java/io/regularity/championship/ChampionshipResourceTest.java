package io.regularity.championship;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.RealServers;
import io.regularity.testsupport.TopicReader;
import io.restassured.http.ContentType;

/**
 * Issue 36 end to end inside the service: rounds arrive on race-results (a real Kafka), a championship is defined
 * over them (a real PostgreSQL), its list counts the final rounds (the provisional ones on request, marked), a round
 * published again moves it, and a faulty definition is refused field by field with nothing stored.
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "championship"))
class ChampionshipResourceTest {

    /** A race's results as classification sends them: drivers by name (licence LIC-name), in overall order. */
    static String results(String race, long revision, String status, String... drivers) {
        List<String> crews = new ArrayList<>();
        for (int i = 0; i < drivers.length; i++) {
            crews.add("""
                    {"car": %d, "driver": {"name": "%s", "licence": "LIC-%s"}, "codriver": {"name": "Nav %s"}, "carYear": 1930,
                     "category": "A", "team": "Scuderia %s", "state": "CLASSIFIED", "positions": {"overall": %d, "category:A": %d}}
                    """.formatted(i + 1, drivers[i], drivers[i], drivers[i], i % 2 == 0 ? "Brescia" : "Mantova", i + 1, i + 1));
        }
        return """
                {"eventId": "%s", "type": "RaceResults", "schemaVersion": 1, "occurredAt": "2024-06-11T18:30:02.125Z", "raceId": "%s",
                 "results": {"revision": %d, "status": "%s", "digest": "sha256:%s", "asOfTrial": "PC9", "plannedPcs": 8, "validPcs": 8,
                   "crews": [%s]}}
                """.formatted(UUID.randomUUID(), race, revision, status, "ab".repeat(32), String.join(",", crews));
    }

    static void send(String race, String json) {
        RealServers.send("race-results", race, json);
    }

    static final String DEFINITION = """
            {"id": "cs-2024", "name": "Campionato di prova", "season": 2024,
             "rounds": [{"race": "cs-r1"}, {"race": "cs-r2", "weight": 2}],
             "lists": [{"kind": "overall"}, {"kind": "teams"}], "scores": "drivers", "teamCars": 2, "teamDistinctCategories": false}
            """;

    @Test
    void aChampionshipCountsItsFinalRoundsAndMovesWhenARoundIsPublishedAgain() {
        send("cs-r1", results("cs-r1", 3, "FINAL", "Rossi", "Verdi", "Neri"));
        send("cs-r2", results("cs-r2", 1, "PROVISIONAL", "Verdi", "Rossi"));
        // a round must be a race of the system: defined once both races' results arrived
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> given()
                .header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body(DEFINITION)
                .put("/api/championships/cs-2024").statusCode() == 201);
        given().get("/api/championships").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem("cs-2024"))
                .body("find { it.id == 'cs-2024' }.rounds", equalTo(2));
        given().get("/api/championships/cs-2024").then().statusCode(200).header("ETag", containsString("1"))
                .body("countBest", equalTo(null)).body("minValidShare", equalTo(0.5f)).body("pointsTable[0]", equalTo(40));

        // only the final round counts; the provisional one on request, marked, weighing 2
        given().get("/api/championships/cs-2024/standings").then().statusCode(200).body("asOfRound", equalTo(1))
                .body("entries.person.name", contains("Rossi", "Verdi", "Neri")).body("entries[0].points", equalTo(40.0f))
                .body("entries[0].person.licence", equalTo("LIC-Rossi")).body("entries[0].rounds[0].why", equalTo("COUNTED"));
        given().get("/api/championships/cs-2024/standings?provisional=true").then().statusCode(200).body("provisional", equalTo(true))
                .body("entries.person.name", contains("Verdi", "Rossi", "Neri"))
                .body("entries[0].points", equalTo(115.0f)) // 35 + 2 × 40
                .body("entries[0].rounds[1].provisional", equalTo(true));
        // the same list as a sheet: CSV and the workbook
        String csv = given().accept("text/csv").get("/api/championships/cs-2024/standings").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("rank,licence,name,points,started,classified,cs-r1 position,cs-r1 points,cs-r1 counted"), csv);
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("1,LIC-Rossi,Rossi,40.00,1,true,1,40.00,true"), csv);
        byte[] workbook = given().accept(io.regularity.support.csv.Xlsx.MEDIA_TYPE).get("/api/championships/cs-2024/standings").then()
                .statusCode(200).extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertEquals("Rossi", io.regularity.support.csv.Xlsx.read(workbook).rows().get(1).get(2));
        String before = given().get("/api/championships/cs-2024/standings").path("digest");
        // its bundle: the definition as saved and the rounds it holds, whose digest is the final list's
        given().get("/api/championships/cs-2024/export").then().statusCode(200).body("format", equalTo("regularity-championship-bundle/1"))
                .body("championship", equalTo("cs-2024")).body("revision", equalTo(1)).body("definition.rounds[1].weight", equalTo(2))
                .body("rounds.race", contains("cs-r1", "cs-r2")).body("rounds.status", contains("FINAL", "PROVISIONAL"))
                .body("rounds[0].revision", equalTo(3)).body("rounds[0].digest", equalTo("sha256:" + "ab".repeat(32)))
                .body("digest", equalTo(before));
        given().get("/api/championships/nope/export").then().statusCode(404);

        // a protest upheld: round 1 published again, Verdi first; the championship follows within moments
        send("cs-r1", results("cs-r1", 4, "FINAL", "Verdi", "Rossi", "Neri"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "Verdi".equals(given().get("/api/championships/cs-2024/standings").path("entries[0].person.name")));
        await().until(() -> !before.equals(given().get("/api/championships/cs-2024/standings").path("digest")));

        // the teams' list: two cars a team (Brescia: Verdi 1st and Neri 3rd, 72; Mantova: Rossi 2nd, 35), the places earning
        // the team table
        given().get("/api/championships/cs-2024/standings?list=teams").then().statusCode(200)
                .body("entries.person.name", contains("Scuderia Brescia", "Scuderia Mantova")).body("entries.points", contains(15.0f, 12.0f));
        given().get("/api/championships/cs-2024/standings?list=ladies").then().statusCode(400).body("errors[0].field", equalTo("list"));
        given().get("/api/championships/cs-2024/standings?list=podium").then().statusCode(400);
        given().get("/api/championships/nope/standings").then().statusCode(404);

        // saved again: revision 2; each revision goes to the championships topic, keyed id/revision
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body(DEFINITION)
                .put("/api/championships/cs-2024").then().statusCode(200).body("revision", equalTo(2));
        List<String> keys = TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "championships",
                records -> records.stream().filter(r -> r.key().startsWith("cs-2024/")).count() >= 2, Duration.ofSeconds(20)).stream()
                .map(ConsumerRecord::key).filter(k -> k.startsWith("cs-2024/")).toList();
        org.junit.jupiter.api.Assertions.assertEquals(List.of("cs-2024/1", "cs-2024/2"), keys);
    }

    @Test
    void aPersonMatchedByNameIsListedToConfirmAndSplitByRaceDirection() {
        String noLicence = """
                {"eventId": "%s", "type": "RaceResults", "schemaVersion": 1, "raceId": "%s",
                 "results": {"revision": 1, "status": "FINAL", "digest": "sha256:%s", "plannedPcs": 0, "validPcs": 0,
                   "crews": [{"car": 5, "driver": {"name": "%s"}, "category": "A", "state": "CLASSIFIED", "positions": {"overall": %d}}]}}
                """;
        send("cs-n1", noLicence.formatted(UUID.randomUUID(), "cs-n1", "cd".repeat(32), "Zoë Bianchi", 1));
        send("cs-n2", noLicence.formatted(UUID.randomUUID(), "cs-n2", "ef".repeat(32), "ZOE  BIANCHI", 2));
        String definition = """
                {"id": "cs-names", "name": "Per nome", "season": 2024, "rounds": [{"race": "cs-n1"}, {"race": "cs-n2"}]}
                """;
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body(definition).put("/api/championships/cs-names").statusCode() == 201);
        given().get("/api/championships/cs-names/identities").then().statusCode(200).body("people.key", contains("name:zoe bianchi"))
                .body("people[0].matchedBy", equalTo("name")).body("people[0].toConfirm", equalTo(true))
                .body("people[0].appearances.race", contains("cs-n1", "cs-n2"));
        given().get("/api/championships/cs-names/standings").then().body("entries.points", contains(75.0f));
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"person\": \"name:nobody\", \"decision\": \"split\"}").post("/api/championships/cs-names/identities").then()
                .statusCode(400).body("errors[0].field", equalTo("person"));
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"person\": \"name:zoe bianchi\", \"decision\": \"split\"}").post("/api/championships/cs-names/identities").then()
                .statusCode(200).body("revision", equalTo(2)).body("people[0].decision", equalTo("split"));
        given().get("/api/championships/cs-names/standings").then().body("entries.points", contains(40.0f, 35.0f))
                .body("entries[0].rounds[0].revision", equalTo(1));
        // the definition saved again, without its identities: race direction's word is kept
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body(definition)
                .put("/api/championships/cs-names").then().statusCode(200).body("revision", equalTo(3))
                .body("identities.'name:zoe bianchi'", equalTo("split"));
        given().get("/api/championships/cs-names/standings").then().body("entries.points", contains(40.0f, 35.0f));
    }

    @Test
    void theStreamSendsTheListAtOnceAndAgainWhenARoundIsPublishedAgain() throws Exception {
        send("cs-l1", results("cs-l1", 1, "FINAL", "Rossi", "Verdi"));
        String definition = """
                {"id": "cs-live", "name": "In diretta", "season": 2024, "rounds": [{"race": "cs-l1"}]}
                """;
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body(definition).put("/api/championships/cs-live").statusCode() == 201);
        given().get("/api/championships/nope/standings/stream").then().statusCode(404);
        given().get("/api/championships/cs-live/standings/stream?list=podium").then().statusCode(400);
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        java.net.http.HttpResponse<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/championships/cs-live/standings/stream"))
                        .header("Accept", "text/event-stream").build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        java.util.Iterator<String> data = stream.body().filter(l -> l.startsWith("data:")).iterator();
        org.junit.jupiter.api.Assertions.assertTrue(data.next().contains("\"name\":\"Rossi\""), "the list at once");
        send("cs-l1", results("cs-l1", 2, "FINAL", "Verdi", "Rossi"));
        String next = java.util.concurrent.CompletableFuture.supplyAsync(data::next).get(30, java.util.concurrent.TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertTrue(next.indexOf("Verdi") < next.indexOf("Rossi"), "the list again, Verdi first: " + next);
        stream.body().close();
    }

    @Test
    void aRevisionReadBackFromKafkaThatTheDatabaseLacksIsKept() {
        send("cs-r9", results("cs-r9", 1, "FINAL", "Bianchi"));
        RealServers.send("championships", "cs-restored/3", """
                {"eventId": "%s", "type": "ChampionshipDefined", "schemaVersion": 1, "occurredAt": "2024-06-11T18:00:00Z",
                 "id": "cs-restored", "revision": 3, "savedAt": "2024-06-11T17:59:59Z", "savedBy": "clerk-anna",
                 "definition": {"id": "cs-restored", "name": "Campionato ripreso", "season": 2024, "rounds": [{"race": "cs-r9"}]}}
                """.formatted(UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/championships/cs-restored").statusCode() == 200);
        given().get("/api/championships/cs-restored").then().body("revision", equalTo(3)).body("savedBy", equalTo("clerk-anna"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "Bianchi".equals(given().get("/api/championships/cs-restored/standings")
                .path("entries[0].person.name")));
    }

    @Test
    void aFaultyDefinitionIsRefusedFieldByFieldAndNothingIsStored() {
        String bad = """
                {"id": "cs-bad", "name": "Male", "season": 2024, "rounds": [{"race": "no-such-race"}],
                 "pointsTable": [10, -1], "countBest": 3, "teamCars": 1}
                """;
        given().header("Authorization", RealServers.raceDirection()).header("Accept-Language", "it").contentType(ContentType.JSON).body(bad)
                .put("/api/championships/cs-bad").then().statusCode(400)
                .body("errors.field", contains("rounds[0].race", "pointsTable[1]", "countBest", "teamCars"))
                .body("errors[0].message", equalTo("no-such-race non è una gara di questo sistema (le elenca GET /api/races)"));
        given().get("/api/championships/cs-bad").then().statusCode(404);
        given().contentType(ContentType.JSON).body(DEFINITION).put("/api/championships/cs-2024").then().statusCode(401);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body(DEFINITION.replace("\"season\": 2024", "\"season\": 2024, \"colour\": \"red\"")).put("/api/championships/cs-2024")
                .then().statusCode(400).body("errors[0].field", equalTo("colour"));
    }
}
