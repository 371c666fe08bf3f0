package io.regularity.classification;

import static io.regularity.classification.Events.passage;
import static io.regularity.classification.Events.passageRecorded;
import static io.regularity.classification.Events.raceDefined;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.RealServers;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class StandingsStreamTest {

    @Test
    void theStreamSendsTheListAtOnceThenAgainWhenAPassageChangesItCoalescingBursts() throws Exception {
        String race = "r-stream";
        defineWithCrew(race, 21);

        List<String> events = new CopyOnWriteArrayList<>();
        Stream<String> lines = follow(race, events);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 1);
            assertTrue(events.get(0).contains("\"car\":21") && events.get(0).contains("\"trialsScored\":0"), events.get(0));

            // a burst of 20 facts about one crew: the stream says so, a few times at most, not 20
            Instant t = Instant.parse("2024-06-11T09:00:00Z");
            int before = events.size();
            passage(race, 21, passageRecorded(race, UUID.randomUUID(), 21, "P1", t, 0));
            for (int i = 0; i < 19; i++) {
                passage(race, 21, passageRecorded(race, UUID.randomUUID(), 21, "P2", t.plusMillis(12_030 + i * 100), 0));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.contains("\"score\":3.00")));
            Thread.sleep(1000);
            int updates = events.size() - before;
            assertTrue(updates >= 1 && updates <= 10, "updates were not coalesced: " + updates);
        } finally {
            lines.close();
        }
    }

    @Test
    void aChangeCommittedByAnotherInstanceReachesTheStream() throws Exception {
        String race = "r-stream-elsewhere";
        define(race);

        List<String> events = new CopyOnWriteArrayList<>();
        Stream<String> lines = follow(race, events);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 1);
            Thread.sleep(500);
            int before = events.size();
            // what another instance does when it commits a batch of this race: NOTIFY in its own session
            var config = ConfigProvider.getConfig();
            try (var c = java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                    config.getValue("quarkus.datasource.username", String.class),
                    config.getValue("quarkus.datasource.password", String.class));
                    var s = c.prepareStatement("select pg_notify('standings_changed', ?)")) {
                s.setString(1, race);
                s.execute();
            }
            // well before the 15 s keepalive would have repeated the list
            await().atMost(Duration.ofSeconds(3)).until(() -> events.size() > before);
        } finally {
            lines.close();
        }
    }

    @Test
    void aCompactStreamSendsTheListOnceThenOnlyTheRanksThatMoved() throws Exception {
        String race = "r-compact";
        defineWithCrew(race, 41);
        ClassificationTest.putCrew(race, 42, "1.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/races/" + race + "/standings").asString().contains("\"car\":42"));
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        var response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/races/" + race + "/standings/stream?compact=true")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).get();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closed) {
                // closed by the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:")));
            String first = lines.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
            assertTrue(first.contains("\"car\":41") && first.contains("\"car\":42") && first.contains("\"entries\""), first);
            // car 42 measured on PC1, 0.03 s late: only its row moves
            Instant t = Instant.parse("2024-06-11T09:00:00Z");
            passage(race, 42, passageRecorded(race, UUID.randomUUID(), 42, "P1", t, 0));
            passage(race, 42, passageRecorded(race, UUID.randomUUID(), 42, "P2", t.plusMillis(12_030), 0));
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"score\":3.00")));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no moved row in " + lines + "; the list: " + given().get("/api/races/" + race + "/standings").asString());
            }
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("data:") && lines.get(i).contains("\"score\":3.00")) {
                    at = i;
                }
            }
            String moved = lines.get(at);
            org.junit.jupiter.api.Assertions.assertEquals("event:moved", lines.get(at - 1));
            assertTrue(moved.contains("\"moved\":[") && moved.contains("\"car\":42") && moved.contains("\"gone\":[]"), moved);
            assertTrue(!moved.contains("\"entries\""), "not the whole list: " + moved);
        } finally {
            response.body().close();
        }
        given().get("/api/races/" + race + "/standings/stream?compact=maybe").then().statusCode(400).body("errors[0].field",
                org.hamcrest.Matchers.equalTo("compact"));
    }

    @Test
    void thePositionsPutEachRunningCarAtItsLastCrossing() {
        String race = "r-positions";
        defineWithCrew(race, 51);
        ClassificationTest.putCrew(race, 52, "1.00");
        Instant t = Instant.now().minusSeconds(5);
        passage(race, 51, passageRecorded(race, UUID.randomUUID(), 51, "P1", t, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/races/" + race + "/positions?leg=1").asString().contains("\"car\":51"));
        given().get("/api/races/" + race + "/positions").then().statusCode(200).header("X-Leg", "1")
                .body("size()", org.hamcrest.Matchers.equalTo(1)).body("[0].point", org.hamcrest.Matchers.equalTo("P1"))
                .body("[0].crew", org.hamcrest.Matchers.notNullValue()).body("[0].estimated", org.hamcrest.Matchers.notNullValue());
        given().get("/api/races/" + race + "/positions?leg=9").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("leg"));
        given().get("/api/races/no-such-race/positions").then().statusCode(404);
    }

    @jakarta.inject.Inject
    io.regularity.classification.rest.StandingsFeed feed;

    /** A stream's data lines, read on a thread of their own. */
    static Stream<String> follow(String race, List<String> events) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        var response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/races/" + race + "/standings/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        Stream<String> lines = response.get().body();
        Thread reader = new Thread(() -> {
            try {
                lines.filter(l -> l.startsWith("data:")).forEach(events::add);
            } catch (java.io.UncheckedIOException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    @Test
    void aDashboardOnAnotherOriginFollowsTheStreamAndABadParameterIsStillAProblem() throws Exception {
        String race = "r-stream-cors";
        defineWithCrew(race, 5);
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        var response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/races/" + race + "/standings/stream?size=10")).header("Accept", "text/event-stream")
                .header("Origin", "https://live.example.org").build(), HttpResponse.BodyHandlers.ofLines()).get();
        try {
            org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), response.headers().toString());
            org.junit.jupiter.api.Assertions.assertEquals("https://live.example.org",
                    response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(response.body().filter(l -> l.startsWith("data:")).findFirst().orElseThrow().contains("\"car\":5"));
        } finally {
            response.body().close();
        }
        given().get("/api/races/" + race + "/standings/stream?size=0").then().statusCode(400).contentType("application/problem+json");
        // what the list answers to a parameter it cannot read, the stream answers too
        given().get("/api/races/" + race + "/standings/stream?list=leg&leg=first").then()
                .statusCode(given().get("/api/races/" + race + "/standings?list=leg&leg=first").statusCode());
        given().get("/api/races/no-such-race/standings/stream").then().statusCode(404);
    }

    @Test
    void theLiveListHasAStrongETagAndIsNotSentAgainWhileItIsTheSame() {
        String race = "r-etag";
        defineWithCrew(race, 31);
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/races/" + race + "/standings").asString().contains("\"car\":31"));
        String etag = given().get("/api/races/" + race + "/standings").then().statusCode(200).extract().header("ETag");
        assertTrue(etag.matches("\"[0-9a-f]{24}\""), etag);
        given().header("If-None-Match", etag).get("/api/races/" + race + "/standings").then().statusCode(304)
                .header("ETag", etag).body(org.hamcrest.Matchers.emptyString());
        // another page of the same list is other bytes
        String other = given().queryParam("size", 10).get("/api/races/" + race + "/standings").then().statusCode(200).extract().header("ETag");
        assertTrue(!other.equals(etag));
        // a change: the old tag no longer matches
        Instant t = Instant.parse("2024-06-11T09:00:00Z");
        passage(race, 31, passageRecorded(race, UUID.randomUUID(), 31, "P1", t, 0));
        passage(race, 31, passageRecorded(race, UUID.randomUUID(), 31, "P2", t.plusMillis(12_050), 0));
        // (the first passage may change the list already, so wait for the score, each time asking with the old tag)
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            var r = given().header("If-None-Match", etag).get("/api/races/" + race + "/standings");
            return r.statusCode() == 200 && Float.valueOf(5.0f).equals(r.path("entries[0].score"));
        });
    }

    @Test
    void subscribersOfOnePageShareOneFeedAndEachGetsEveryChange() throws Exception {
        String race = "r-audience";
        defineWithCrew(race, 41);
        int[] before = feed.audience();
        List<List<String>> events = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        List<Stream<String>> streams = new java.util.ArrayList<>();
        try {
            for (List<String> e : events) {
                streams.add(follow(race, e));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().allMatch(e -> !e.isEmpty()));
            int[] during = feed.audience();
            org.junit.jupiter.api.Assertions.assertEquals(before[0] + 1, during[0], "one feed for the page");
            org.junit.jupiter.api.Assertions.assertEquals(before[1] + 3, during[1], "three subscribers on it");
            Instant t = Instant.parse("2024-06-11T09:00:00Z");
            passage(race, 41, passageRecorded(race, UUID.randomUUID(), 41, "P1", t, 0));
            passage(race, 41, passageRecorded(race, UUID.randomUUID(), 41, "P2", t.plusMillis(12_070), 0));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().allMatch(e -> e.stream().anyMatch(l -> l.contains("\"score\":7.00"))));
            String last = events.get(0).get(events.get(0).size() - 1);
            assertTrue(events.stream().allMatch(e -> e.contains(last)), "every subscriber got the same bytes");
        } finally {
            streams.forEach(Stream::close);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.audience()[1] == before[1]);
    }

    @jakarta.inject.Inject
    io.regularity.classification.rest.StandingsPages pages;

    @Test
    void readersArrivingTogetherAtAChangedListCostOneQuery() throws Exception {
        String race = "r-herd";
        defineWithCrew(race, 51);
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/races/" + race + "/standings").asString().contains("\"car\":51"));
        Thread.sleep(600); // older than a page may be served: the next readers find it out of date
        long before = pages.made();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(32);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().get("/api/races/" + race + "/standings").statusCode();
                }));
            }
            start.countDown();
            for (var a : answers) {
                org.junit.jupiter.api.Assertions.assertEquals(200, a.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long made = pages.made() - before;
        assertTrue(made >= 1 && made <= 2, "32 readers at once made the page " + made + " times");
    }

    /** The test race of {@link Events#raceDefined}, once classification knows it. */
    static void define(String race) {
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/races/" + race + "/standings").statusCode() == 200);
    }

    /** The test race with one crew on it. */
    static void defineWithCrew(String race, int car) {
        define(race);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body(ClassificationTest.crew(car, "1.00", false, "A", null)).put("/api/races/" + race + "/crews/" + car).then().statusCode(200);
    }
}
