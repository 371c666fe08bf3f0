package io.regularity.championship.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.regularity.championship.domain.Championship;
import io.regularity.championship.domain.ChampionshipBundle;
import io.regularity.championship.domain.ChampionshipDigest;
import io.regularity.championship.domain.ListSpec;
import io.regularity.championship.domain.RoundResult;
import io.regularity.championship.domain.Standings;
import io.regularity.championship.persistence.ChampionshipStore.Saved;
import io.regularity.championship.rest.ChampionshipResource.StandingsView;
import io.regularity.championship.service.ChampionshipService;

/**
 * The championship's verifier: its bundle, its rounds' results and its published list, written as the service writes
 * them; the right inputs give exit 0, a round whose results were changed or a list whose points were changed give 1,
 * what cannot be verified gives 2.
 */
class VerifyChampionshipTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false).setSerializationInclusion(JsonInclude.Include.NON_NULL);
    static final Instant SAVED = Instant.parse("2026-05-01T10:00:00Z");

    static final Championship DEFINITION = new Championship("coppa", "Coppa", 2026,
            List.of(new Championship.Round("r1", null), new Championship.Round("r2", new BigDecimal("2")), new Championship.Round("r3", null)),
            List.of(ListSpec.OVERALL),
            Championship.Scores.BOTH, null, null, null, 1, null, null, null);

    /** A round: the drivers (licence LIC-name), in overall order; its co-drivers without licence. */
    static RoundResult round(String race, boolean isFinal, String digest, String... drivers) {
        List<RoundResult.Crew> crews = new ArrayList<>();
        for (int i = 0; i < drivers.length; i++) {
            Map<String, Integer> positions = new LinkedHashMap<>();
            positions.put("overall", i + 1);
            crews.add(new RoundResult.Crew(i + 1, new RoundResult.Person(drivers[i], "LIC-" + drivers[i]),
                    new RoundResult.Person("Nav " + drivers[i], null), "A", null, 1930 + i, positions));
        }
        return new RoundResult(race, 4, isFinal, digest, 8, 8, crews);
    }

    /** A round's results as verify-results --round prints them. */
    static String roundJson(RoundResult r) throws Exception {
        List<Map<String, Object>> crews = new ArrayList<>();
        for (RoundResult.Crew c : r.crews()) {
            Map<String, Object> crew = new LinkedHashMap<>();
            crew.put("car", c.car());
            crew.put("driver", Map.of("name", c.driver().name(), "licence", c.driver().licence()));
            crew.put("codriver", Map.of("name", c.codriver().name()));
            crew.put("carYear", c.carYear());
            crew.put("category", c.category());
            crew.put("state", "CLASSIFIED");
            crew.put("positions", c.positions());
            crews.add(crew);
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("revision", r.revision());
        results.put("status", r.isFinal() ? "FINAL" : "PROVISIONAL");
        results.put("digest", r.digest());
        results.put("plannedPcs", r.plannedPcs());
        results.put("validPcs", r.validPcs());
        results.put("crews", crews);
        return JSON.writeValueAsString(Map.of("format", "regularity-round-results/1", "type", "RaceResults", "schemaVersion", 1, "raceId", r.race(),
                "results", results));
    }

    static final RoundResult R1 = round("r1", true, "sha256:r1", "Rossi", "Verdi", "Neri");
    static final RoundResult R2 = round("r2", true, "sha256:r2", "Verdi", "Neri", "Rossi");
    static final RoundResult R3 = round("r3", false, "sha256:r3", "Neri", "Rossi", "Verdi");

    static Map<String, RoundResult> arrived() {
        Map<String, RoundResult> all = new LinkedHashMap<>();
        all.put("r1", R1);
        all.put("r2", R2);
        all.put("r3", R3);
        return all;
    }

    /** The service's own list (final rounds), as GET …/standings gives it. */
    static String standings(boolean provisional) throws Exception {
        Championship c = DEFINITION.withDefaults();
        Map<String, RoundResult> counted = arrived();
        counted.values().removeIf(r -> !r.isFinal() && !provisional);
        var table = new ChampionshipService.Table(new Saved(DEFINITION, 3, SAVED, "direzione"), Standings.of(c, ListSpec.OVERALL, counted), counted,
                provisional, ChampionshipDigest.of("coppa", 3, c, counted));
        return JSON.writeValueAsString(StandingsView.of(table));
    }

    record Ran(int exit, String out) {
    }

    static Ran verify(Path... files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new VerifyChampionship(new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(java.util.Arrays.stream(files).map(Path::toString).toArray(String[]::new));
        return new Ran(exit, out.toString(StandardCharsets.UTF_8));
    }

    Path export;
    Path r1;
    Path r2;
    Path r3;
    Path list;

    void write(Path dir) throws Exception {
        export = Files.writeString(dir.resolve("championship.json"),
                JSON.writeValueAsString(ChampionshipBundle.of(DEFINITION, 3, SAVED, "direzione", arrived(), Instant.now())));
        r1 = Files.writeString(dir.resolve("r1.json"), roundJson(R1));
        r2 = Files.writeString(dir.resolve("r2.json"), roundJson(R2));
        r3 = Files.writeString(dir.resolve("r3.json"), roundJson(R3));
        list = Files.writeString(dir.resolve("standings.json"), standings(false));
    }

    @Test
    void theRightRoundsAndTheServicesListMatch(@TempDir Path dir) throws Exception {
        write(dir);
        Ran ran = verify(export, list, r1, r2);
        assertEquals(0, ran.exit(), ran.out());
        assertTrue(ran.out().contains("round         r1: revision 4, FINAL, digest sha256:r1: the one the championship counted"), ran.out());
        assertTrue(ran.out().contains("round         r3: PROVISIONAL, not counted by this list, not given"), ran.out());
        assertTrue(ran.out().contains("digest        the list's digest is the recomputed one"), ran.out());
        assertTrue(ran.out().contains("OK      the list follows from the definition and the rounds"), ran.out());
        // the provisional list counts round 3 too: given, it matches
        Path provisional = Files.writeString(dir.resolve("provisional.json"), standings(true));
        Ran withIt = verify(export, provisional, r1, r2, r3);
        assertEquals(0, withIt.exit(), withIt.out());
        // without a list: the rounds checked against the bundle and the list printed
        Ran alone = verify(export, r1, r2, r3);
        assertEquals(0, alone.exit(), alone.out());
        assertTrue(alone.out().contains("overall, recomputed (first 10 of 6)"), alone.out());
    }

    @Test
    void aRoundWhoseResultsWereChangedDoesNotMatch(@TempDir Path dir) throws Exception {
        write(dir);
        // a position edited in round 2's results: Rossi 1st instead of Verdi, the digest left as it was
        Files.writeString(r2, roundJson(round("r2", true, "sha256:r2", "Rossi", "Neri", "Verdi")));
        Ran ran = verify(export, list, r1, r2);
        assertEquals(1, ran.exit(), ran.out());
        assertTrue(ran.out().contains("DIFFERS Rossi (licence:LIC-ROSSI): the list says rank 3, 104.00 points"), ran.out());
        assertTrue(ran.out().contains("FAILED  the list does not follow from the definition and the rounds"), ran.out());
        // round 2 from other facts: its digest is not the one the championship counted
        Files.writeString(r2, roundJson(round("r2", true, "sha256:other", "Verdi", "Neri", "Rossi")));
        Ran other = verify(export, list, r1, r2);
        assertEquals(1, other.exit(), other.out());
        assertTrue(other.out().contains("MISMATCH round r2: its results are of facts with digest sha256:other, the championship counted sha256:r2"),
                other.out());
    }

    @Test
    void aListWhosePointsWereChangedDoesNotMatch(@TempDir Path dir) throws Exception {
        write(dir);
        ObjectNode published = (ObjectNode) JSON.readTree(standings(false));
        ((ObjectNode) published.get("entries").get(1)).put("points", new BigDecimal("99.00"));
        Files.writeString(list, JSON.writeValueAsString(published));
        Ran ran = verify(export, list, r1, r2);
        assertEquals(1, ran.exit(), ran.out());
        assertTrue(ran.out().contains("99.00 points"), ran.out());
        assertTrue(ran.out().contains("1 person(s) differ"), ran.out());
        // a list that says no digest cannot say what it was computed from: not a match, however right its lines
        ObjectNode undigested = (ObjectNode) JSON.readTree(standings(false));
        undigested.remove("digest");
        Files.writeString(list, JSON.writeValueAsString(undigested));
        Ran without = verify(export, list, r1, r2);
        assertEquals(1, without.exit(), without.out());
        assertTrue(without.out().contains("MISMATCH the list says no digest"), without.out());
    }

    @Test
    void whatCannotBeVerifiedIsRefused(@TempDir Path dir) throws Exception {
        write(dir);
        Ran missing = verify(export, list, r1);
        assertEquals(2, missing.exit(), missing.out());
        assertTrue(missing.out().contains("the results of round r2 (revision 4, FINAL) are not given"), missing.out());
        Ran notABundle = verify(list, r1, r2);
        assertEquals(2, notABundle.exit(), notABundle.out());
        assertTrue(notABundle.out().contains("not a championship's bundle"), notABundle.out());
        Path raceBundle = Files.writeString(dir.resolve("bundle.json"), "{\"format\": \"regularity-results-bundle/1\", \"raceId\": \"r1\"}");
        Ran race = verify(export, list, raceBundle, r2);
        assertEquals(2, race.exit(), race.out());
        assertTrue(race.out().contains("a race's bundle"), race.out());
    }
}
