package io.regularity.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.RaceFeed;
import io.regularity.deploy.demo.Referee;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged services as separate processes against a real PostgreSQL and Kafka, driven only
 * through their public HTTP APIs: route defined → crews registered → passages posted → standings.
 */
class EndToEndIT {

    static Stack stack;
    static final Api api = new Api();
    static Api raceDirection;
    static Api timekeeper;

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        stack = SharedStack.get();
        raceDirection = stack.raceDirection();
        timekeeper = stack.timekeeper();
    }

    static final String RACE = """
            {"name": "Coppa Franciacorta", "year": 2024, "scoring": {"model": "PENALTIES"},
             "legs": [{"number": 1, "name": "Brescia – Iseo", "date": "2024-06-11", "from": "Brescia", "to": "Iseo",
               "distanceKm": 40.0, "startPoint": "S",
               "towns": [{"name": "Brescia", "province": "BS", "km": 0.0, "lat": 45.54, "lon": 10.21},
                         {"name": "Provaglio d'Iseo", "province": "BS", "km": 25.0, "lat": 45.64, "lon": 10.04}],
               "timingPoints": [{"id": "S", "town": "Brescia", "km": 0.0}, {"id": "A", "town": "Brescia", "km": 5.0},
                                {"id": "B", "town": "Brescia", "km": 5.5}, {"id": "C", "town": "Brescia", "km": 6.0},
                                {"id": "D", "town": "Provaglio d'Iseo", "km": 25.0}],
               "trials": [{"id": "PC1", "type": "PC", "start": "A", "finish": "B", "targetMs": 30000},
                          {"id": "PC2", "type": "PC", "start": "B", "finish": "C", "targetMs": 40000},
                          {"id": "CT1", "type": "CT", "point": "D"}]}]}
            """;

    static Map<String, Object> passage(UUID id, int car, String point, Instant time) {
        return Map.of("id", id.toString(), "car", car, "point", point, "time", time.toString(), "device", "tk-" + point,
                "source", "HOSE");
    }

    @Test
    void aPassagePostedToTimingShowsInTheStandingsServedByClassification() {
        String raceId = "coppa-franciacorta-2024";
        JsonNode defined = raceDirection.ok("PUT", stack.routeUrl() + "/api/races/" + raceId, RACE);
        assertEquals(1, defined.get("revision").asInt());
        stack.awaitRaceKnown(raceId);
        raceDirection.ok("PUT", stack.classificationUrl() + "/api/races/" + raceId + "/crews/48", Map.of("car", 48,
                "driver", Map.of("name", "Andrea Vesco", "female", false), "codriver", Map.of("name", "Fabio Salvinelli", "female", false),
                "carModel", "Alfa Romeo 6C 1750 SS Spider Zagato", "carYear", 1929, "coefficient", 1.80, "category", "1927-1929"));
        raceDirection.ok("PUT", stack.classificationUrl() + "/api/races/" + raceId + "/crews/7", Map.of("car", 7,
                "driver", Map.of("name", "Giulia Rossi", "female", true), "coefficient", 1.00));

        Instant t = Instant.parse("2024-06-11T08:00:00Z");
        UUID single = UUID.randomUUID();
        Api.Reply created = timekeeper.send("POST", stack.timingUrl() + "/api/races/" + raceId + "/passages",
                passage(single, 48, "A", t));
        assertEquals(201, created.status());
        assertEquals(200, timekeeper.send("POST", stack.timingUrl() + "/api/races/" + raceId + "/passages", passage(single, 48, "A", t))
                .status(), "an identical retry is 200");
        List<Map<String, Object>> batch = new ArrayList<>(List.of(
                passage(UUID.randomUUID(), 48, "B", t.plusMillis(30_034)),   // PC1: 3
                passage(UUID.randomUUID(), 48, "B", t.plusMillis(31_200)),   // backup chronometer: duplicate
                passage(UUID.randomUUID(), 48, "C", t.plusMillis(70_074)),   // PC2: 40.040 s from the earlier B → 4
                passage(UUID.randomUUID(), 7, "A", t.plusMillis(60_000)),
                passage(UUID.randomUUID(), 7, "B", t.plusMillis(90_000))));  // PC1: 0
        assertEquals(401, api.send("POST", stack.timingUrl() + "/api/races/" + raceId + "/passages/batch", batch).status(),
                "posting without a token");
        JsonNode answer = timekeeper.ok("POST", stack.timingUrl() + "/api/races/" + raceId + "/passages/batch", batch);
        answer.get("results").forEach(r -> assertEquals("CREATED", r.get("status").asText()));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode s = api.ok("GET", stack.classificationUrl() + "/api/races/" + raceId + "/standings", null);
            return s.get("entries").size() == 2 && s.get("entries").get(1).get("trialsScored").asInt() == 2;
        });
        JsonNode standings = api.ok("GET", stack.classificationUrl() + "/api/races/" + raceId + "/standings", null);
        // car 7: PC1 0, PC2 pending → 0.00; car 48: (3 + 4) × 1.80 = 12.60
        assertEquals(7, standings.get("entries").get(0).get("car").asInt());
        assertEquals(0, new BigDecimal("0.00").compareTo(standings.get("entries").get(0).get("score").decimalValue()));
        assertEquals(48, standings.get("entries").get(1).get("car").asInt());
        assertEquals(0, new BigDecimal("12.60").compareTo(standings.get("entries").get(1).get("score").decimalValue()));
        assertEquals("Vesco / Salvinelli", standings.get("entries").get(1).get("crew").asText());
        assertEquals("PC2", standings.get("asOfTrial").asText());
        JsonNode anomalies = api.ok("GET", stack.classificationUrl() + "/api/races/" + raceId + "/anomalies", null);
        assertEquals("DUPLICATE", anomalies.get("entries").get(0).get("type").asText());
    }

    @Test
    void theDemoRaceFromThe2023RouteIsPlayedWholeAndTheStandingsAgreeWithTheSimulatorsOwnScoring() {
        DemoRace demo = DemoRace.generate(60, 2023);
        Api.Reply reply = raceDirection.send("PUT", stack.routeUrl() + "/api/races/" + demo.raceId, demo.definition);
        assertEquals(201, reply.status(), () -> "route-service refused the demo race: " + reply.body());
        stack.awaitRaceKnown(demo.raceId);
        JsonNode legs = api.ok("GET", stack.routeUrl() + "/api/races/" + demo.raceId + "/legs", null);
        assertEquals(5, legs.size());
        int trials = 0;
        for (JsonNode leg : legs) {
            trials += leg.get("trials").asInt();
        }
        assertEquals(144 + 8 + 21 + 30, trials);
        assertEquals(60, raceDirection.ok("POST", stack.classificationUrl() + "/api/races/" + demo.raceId + "/crews", demo.crews)
                .get("imported").asInt());
        RaceFeed feed = new RaceFeed(demo, 2023);
        List<RaceFeed.Crossing> firstMorning = feed.crossings().subList(0, 3000);
        for (int i = 0; i < firstMorning.size(); i += 1000) {
            timekeeper.ok("POST", stack.timingUrl() + "/api/races/" + demo.raceId + "/passages/batch",
                    firstMorning.subList(i, i + 1000).stream().map(RaceFeed.Crossing::json).toList());
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode s = api.ok("GET", stack.classificationUrl() + "/api/races/" + demo.raceId + "/standings?size=1", null);
            return s.get("entries").get(0).get("trialsScored").asInt() > 5;
        });
        JsonNode leader = api.ok("GET", stack.classificationUrl() + "/api/races/" + demo.raceId + "/standings?size=1", null)
                .get("entries").get(0);
        assertTrue(leader.get("score").decimalValue().signum() > 0, "the leader has earned points: " + leader);

        // the rest of the race, as fast as the system takes it, retirements ruled as they happen
        feed.play(timekeeper, raceDirection, stack.timingUrl(), stack.classificationUrl(), RaceFeed.AS_FAST_AS_POSSIBLE, () -> true);
        Referee.Verdict verdict = Referee.check(feed, api, stack.classificationUrl(), Duration.ofSeconds(120));
        assertTrue(verdict.agree(), verdict.toString());
        assertEquals(60, verdict.crews());
        JsonNode all = api.ok("GET", stack.classificationUrl() + "/api/races/" + demo.raceId + "/standings?size=500", null);
        assertEquals(feed.retirements().size(), countState(all, "RETIRED"), "every retired crew is listed as retired");

        // the race's facts exported and scored again offline, by the packaged service's code, give the published list
        assertVerifiedOffline(demo.raceId, all);
        // and so does a rebuild, which scores the crews a slice at a time (50: two slices here) while it writes
        raceDirection.ok("POST", stack.classificationUrl() + "/api/races/" + demo.raceId + "/rebuild", null);
        JsonNode rebuilt = api.ok("GET", stack.classificationUrl() + "/api/races/" + demo.raceId + "/standings?size=500", null);
        assertEquals(all.get("entries"), rebuilt.get("entries"));
        assertEquals(all.get("digest"), rebuilt.get("digest"));
    }

    @Test
    void theTrofeoIsPlayedLapAfterLapOnItsCircuitAndTheStandingsAgreeWithTheSimulatorsOwnScoring() {
        DemoRace demo = DemoRace.circuit(24, 2023);
        demo.publish(stack, null);
        RaceFeed feed = new RaceFeed(demo, 2023);
        feed.play(timekeeper, raceDirection, stack.timingUrl(), stack.classificationUrl(), RaceFeed.AS_FAST_AS_POSSIBLE, () -> true);
        Referee.Verdict verdict = Referee.check(feed, api, stack.classificationUrl(), Duration.ofSeconds(120));
        assertTrue(verdict.agree(), verdict.toString());
        assertEquals(24, verdict.crews());
        String race = stack.classificationUrl() + "/api/races/" + demo.raceId;
        // the lap-line crossing the simulator left out is raised, with its car and lap
        JsonNode missed = api.ok("GET", race + "/anomalies?size=500", null);
        List<JsonNode> lapLine = new ArrayList<>();
        missed.get("entries").forEach(a -> {
            if (a.get("type").asText().equals("LAP_LINE_MISSED")) {
                lapLine.add(a);
            }
        });
        assertEquals(1, lapLine.size(), missed.toString());
        assertTrue(lapLine.get(0).get("lap").asInt() >= 1 && lapLine.get(0).hasNonNull("car"));
        // classic cars and the Ferrari Tribute are ranked apart
        JsonNode ferrari = api.ok("GET", race + "/standings?list=category&category=Ferrari%20Tribute&size=500", null);
        assertEquals(8, ferrari.get("total").asInt());
        // a crew's breakdown says which crossing counted for which lap
        int finisher = demo.crews.stream().map(c -> (Integer) c.get("car"))
                .filter(car -> feed.retirements().stream().noneMatch(r -> r.car() == car)).findFirst().orElseThrow();
        JsonNode breakdown = api.ok("GET", race + "/crews/" + finisher + "/results", null);
        JsonNode pc1 = breakdown.get("trials").get(1);
        assertEquals("PC1", pc1.get("trial").asText());
        assertEquals(2, pc1.get("start").get("lap").asInt());
        // the leg's map is the circuit, closed
        JsonNode geo = api.ok("GET", stack.routeUrl() + "/api/races/" + demo.raceId + "/legs/1.geojson", null);
        JsonNode line = geo.get("features").get(0);
        assertEquals(6, line.get("properties").get("laps").asInt());
        JsonNode coordinates = line.get("geometry").get("coordinates");
        assertEquals(coordinates.get(0), coordinates.get(coordinates.size() - 1));
        // rebuilt from the stored facts, the lists are what live scoring made them
        JsonNode live = api.ok("GET", race + "/standings?size=500", null);
        raceDirection.ok("POST", race + "/rebuild", null);
        JsonNode rebuilt = api.ok("GET", race + "/standings?size=500", null);
        assertEquals(live.get("entries"), rebuilt.get("entries"));
        assertEquals(live.get("digest"), rebuilt.get("digest"));
        assertVerifiedOffline(demo.raceId, rebuilt);
    }

    /** The race's facts exported and scored again offline by the packaged service's code give the published list. */
    static void assertVerifiedOffline(String raceId, JsonNode all) {
        Path dir = Path.of(System.getProperty("regularity.root", ".."), "deploy", "target");
        Path list = dir.resolve(raceId + "-standings.json");
        Path bundle = dir.resolve(raceId + "-bundle.json");
        try {
            Files.writeString(list, Api.JSON.writeValueAsString(all));
            Files.writeString(bundle, Api.JSON.writeValueAsString(api.ok("GET", stack.classificationUrl() + "/api/races/" + raceId + "/export",
                    null)));
            String app = dir.resolve("../../classification-service/target/quarkus-app").normalize().toString();
            Process verify = new ProcessBuilder("java", "-cp", app + "/app/*:" + app + "/lib/main/*",
                    "io.regularity.classification.verify.VerifyResults", bundle.toString(), list.toString()).redirectErrorStream(true).start();
            String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, verify.waitFor(), output);
            assertTrue(output.contains("OK      the list follows from the facts"), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long countState(JsonNode standings, String state) {
        long n = 0;
        for (JsonNode e : standings.get("entries")) {
            n += e.get("state").asText().equals(state) ? 1 : 0;
        }
        return n;
    }
}
