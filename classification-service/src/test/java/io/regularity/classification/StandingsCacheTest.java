package io.regularity.classification;

import static io.regularity.classification.Events.raceDefined;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.classification.service.StandingsService;
import io.regularity.testsupport.RealServers;
import jakarta.inject.Inject;

/** Unauthenticated reads cannot grow classification's memory: the list cache is bounded whatever is asked. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class StandingsCacheTest {

    @Inject
    StandingsService standings;

    @Test
    void twentyThousandGetsWithRandomRacesAndIgnoredParametersLeaveTheCachesBounded() throws Exception {
        String race = "r-cache";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/races/" + race + "/standings").statusCode() == 200);
        int racesBefore = standings.knownRaces();
        int listsBefore = standings.cachedLists();

        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger notFound = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 20_000; i++) {
            int n = i;
            pool.submit(() -> {
                String path = n % 2 == 0
                        ? "/api/races/" + UUID.randomUUID() + "/standings?list=overall&category=" + UUID.randomUUID()
                        : "/api/races/" + race + "/standings?list=overall&category=" + UUID.randomUUID() + "&trophy="
                                + UUID.randomUUID() + "&leg=" + (n % 1000) + "&cumulative=" + (n % 4 == 1);
                try {
                    int status = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    (status == 404 ? notFound : status == 200 ? ok : new AtomicInteger()).incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES));
        assertEquals(10_000, notFound.get(), "every random race is a 404");
        assertEquals(10_000, ok.get(), "the real race's overall list, whatever else is asked");
        assertEquals(racesBefore, standings.knownRaces(), "an unknown race leaves no trace");
        assertTrue(standings.cachedLists() <= listsBefore + 1, "ignored parameters make no new list: " + standings.cachedLists());

        // distinct lists (a category each) are bounded by size
        for (int i = 0; i < 400; i++) {
            given().get("/api/races/" + race + "/standings?list=category&category=C" + i).then().statusCode(200);
        }
        assertTrue(standings.cachedLists() <= 256, "the cache holds " + standings.cachedLists() + " lists");
    }
}
