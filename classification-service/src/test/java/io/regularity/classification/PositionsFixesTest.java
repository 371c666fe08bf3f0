package io.regularity.classification;

import static io.regularity.classification.Events.fix;
import static io.regularity.classification.Events.fixRecorded;
import static io.regularity.classification.Events.passage;
import static io.regularity.classification.Events.passageRecorded;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.RealServers;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The map for real (issue 39): fixes produced to the real {@code fixes} topic place their cars in {@code …/positions}
 * while fresh, and the compact positions stream sends each car that moved at most once a second.
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class PositionsFixesTest {

    @Inject
    MeterRegistry registry;

    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Object> car(String race, int car) {
        List<Map<String, Object>> list = JsonPath.from(given().get("/api/races/" + race + "/positions?leg=1").asString()).getList("$");
        return list.stream().filter(p -> ((Number) p.get("car")).intValue() == car).findFirst().orElse(null);
    }

    @Test
    void aCarThatSendsFixesIsWhereItsLatestFixSaysAndOneWithAnOldFixOrNoneIsEstimated() {
        String race = "r-fixes";
        StandingsStreamTest.defineWithCrew(race, 61);
        ClassificationTest.putCrew(race, 62, "1.00");
        ClassificationTest.putCrew(race, 63, "1.00");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as the API writes times
        for (int car : new int[] { 61, 62, 63 }) {
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "P1", now.minusSeconds(5), 0));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> car(race, 61) != null && car(race, 62) != null && car(race, 63) != null);

        Instant latest = now.minusSeconds(1);
        fix(race, 61, fixRecorded(race, 61, latest, 45.521417, 9.593725, 212.5));
        fix(race, 61, fixRecorded(race, 61, now.minusSeconds(3), 45.4, 9.4, 10.0)); // older, read after: changes nothing
        fix(race, 62, fixRecorded(race, 62, now.minusSeconds(180), 45.3, 9.3, null)); // 3 minutes old: older than 2

        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.FALSE.equals(car(race, 61).get("estimated"))
                && car(race, 61).get("fixAt") != null);
        given().get("/api/races/" + race + "/positions?leg=1").then().statusCode(200)
                .body("find { it.car == 61 }.lat", equalTo(45.521417f)).body("find { it.car == 61 }.lon", equalTo(9.593725f))
                .body("find { it.car == 61 }.headingDeg", equalTo(212.5f)).body("find { it.car == 61 }.speedMs", equalTo(16.4f))
                .body("find { it.car == 61 }.accuracyM", equalTo(3.5f)).body("find { it.car == 61 }.point", equalTo("P1"));
        Map<String, Object> placed = car(race, 61);
        assertEquals(latest, Instant.parse((String) placed.get("fixAt")));
        long age = ((Number) placed.get("ageMs")).longValue();
        assertTrue(age >= 1000 && age < 30_000, "the fix's age at `at`: " + placed);
        assertEquals(Duration.between(latest, Instant.parse((String) placed.get("at"))).toMillis(), age, 1.0, "`at` less `fixAt`");
        for (int car : new int[] { 62, 63 }) {
            Map<String, Object> estimated = car(race, car);
            assertNull(estimated.get("fixAt"), "car " + car + " is estimated from its crossing: " + estimated);
            assertNull(estimated.get("ageMs"));
            assertEquals(Boolean.TRUE, estimated.get("estimated"), "5 s after P1, moving toward P2: " + estimated);
        }
    }

    /** One event of the stream: when it came and its rows. */
    record Event(long at, String name, JsonNode rows) {
    }

    @Test
    void theStreamSendsTheCarsThatMovedCompactlyEachAtMostOnceASecond() throws Exception {
        String race = "r-fix-stream";
        StandingsStreamTest.define(race);
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        var response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/races/" + race + "/positions/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).get();
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<Event> events = new CopyOnWriteArrayList<>();
        Stream<String> lines = response.body();
        Thread reader = new Thread(() -> {
            String[] name = { null };
            try {
                lines.forEach(l -> {
                    if (l.startsWith("event:")) {
                        name[0] = l.substring(6);
                    } else if (l.startsWith("data:")) {
                        try {
                            events.add(new Event(System.nanoTime(), name[0], JSON.readTree(l.substring(5))));
                        } catch (Exception e) {
                            throw new IllegalStateException(l, e);
                        }
                        name[0] = null;
                    }
                });
            } catch (java.io.UncheckedIOException closed) {
                // closed by the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
            assertEquals("fixes", events.get(0).name());
            assertTrue(events.get(0).rows().isArray() && events.get(0).rows().isEmpty(), "no car sent a fix yet: " + events.get(0));

            // car 71 sends 10 fixes a second for 2.5 s, car 72 one fix without heading
            Instant start = Instant.now();
            Instant last = null;
            fix(race, 72, fixRecorded(race, 72, start, 45.1, 9.1, null));
            for (int i = 0; i < 25; i++) {
                last = start.plusMillis(i * 100L);
                fix(race, 71, fixRecorded(race, 71, last, 45.0 + i * 0.0001, 9.0, 90.0));
                Thread.sleep(100);
            }
            long lastMs = last.toEpochMilli();
            await().atMost(Duration.ofSeconds(15)).until(() -> events.stream().anyMatch(e -> {
                for (JsonNode row : e.rows()) {
                    if (row.get(0).asInt() == 71 && row.get(4).asLong() == lastMs) {
                        return true;
                    }
                }
                return false;
            }));
            Thread.sleep(1500); // nothing new: no event repeats them
            List<Event> updates = new ArrayList<>(events.subList(1, events.size()));
            Set<Integer> seen = new HashSet<>();
            long before = -1;
            int with71 = 0;
            for (Event e : updates) {
                assertEquals("fixes", e.name());
                Set<Integer> cars = new HashSet<>();
                for (JsonNode row : e.rows()) {
                    assertEquals(5, row.size(), "[car, lat, lon, headingDeg, fixTimeMs]: " + row);
                    assertTrue(cars.add(row.get(0).asInt()), "a car once an event: " + e.rows());
                }
                seen.addAll(cars);
                with71 += cars.contains(71) ? 1 : 0;
                if (before >= 0) {
                    assertTrue(e.at() - before > 700_000_000L, "events a second apart, not " + (e.at() - before) / 1_000_000 + " ms");
                }
                before = e.at();
            }
            assertEquals(Set.of(71, 72), seen);
            assertTrue(with71 >= 2 && with71 <= 5, "25 fixes in 2.5 s: car 71 sent a few times, not 25: " + with71);
            JsonNode row72 = updates.stream().flatMap(e -> toList(e.rows()).stream()).filter(r -> r.get(0).asInt() == 72).findFirst()
                    .orElseThrow();
            assertEquals(45.1, row72.get(1).asDouble());
            assertEquals(9.1, row72.get(2).asDouble());
            assertTrue(row72.get(3).isNull(), "no heading said: " + row72);
            assertEquals(start.toEpochMilli(), row72.get(4).asLong());
        } finally {
            lines.close();
        }
        // a new subscriber, the race's only one (the first has left), is sent every car with a fresh fix at once
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry.find("classification.positions.sse.subscribers").gauge().value() == 0);
        var again = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/races/" + race + "/positions/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).get();
        List<String> data = new CopyOnWriteArrayList<>();
        Thread follower = new Thread(() -> {
            try {
                again.body().filter(l -> l.startsWith("data:")).forEach(data::add);
            } catch (java.io.UncheckedIOException closed) {
                // closed by the test
            }
        });
        follower.setDaemon(true);
        follower.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !data.isEmpty());
            String first = data.get(0);
            assertTrue(first.contains("[71,") && first.contains("[72,45.1,9.1,null,"), first);
            Thread.sleep(2500); // two ticks: the cars it was sent have not moved since, so no event sends them again
            assertEquals(List.of(first), data, "only the first event: " + data);
        } finally {
            again.body().close();
        }
        given().get("/api/races/no-such-race/positions/stream").then().statusCode(404).contentType("application/problem+json");
    }

    static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
