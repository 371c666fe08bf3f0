package io.regularity.classification.rest.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.regularity.classification.domain.Anomaly;
import io.regularity.classification.domain.Evidence;
import io.regularity.classification.domain.PassageRecord;
import io.regularity.support.Lang;

/** Every anomaly says itself in Italian and in English, names a passage by its time and device, never by its id. */
class WordsTest {

    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    static final Pattern AN_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-");
    /** What an Italian reader must not meet: the codes and the server's English. */
    static final List<String> ENGLISH = List.of("DUPLICATE", "duplicate of", "later", "backup chronometer", "passage", "counts", "lap ",
            "null");

    static PassageRecord passage(String device, Instant at) {
        return new PassageRecord(UUID.randomUUID(), 7, "M", at, 0, at, device, "HOSE", at, null);
    }

    @Test
    void everyAnomalyHasItsWordsInBothLanguagesWithoutAnIdOrAnEnglishWordInItalian() {
        PassageRecord counted = passage("tk-M", Instant.parse("2024-06-11T08:00:00Z"));
        PassageRecord later = passage("tk-M-backup", Instant.parse("2024-06-11T08:00:00.376Z"));
        for (Anomaly.Type type : Anomaly.Type.values()) {
            assertTrue(Words.ANOMALIES.containsKey(type), type + " has no words: a new code needs its Italian and English");
            Anomaly a = new Anomaly(type, 7, "M", "PC1", later.id(), "detail in English", counted.id(), 2);
            String it = Words.anomaly(a, later, counted, ROME, Lang.IT);
            String en = Words.anomaly(a, later, counted, ROME, Lang.EN);
            assertFalse(AN_ID.matcher(it).find() || AN_ID.matcher(en).find(), it + " / " + en);
            assertFalse(it.contains("{") || en.contains("{"), "every placeholder filled: " + it + " / " + en);
            assertFalse(it.equals(en), type + ": the same words in both languages");
            for (String word : ENGLISH) {
                assertFalse(it.contains(word), type + " in Italian says \"" + word + "\": " + it);
            }
        }
    }

    @Test
    void aBackupChronometersDuplicateIsNamedByTimesAndDevices() {
        PassageRecord counted = passage("tk-M", Instant.parse("2024-06-11T08:00:00Z"));
        PassageRecord backup = passage("tk-M-backup", Instant.parse("2024-06-11T08:00:00.376Z"));
        Anomaly a = new Anomaly(Anomaly.Type.DUPLICATE, 7, "M", null, backup.id(), "duplicate of " + counted.id(), counted.id());
        assertEquals("il passaggio delle 10:00:00.376 (tk-M-backup) a M ripete quello delle 10:00:00.000 (tk-M), 376 ms dopo: "
                + "un cronometro di riserva, non conta", Words.anomaly(a, backup, counted, ROME, Lang.IT));
        assertEquals("the passage at 10:00:00.376 (tk-M-backup) at M repeats the one at 10:00:00.000 (tk-M), 376 ms later: "
                + "a backup chronometer, it does not count", Words.anomaly(a, backup, counted, ROME, Lang.EN));
    }

    @Test
    void theReadersLanguageIsTheParameterThenTheHeaderThenEnglish() {
        assertEquals(Lang.IT, Lang.of("it", "en-GB"));
        assertEquals(Lang.EN, Lang.of("en", "it-IT"));
        assertEquals(Lang.IT, Lang.of(null, "fr-FR;q=0.9, it-IT;q=0.8, en;q=0.5"));
        assertEquals(Lang.EN, Lang.of(null, "de-DE"));
        assertEquals(Lang.EN, Lang.of(" ", null));
    }

    @Test
    void aVoidSaysWhoAndWhy() {
        PassageRecord p = new PassageRecord(UUID.randomUUID(), 7, "M", Instant.EPOCH, 0, Instant.EPOCH, "tk-M", "HOSE", Instant.EPOCH,
                new PassageRecord.Voided("a cyclist on the hose", "clerk-anna", Instant.EPOCH));
        assertEquals("annullato da clerk-anna: “a cyclist on the hose”", Words.ignored(p, null, null, ROME, Lang.IT));
    }

    @Test
    void aGpsCrossingsEvidenceSaysWhatItKnowsAndLeavesOutWhatTheFixesDidNotSay() {
        Instant a = Instant.parse("2024-06-11T08:00:00Z");
        Evidence full = new Evidence(new Evidence.EvidenceLine(45.5, 10.2, 90.0, 10.0),
                new Evidence.EvidenceFix(a, 45.5, 10.19998845, 25.0, 90.0, 1.0),
                new Evidence.EvidenceFix(a.plusMillis(100), 45.5, 10.20002053, 25.0, 90.0, 1.5), 0.36, new Evidence.EvidencePoint(45.5, 10.2));
        PassageRecord tenHz = new PassageRecord(UUID.randomUUID(), 7, "V1", a.plusMillis(36), 0, a.plusMillis(36), "crew-7", "GPS", a, null,
                0.2, 40.0, full);
        assertEquals("GPS: between 10:00:00.000 (1 m) and 10:00:00.100 (1.5 m), 36 % of the way → 10:00:00.036 ± 0.2 ms (positions ± 40 ms)",
                Words.evidence(tenHz, ROME, Lang.EN));
        assertEquals("GPS: tra le 10:00:00.000 (1 m) e le 10:00:00.100 (1,5 m), al 36 % del tratto → 10:00:00.036 ± 0,2 ms (posizioni ± 40 ms)",
                Words.evidence(tenHz, ROME, Lang.IT));
        Evidence bare = new Evidence(null, new Evidence.EvidenceFix(a, 45.5, 10.2, null, null, null),
                new Evidence.EvidenceFix(a.plusSeconds(1), 45.5, 10.3, null, null, null), 0.365, null);
        PassageRecord unsaid = new PassageRecord(UUID.randomUUID(), 7, "V1", a.plusMillis(365), 0, a.plusMillis(365), "crew-7", "GPS", a,
                null, null, null, bare);
        assertEquals("GPS: between 10:00:00.000 and 10:00:01.000, 36.5 % of the way → 10:00:00.365", Words.evidence(unsaid, ROME, Lang.EN));
        assertEquals(null, Words.evidence(passage("tk-M", a), ROME, Lang.EN), "a post's passage has no evidence to say");
    }
}
