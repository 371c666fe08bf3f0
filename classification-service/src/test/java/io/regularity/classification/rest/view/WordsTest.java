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
}
