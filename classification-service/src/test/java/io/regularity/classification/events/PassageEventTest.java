package io.regularity.classification.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.domain.Passage;
import io.regularity.classification.domain.PassageVoid;
import io.regularity.testsupport.GoldenEvents;

/**
 * Issue 35: the passage events classification consumes are typed records read with Jackson (they were walked as a JSON
 * tree and sorted out of a Map of Objects), each golden sample read whole into its fact.
 */
class PassageEventTest {

    /** As the application's mapper reads events: tolerant of fields it does not know. */
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static PassageEvent read(String json) throws Exception {
        return JSON.readValue(json, PassageEvent.class);
    }

    @Test
    void eachGoldenSampleIsReadWholeIntoItsFact() throws Exception {
        PassageEvent recorded = read(GoldenEvents.sample("PassageRecorded"));
        assertInstanceOf(PassageEvent.Recorded.class, recorded);
        assertEquals(UUID.fromString("8c0e7a52-8b7e-4c55-a0b4-54c1d1d0c3f1"), recorded.eventId());
        assertEquals(new Passage(UUID.fromString("5d0a3c9e-7f51-4c1e-9a53-0b9f4a7c2e11"), "golden-race", 48, "L1-P02",
                Instant.parse("2024-06-11T09:12:33.470Z"), -12, "tk-17", "HOSE", Instant.parse("2024-06-11T09:12:33.512Z")), recorded.fact());
        PassageVoid voided = (PassageVoid) read(GoldenEvents.sample("PassageVoided")).fact();
        assertEquals(new PassageVoid(UUID.fromString("5d0a3c9e-7f51-4c1e-9a53-0b9f4a7c2e11"), "golden-race", 48, "wrong car number typed",
                "race-direction", Instant.parse("2024-06-11T10:00:00.000Z"), false), voided);
        PassageVoid restored = (PassageVoid) read(GoldenEvents.sample("PassageRestored")).fact();
        assertTrue(restored.restore());
        assertEquals(Instant.parse("2024-06-11T10:05:00.000Z"), restored.at());
    }

    @Test
    void aTypeThisVersionDoesNotKnowIsSkippedAndAFieldItDoesNotKnowIgnored() throws Exception {
        PassageEvent other = read("""
                {"eventId": "2f1b0c8e-3d4a-4f7b-9e61-7a2d5c9b8e03", "type": "PassageTeleported", "raceId": "r"}""");
        assertInstanceOf(PassageEvent.Other.class, other);
        assertNull(other.fact());
        PassageEvent recorded = read(GoldenEvents.sample("PassageRecorded").replace("\"car\": 48", "\"car\": 48, \"gpsFix\": {\"lat\": 45.5}"));
        assertEquals(48, ((Passage) recorded.fact()).car());
    }

    @Test
    void aFieldTheFactNeedsMissingOrImpossibleIsNamed() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> read(GoldenEvents.sample("PassageRecorded").replace("\"raceId\": \"golden-race\",", "")).fact());
        assertEquals("missing field raceId", missing.getMessage());
        IllegalArgumentException car = assertThrows(IllegalArgumentException.class,
                () -> read(GoldenEvents.sample("PassageVoided").replace("\"car\": 48", "\"car\": 0")).fact());
        assertEquals("car must be a positive number", car.getMessage());
    }

    @Test
    void aGpsPassageCarriesItsEvidenceAndAnOldEventWithoutItStillReads() throws Exception {
        Passage gps = (Passage) read(GoldenEvents.sample("PassageRecordedGps")).fact();
        assertEquals("GPS", gps.source());
        assertEquals(25.0, gps.precisionMs());
        assertEquals(0.365, gps.evidence().fraction());
        assertEquals(Instant.parse("2024-06-11T10:00:00.000Z"), gps.evidence().before().time());
        assertEquals(3.0, gps.evidence().after().accuracyM());
        assertEquals(90.0, gps.evidence().line().bearingDeg());
        assertEquals(10.2, gps.evidence().at().lon());
        // a fix may leave out its speed, heading and accuracy
        Passage bare = (Passage) read(GoldenEvents.sample("PassageRecordedGps").replace("\"speedMs\": 20.0, \"headingDeg\": 90.0, \"accuracyM\": 2.0", "\"lat2\": 1"))
                .fact();
        assertNull(bare.evidence().before().accuracyM());
        assertNull(((Passage) read(GoldenEvents.sample("PassageRecorded")).fact()).evidence(), "a post's passage, and every older event, has none");
    }
}
