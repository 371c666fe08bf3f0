package io.regularity.classification;

import static io.regularity.classification.ClassificationTest.awaitRace;
import static io.regularity.classification.ClassificationTest.putCrew;
import static io.regularity.classification.Events.raceDefined;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.classification.domain.Passage;
import io.regularity.classification.domain.PassageChange;
import io.regularity.classification.service.ScoringService;
import io.regularity.classification.service.ScoringService.PassageEvents;
import io.regularity.testsupport.RealServers;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

/**
 * Batches on different crews of one race are scored at once (a consumer per partition, or another instance): each
 * shares the race and takes its crews alone. Batches on the same crew, and race direction's decisions, wait. Whatever
 * order they commit in, the lists are those of one consumer applying everything in turn, and of a rebuild.
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class CrewLocksTest {

    static final Instant T = Instant.parse("2024-06-11T09:00:00Z");

    @Inject
    ScoringService scoring;

    @Inject
    UserTransaction transaction;

    /** A race with cars 1–3, defined and entered. */
    static void race(String race) {
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        for (int car = 1; car <= 3; car++) {
            putCrew(race, car, "1.00");
        }
    }

    /** A crew's passages at some of P1–P5 (P1–P4: its PC1, PC2 and CT1 measured), the times a little different per car. */
    static PassageEvents crossings(String race, int car, String... points) {
        Map<UUID, PassageChange> facts = new LinkedHashMap<>();
        long[] at = { 0, 12_340 + car * 110L, 32_340 + car * 230L, 600_000, 900_000 };
        for (String point : points) {
            Instant time = T.plusMillis(at[Integer.parseInt(point.substring(1)) - 1]);
            facts.put(UUID.randomUUID(), new Passage(UUID.nameUUIDFromBytes((race + car + point).getBytes()), race, car, point, time, 0,
                    "tk-" + point, "HOSE", time));
        }
        return new PassageEvents(facts, List.of(), Map.of());
    }

    /**
     * Applies {@code events} in a transaction that stays open (its locks held) until {@code release} counts down;
     * {@code applied} counts down once its work is done and only the commit is left.
     */
    CompletableFuture<Void> holding(PassageEvents events, CountDownLatch applied, CountDownLatch release) {
        return CompletableFuture.runAsync(() -> {
            try {
                transaction.begin();
                try {
                    scoring.apply(events);
                    applied.countDown();
                    assertTrue(release.await(60, TimeUnit.SECONDS));
                    transaction.commit();
                } catch (Exception e) {
                    transaction.rollback();
                    throw e;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static String standings(String race) {
        return given().get("/api/races/" + race + "/standings").then().statusCode(200).extract().jsonPath().getList("entries")
                .toString();
    }

    static boolean finishes(CompletableFuture<?> work, long millis) throws Exception {
        try {
            work.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    @Test
    void batchesOnOtherCrewsOfTheRaceGoOnWhileOneIsOpenAndTheListsAreThoseOfOneConsumer() throws Exception {
        String race = "r-lanes";
        race(race);
        CountDownLatch applied = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> car1 = holding(crossings(race, 1, "P1", "P2", "P3", "P4"), applied, release);
        assertTrue(applied.await(30, TimeUnit.SECONDS), "car 1's batch applied, its transaction open");

        // car 2 and car 3, in transactions of their own: they do not wait for car 1's
        CompletableFuture<Void> car2 = CompletableFuture.runAsync(() -> scoring.apply(crossings(race, 2, "P1", "P2", "P3", "P4")));
        CompletableFuture<Void> car3 = CompletableFuture.runAsync(() -> scoring.apply(crossings(race, 3, "P1", "P2")));
        assertTrue(finishes(car2, 30_000) && finishes(car3, 30_000), "the other crews' batches committed while car 1's was open");
        // the race's own decisions read back from race-decisions (every decision is) are not waited for either: they took the
        // race alone, and every batch of the race queued behind them until car 1's committed (a verify run on issue 34)
        CompletableFuture<Void> readBack = CompletableFuture.runAsync(() -> scoring.decisionsRead(race, 1, "{}"));
        assertTrue(finishes(readBack, 10_000), "an older publication of the decisions waited for car 1's batch");

        // another batch of car 1, and a decision on the whole race (the entry list), wait for car 1's transaction
        CompletableFuture<Void> car1Again = CompletableFuture.runAsync(() -> scoring.apply(crossings(race, 1, "P5")));
        CompletableFuture<Void> entry = CompletableFuture.runAsync(() -> putCrew(race, 3, "1.10"));
        assertFalse(finishes(car1Again, 1_000), "a second batch of car 1 waits for the first");
        assertFalse(finishes(entry, 200), "race direction's change of the entry list waits for the batch");
        release.countDown();
        car1.get(30, TimeUnit.SECONDS);
        car1Again.get(30, TimeUnit.SECONDS);
        entry.get(30, TimeUnit.SECONDS);
        car3Later(race);

        // the same facts, one batch after the other on one thread, in another race
        String one = "r-lanes-one";
        race(one);
        scoring.apply(crossings(one, 3, "P1", "P2"));
        scoring.apply(crossings(one, 1, "P1", "P2", "P3", "P4"));
        scoring.apply(crossings(one, 1, "P5"));
        putCrew(one, 3, "1.10");
        scoring.apply(crossings(one, 2, "P1", "P2", "P3", "P4"));
        car3Later(one);

        String lanes = standings(race);
        assertTrue(lanes.contains("trialsScored=3"), lanes);
        assertEquals(standings(one).replace(one, race), lanes, "scored at once, the lists are one consumer's");
        given().header("Authorization", RealServers.raceDirection()).post("/api/races/" + race + "/rebuild").then().statusCode(200);
        assertEquals(lanes, standings(race), "and a rebuild's");
    }

    private void car3Later(String race) {
        scoring.apply(crossings(race, 3, "P3", "P4"));
    }
}
