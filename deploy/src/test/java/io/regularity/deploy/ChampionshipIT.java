package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.demo.ChampionshipReferee;
import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.DemoSeason;
import io.regularity.deploy.demo.RaceFeed;
import io.regularity.deploy.demo.Referee;

/**
 * Issue 36 across the packaged services: two races, the same three people (by licence) in both; race direction
 * publishes the first; a championship over both counts it, and when a ruling changes the published race (a protest
 * upheld) classification sends its results again and the championship moves; the championship's database lost is
 * rebuilt from Kafka alone. A small demo season played through the public API, its championship scored by the
 * simulator's own ChampionshipReferee and held against championship-service's lists.
 */
class ChampionshipIT {

    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    static Stack stack;

    static String race(String id) {
        return """
                {"name": "Coppa %s", "year": 2026, "timeZone": "Europe/Rome",
                 "legs": [{"number": 1, "name": "Brescia – Desenzano", "date": "%s", "from": "Brescia", "to": "Desenzano",
                   "distanceKm": 50.0, "startPoint": "S",
                   "towns": [{"name": "Brescia", "province": "BS", "km": 0.0, "lat": 45.5416, "lon": 10.2118},
                             {"name": "Desenzano del Garda", "province": "BS", "km": 50.0, "lat": 45.4711, "lon": 10.5383}],
                   "timingPoints": [{"id": "S", "town": "Brescia", "km": 0.0}, {"id": "A", "town": "Brescia", "km": 24.0},
                                    {"id": "B", "town": "Brescia", "km": 24.6}],
                   "trials": [{"id": "PC1", "type": "PC", "start": "A", "finish": "B", "targetMs": 36000}]}]}
                """.formatted(id, LocalDate.now(ROME));
    }

    /** The race, its three crews (the same people everywhere, by licence) and their PC1, each {@code errorsMs} off. */
    static void run(String id, int... errorsMs) {
        stack.raceDirection().ok("PUT", stack.routeUrl() + "/api/races/" + id, race(id));
        stack.awaitRaceKnown(id);
        List<Map<String, Object>> crews = new ArrayList<>();
        for (int car = 1; car <= 3; car++) {
            crews.add(Map.of("car", car, "driver", Map.of("name", "Pilota " + car, "licence", "ACI-" + car), "codriver",
                    Map.of("name", "Navigatore " + car), "coefficient", 1.0, "category", "A"));
        }
        stack.raceDirection().ok("POST", stack.classificationUrl() + "/api/races/" + id + "/crews", crews);
        Instant at = Instant.now().minusSeconds(3600);
        List<Map<String, Object>> passages = new ArrayList<>();
        for (int car = 1; car <= 3; car++) {
            Instant start = at.plusSeconds(car * 60L);
            passages.add(passage(car, "A", start));
            passages.add(passage(car, "B", start.plusMillis(36_000 + errorsMs[car - 1])));
        }
        stack.timekeeper().ok("POST", stack.timingUrl() + "/api/races/" + id + "/passages/batch", passages);
        await(60, () -> new Api().ok("GET", stack.classificationUrl() + "/api/races/" + id + "/trials", null).get(0).get("measured").asInt() == 3,
                id + " scored");
    }

    static Map<String, Object> passage(int car, String point, Instant time) {
        return Map.of("id", UUID.randomUUID().toString(), "car", car, "point", point, "time", time.toString(), "device", "tk-" + point,
                "source", "HOSE");
    }

    static void await(int seconds, java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + ": not within " + seconds + " s");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static JsonNode standings() {
        return new Api().ok("GET", stack.championshipUrl() + "/api/championships/coppa-stagione/standings", null);
    }

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        run("stagione-1", 0, 20, 50);
        run("stagione-2", 30, 0, 60);
        stack.raceDirection().ok("PATCH", stack.routeUrl() + "/api/races/stagione-1/trials/PC1", Map.of("status", "CLOSED"));
        stack.raceDirection().ok("POST", stack.routeUrl() + "/api/races/stagione-1/publish", null);
    }

    @Test
    void aChampionshipCountsThePublishedRoundAndMovesWhenItIsPublishedAgain() throws Exception {
        String definition = """
                {"id": "coppa-stagione", "name": "Coppa della stagione", "season": 2026,
                 "rounds": [{"race": "stagione-1"}, {"race": "stagione-2", "weight": 2}], "minRounds": 1}
                """;
        // a round must be a race whose results arrived: the definition is taken once both have
        await(60, () -> stack.raceDirection().send("PUT", stack.championshipUrl() + "/api/championships/coppa-stagione", definition)
                .status() == 201, "the championship defined");
        await(30, () -> standings().get("asOfRound").asInt() == 1 && standings().get("entries").size() == 3, "the published round counted");
        JsonNode first = standings();
        assertEquals("ACI-1", first.at("/entries/0/person/licence").asText(), first.toString());
        assertEquals(40.0, first.at("/entries/0/points").asDouble());
        assertEquals(35.0, first.at("/entries/1/points").asDouble());

        // a protest upheld: car 1 penalised in the published race; classification sends it again, the championship moves
        long ruled = System.nanoTime();
        stack.raceDirection().ok("POST", stack.classificationUrl() + "/api/races/stagione-1/rulings",
                Map.of("type", "STEWARD_PENALTY", "car", 1, "trial", "PC1", "points", 100, "reason", "protest upheld: a short cut"));
        await(30, () -> "ACI-2".equals(standings().at("/entries/0/person/licence").asText()), "the championship moved");
        System.out.printf("[championship] a published round's ruling reached the championship in %d ms%n",
                Duration.ofNanos(System.nanoTime() - ruled).toMillis());
        JsonNode moved = standings();
        assertTrue(!first.get("digest").asText().equals(moved.get("digest").asText()), "a new digest");

        // the championship's database lost: rebuilt from Kafka alone (championships and race-results), the same list
        stack.loseDatabaseAndRestart("championship-service");
        await(60, () -> new Api().send("GET", stack.championshipUrl() + "/api/championships/coppa-stagione/standings", null).status() == 200
                && moved.equals(standings()), "the championship rebuilt from Kafka");
        assertEquals(1, new Api().ok("GET", stack.championshipUrl() + "/api/championships/coppa-stagione", null).get("revision").asInt());
    }

    @Test
    void theSimulatorsOwnScoringOfASeasonAgreesWithTheChampionship() {
        DemoSeason season = DemoSeason.generate(12, 24, 12, 36).renamed("it");
        for (DemoRace race : season.rounds) {
            race.publish(stack, null);
        }
        season.define(stack, Duration.ofSeconds(60)); // once each round's (provisional) results arrived
        long start = System.nanoTime();
        Map<String, ChampionshipReferee.Round> rounds = new LinkedHashMap<>();
        RaceFeed live = null;
        for (DemoRace race : season.rounds) {
            RaceFeed feed = new RaceFeed(race, 36);
            feed.play(stack.timekeeper(), stack.raceDirection(), stack.timingUrl(), stack.classificationUrl(), RaceFeed.AS_FAST_AS_POSSIBLE,
                    () -> true);
            if (race == season.live()) {
                live = feed;
                break;
            }
            race.closeAndPublish(stack);
            Referee.Verdict verdict = Referee.check(feed, race.closed(), new Api(), stack.classificationUrl(), Duration.ofSeconds(60));
            assertTrue(verdict.agree(), race.raceId + ": " + verdict);
            rounds.put(race.raceId, ChampionshipReferee.Round.of(feed, race.closed()));
        }
        // the last round played, not yet published: it counts in the provisional list only (sent at most every 30 s)
        Map<String, ChampionshipReferee.Round> provisional = new LinkedHashMap<>(rounds);
        provisional.put(live.race().raceId, ChampionshipReferee.Round.of(live, live.race().definition));
        ChampionshipReferee.Verdict before = ChampionshipReferee.check(new Api(), stack.championshipUrl(), season.definition(), "overall", null,
                provisional, true, Duration.ofSeconds(60));
        assertTrue(before.agree(), before.toString());
        assertTrue(ChampionshipReferee.check(new Api(), stack.championshipUrl(), season.definition(), "overall", null, rounds, false,
                Duration.ZERO).agree(), "the final list counts the published rounds alone");

        season.live().closeAndPublish(stack);
        rounds.put(live.race().raceId, ChampionshipReferee.Round.of(live, season.live().closed()));
        for (String list : List.of("overall", "teams")) {
            ChampionshipReferee.Verdict verdict = ChampionshipReferee.check(new Api(), stack.championshipUrl(), season.definition(), list, null,
                    rounds, false, Duration.ofSeconds(60));
            assertTrue(verdict.agree(), verdict.toString());
        }
        JsonNode overall = new Api().ok("GET", stack.championshipUrl() + "/api/championships/" + season.id + "/standings", null);
        assertTrue(overall.findValues("why").stream().anyMatch(why -> why.asText().equals("DROPPED")) && overall.at("/entries/0/points")
                .decimalValue().signum() > 0, "a season with points and dropped rounds: " + overall);
        System.out.printf("[championship] a season of 12, 24 and 12 crews played, published and agreed with the ChampionshipReferee in %d ms%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        // the people without a licence are matched by name, for race direction to confirm: the demo has two over two rounds
        JsonNode identities = new Api().ok("GET", stack.championshipUrl() + "/api/championships/" + season.id + "/identities", null);
        List<String> toConfirm = new ArrayList<>();
        identities.get("people").forEach(p -> {
            if (p.get("toConfirm").asBoolean()) {
                toConfirm.add(p.get("key").asText());
            }
        });
        assertEquals(List.of("name:nicolo fontanella", "name:zoe bianchi"), toConfirm.stream().sorted().toList(), identities.toString());
    }
}
