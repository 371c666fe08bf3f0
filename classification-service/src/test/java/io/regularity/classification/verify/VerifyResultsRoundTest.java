package io.regularity.classification.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.domain.ResultsBundle;

/**
 * {@code deploy/verify-results --round BUNDLE}: a bundle's facts give the race's results as race-results carries them
 * (the publisher's own way, {@code RaceResults.body}), for a championship's verifier; a bundle whose facts were changed
 * says so (exit 1); what is not a bundle is refused (exit 2).
 */
class VerifyResultsRoundTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    static final Instant T0 = Instant.parse("2024-06-11T08:00:00Z");

    /** Three crews on PC1 (36 s), {@code errorsMs} off; the race published when {@code published}; the digest its facts' own. */
    static String bundle(boolean published, long... errorsMs) throws Exception {
        String text = bundle(published, "sha256:unknown", errorsMs);
        ResultsBundle.Read read;
        try (InputStream in = new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            read = ResultsBundle.read(JSON, in);
        }
        return bundle(published, read.facts().digest(), errorsMs);
    }

    static String bundle(boolean published, String digest, long... errorsMs) {
        String publication = published ? ", \"published\": {\"race\": {\"at\": \"2024-06-11T20:00:00Z\", \"by\": \"direzione\", \"revision\": 3}}" : "";
        StringBuilder crews = new StringBuilder();
        List<String> passages = new ArrayList<>();
        for (int car = 1; car <= errorsMs.length; car++) {
            crews.append(car > 1 ? ", " : "").append("""
                    {"car": %d, "driver": {"name": "Pilota %d", "female": %s, "licence": "ACI-%d"}, "codriver": {"name": "Navigatore %d", "female": %s},
                     "carModel": "Fiat 508", "carYear": %d, "coefficient": 1.00, "category": "%s", "team": null}
                    """.formatted(car, car, car == 3, car, car, car == 3, 1930 + car, car == 2 ? "B" : "A"));
            Instant start = T0.plusSeconds(car * 60L);
            passages.add(passage(car, "A", start));
            passages.add(passage(car, "B", start.plusMillis(36_000 + errorsMs[car - 1])));
        }
        return """
                {"format": "regularity-results-bundle/1", "raceId": "coppa-test", "exportedAt": "2024-06-11T21:00:00Z",
                 "asOf": "2024-06-11T21:00:00Z", "revision": 3, "digest": "%s",
                 "definition": {"name": "Coppa", "year": 2024, "timeZone": "Europe/Rome",
                   "legs": [{"number": 1, "name": "L1", "startPoint": "S", "timingPoints": [{"id": "S"}, {"id": "A"}, {"id": "B"}],
                     "trials": [{"id": "PC1", "type": "PC", "start": "A", "finish": "B", "targetMs": 36000, "status": "CLOSED"}]}]%s},
                 "crews": [%s], "rulings": [], "passages": [%s]}
                """.formatted(digest, publication, crews, String.join(", ", passages));
    }

    static String passage(int car, String point, Instant time) {
        return """
                {"id": "%s", "car": %d, "point": "%s", "time": "%s", "clockOffsetMs": 0, "officialTime": "%s", "device": "tk-%s",
                 "source": "HOSE", "receivedAt": "%s", "status": "COUNTS", "voided": null}
                """.formatted(UUID.nameUUIDFromBytes((car + point).getBytes(StandardCharsets.UTF_8)), car, point, time, time, point, time);
    }

    record Ran(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    static Ran round(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new VerifyResults(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run("--round", file.toString());
        return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPublishedRacesBundleGivesItsFinalResultsWithEveryListsPositions(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bundle.json"), bundle(true, 20, 0, 50));
        Ran ran = round(file);
        assertEquals(0, ran.exit(), ran.err());
        JsonNode round = ran.json();
        assertEquals("regularity-round-results/1", round.get("format").asText());
        assertEquals("RaceResults", round.get("type").asText());
        assertEquals("coppa-test", round.get("raceId").asText());
        JsonNode results = round.get("results");
        assertEquals("FINAL", results.get("status").asText());
        assertEquals(3, results.get("revision").asInt());
        assertEquals("direzione", results.at("/published/by").asText());
        assertEquals("2024-06-11T20:00:00Z", results.at("/published/at").asText());
        assertEquals(JSON.readTree(bundle(true, 20, 0, 50)).get("digest").asText(), results.get("digest").asText());
        assertEquals("PC1", results.get("asOfTrial").asText());
        assertEquals(1, results.get("plannedPcs").asInt());
        assertEquals(1, results.get("validPcs").asInt());
        // car 2 exact: first overall, first of category B; car 1 (2 cs) first of A; car 3 the only lady
        JsonNode crews = results.get("crews");
        assertEquals(2, crews.get(0).get("car").asInt(), crews.toString());
        assertEquals(1, crews.get(0).at("/positions/overall").asInt());
        assertEquals(1, crews.get(0).at("/positions/category:B").asInt());
        assertEquals(2, crews.get(1).at("/positions/overall").asInt());
        assertEquals(1, crews.get(1).at("/positions/category:A").asInt());
        assertEquals("ACI-1", crews.get(1).at("/driver/licence").asText());
        assertEquals(1933, crews.get(2).get("carYear").asInt());
        assertEquals(1, crews.get(2).at("/positions/ladies").asInt());
        assertEquals(2, crews.get(2).at("/positions/category:A").asInt());
        assertTrue(ran.err().contains("round   coppa-test, route revision 3"), ran.err());
    }

    @Test
    void aRaceNotPublishedIsProvisional(@TempDir Path dir) throws Exception {
        Ran ran = round(Files.writeString(dir.resolve("bundle.json"), bundle(false, 20, 0, 50)));
        assertEquals(0, ran.exit(), ran.err());
        assertEquals("PROVISIONAL", ran.json().at("/results/status").asText());
        assertTrue(ran.json().at("/results/published").isMissingNode() || ran.json().at("/results/published").isNull());
    }

    @Test
    void aBundleWhoseFactsWereChangedSaysSoAndCarriesTheDigestOfWhatItHolds(@TempDir Path dir) throws Exception {
        String honest = bundle(true, 20, 0, 50);
        String digest = JSON.readTree(honest).get("digest").asText();
        // car 1's finish moved by a second, the bundle's digest left as it was
        Ran ran = round(Files.writeString(dir.resolve("bundle.json"), bundle(true, digest, 20, 0, 1050)));
        assertEquals(1, ran.exit(), ran.err());
        assertTrue(ran.err().contains("MISMATCH the bundle says its facts have digest " + digest), ran.err());
        assertNotEquals(digest, ran.json().at("/results/digest").asText());
    }

    @Test
    void whatIsNotABundleIsRefused(@TempDir Path dir) throws Exception {
        Ran list = round(Files.writeString(dir.resolve("standings.json"), "{\"list\": \"overall\", \"digest\": \"sha256:0\", \"entries\": []}"));
        assertEquals(2, list.exit());
        assertTrue(list.err().contains("cannot read standings.json as a race's results bundle"), list.err());
        assertEquals("", list.out());
        Ran page = round(Files.writeString(dir.resolve("page.html"), "<html></html>"));
        assertEquals(2, page.exit());
    }
}
