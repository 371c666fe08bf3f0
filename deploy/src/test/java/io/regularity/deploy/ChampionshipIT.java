package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * The championship's list verified offline, as {@code deploy/verify-results championship.json standings.json round…}
     * does it, with the packaged services' own code run here (each in a class loader of its own jars): each round's
     * bundle made into its results by classification's verifier, then championship's recomputing the list; a
     * position edited in a round's results no longer gives the published list.
     */
    @Test
    void aChampionshipsListIsVerifiedOfflineFromItsBundleAndItsRoundsBundles() throws Exception {
        String definition = """
                {"id": "coppa-verificata", "name": "Coppa verificata", "season": 2026,
                 "rounds": [{"race": "stagione-1"}, {"race": "stagione-2", "weight": 2}], "scores": "both", "minRounds": 1}
                """;
        String url = stack.championshipUrl() + "/api/championships/coppa-verificata";
        await(60, () -> stack.raceDirection().send("PUT", url, definition).status() / 100 == 2, "the championship defined");
        Path dir = Path.of(System.getProperty("regularity.root", ".."), "deploy", "target", "verify-championship-it");
        Files.createDirectories(dir);
        // what the championship holds is what the races' lists stand on (a round sent again meanwhile is waited for); the
        // races' bundles, taken at most 6 times a minute, are exported once that holds
        JsonNode[] read = new JsonNode[4];
        await(60, () -> {
            read[0] = new Api().ok("GET", url + "/export", null);
            read[3] = new Api().ok("GET", url + "/standings?provisional=true", null);
            return read[0].get("rounds").size() == 2
                    && read[0].at("/rounds/0/digest").equals(new Api().ok("GET", stack.classificationUrl() + "/api/races/stagione-1/standings", null).get("digest"))
                    && read[0].at("/rounds/1/digest").equals(new Api().ok("GET", stack.classificationUrl() + "/api/races/stagione-2/standings", null).get("digest"))
                    && read[3].get("digest").equals(read[0].get("provisionalDigest"));
        }, "the championship's bundle matching the races'");
        read[1] = new Api().ok("GET", stack.classificationUrl() + "/api/races/stagione-1/export", null);
        read[2] = new Api().ok("GET", stack.classificationUrl() + "/api/races/stagione-2/export", null);
        assertEquals(read[0].at("/rounds/0/digest"), read[1].get("digest"));
        assertEquals(read[0].at("/rounds/1/digest"), read[2].get("digest"));
        assertEquals("FINAL", read[0].at("/rounds/0/status").asText(), read[0].toString());
        assertEquals("PROVISIONAL", read[0].at("/rounds/1/status").asText());
        assertEquals(6, read[3].get("entries").size(), read[3].toString());
        Path championship = Files.writeString(dir.resolve("championship.json"), Api.JSON.writeValueAsString(read[0]));
        Path bundle1 = Files.writeString(dir.resolve("stagione-1-bundle.json"), Api.JSON.writeValueAsString(read[1]));
        Path bundle2 = Files.writeString(dir.resolve("stagione-2-bundle.json"), Api.JSON.writeValueAsString(read[2]));
        Path standings = Files.writeString(dir.resolve("standings.json"), Api.JSON.writeValueAsString(read[3]));

        Path root = Path.of(System.getProperty("regularity.root", ".."));
        try (URLClassLoader classification = jars(root.resolve("classification-service/target/quarkus-app"));
                URLClassLoader champion = jars(root.resolve("championship-service/target/quarkus-app"))) {
            Path round1 = dir.resolve("stagione-1-round.json");
            Path round2 = dir.resolve("stagione-2-round.json");
            for (Path[] pair : new Path[][] { { bundle1, round1 }, { bundle2, round2 } }) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int exit = inside(classification, () -> {
                    Object verifier = classification.loadClass("io.regularity.classification.verify.VerifyResults").getConstructor(PrintStream.class,
                            PrintStream.class).newInstance(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
                    return (int) verifier.getClass().getMethod("run", String[].class).invoke(verifier, (Object) new String[] { "--round", pair[0].toString() });
                });
                assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
                Files.write(pair[1], out.toByteArray());
            }
            String[] verified = championship(champion, championship, standings, round1, round2);
            assertEquals("0", verified[0], verified[1]);
            assertTrue(verified[1].contains("OK      the list follows from the definition and the rounds"), verified[1]);

            // a position edited in round 2's results: the crew first made last, the others moved up
            JsonNode round = Api.JSON.readTree(round2.toFile());
            int crews = round.at("/results/crews").size();
            for (JsonNode crew : round.at("/results/crews")) {
                int overall = crew.at("/positions/overall").asInt();
                ((com.fasterxml.jackson.databind.node.ObjectNode) crew.get("positions")).put("overall", overall == 1 ? crews : overall - 1);
            }
            Path tampered = Files.writeString(dir.resolve("stagione-2-round-tampered.json"), Api.JSON.writeValueAsString(round));
            String[] refused = championship(champion, championship, standings, round1, tampered);
            assertEquals("1", refused[0], refused[1]);
            assertTrue(refused[1].contains("DIFFERS "), refused[1]);
            assertTrue(refused[1].contains("FAILED  the list does not follow from the definition and the rounds"), refused[1]);
        }
    }

    /** A class loader of a packaged service's jars alone (quarkus-app/app and lib/main), apart from this test's classes. */
    static URLClassLoader jars(Path app) throws java.io.IOException {
        List<java.net.URL> urls = new ArrayList<>();
        for (Path folder : List.of(app.resolve("app"), app.resolve("lib/main"))) {
            try (var files = Files.list(folder)) {
                for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        return new URLClassLoader(urls.toArray(java.net.URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** championship-service's verifier run on these files: its exit and what it said. */
    static String[] championship(URLClassLoader loader, Path... files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = inside(loader, () -> {
            Object verifier = loader.loadClass("io.regularity.championship.verify.VerifyChampionship").getConstructor(PrintStream.class)
                    .newInstance(new PrintStream(out, true, StandardCharsets.UTF_8));
            return (int) verifier.getClass().getMethod("run", String[].class).invoke(verifier,
                    (Object) java.util.Arrays.stream(files).map(Path::toString).toArray(String[]::new));
        });
        return new String[] { String.valueOf(exit), out.toString(StandardCharsets.UTF_8) };
    }

    /** Runs with the service's class loader as the thread's (Jackson finds its modules through it). */
    static int inside(ClassLoader loader, java.util.concurrent.Callable<Integer> call) throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
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
        // the last round played, not yet published: it counts in the provisional list only (sent at most every 5 s here)
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
