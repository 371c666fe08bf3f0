package io.regularity.timing.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.regularity.timing.domain.Fix;
import io.regularity.timing.events.FixRecorded;
import io.regularity.timing.service.CrossingFinder.Track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A car's track in the processor's store: the binary form reads back what was written, and a JSON track of before still reads. */
class TrackSerdeTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final TrackSerde SERDE = new TrackSerde(JSON);
    static final Instant T = Instant.parse("2024-06-11T08:00:00.123456789Z");

    static Track full() {
        // every field a value of its own (two instants swapped, or two numbers, would not read back equal)
        FixRecorded fix = new FixRecorded(UUID.fromString("0b6e3c1a-58d5-4d1e-9a4f-3f2c1d0e9b8a"), FixRecorded.TYPE, 1, T.plusMillis(950),
                "1000-miglia-2024", 48, "crew-48", T, 45.521417, 9.593725, 13.2, 212.5, 2.4, Fix.Source.NMEA, T.plusMillis(900));
        return new Track(fix, Map.of("L3-P004", T.minusSeconds(3), "L3-P005", T.minusMillis(250)));
    }

    @Test
    void aTrackWithEveryFieldReadsBackEqual() {
        Track track = full();
        byte[] bytes = SERDE.serialize("t", track);
        assertEquals(track, SERDE.deserialize("t", bytes));
        assertTrue(bytes.length < JSON.valueToTree(track).toString().length() / 2, "the binary form is under half the JSON's: " + bytes.length);
    }

    @Test
    void theFieldsAFixMayLackStayAbsent() {
        FixRecorded bare = new FixRecorded(null, null, 1, null, "r", 7, null, T, 45.5, 10.2, null, null, null, null, null);
        Track track = new Track(bare, null);
        Track read = SERDE.deserialize("t", SERDE.serialize("t", track));
        assertEquals(track, read);
        assertNull(read.last().speedMs());
        assertNull(read.last().source());
        assertEquals(Map.of(), read.crossed());
    }

    @Test
    void aTrackTheProcessorWroteAsJsonBeforeStillReads() throws Exception {
        Track track = full();
        byte[] asJson = JSON.writeValueAsString(track).getBytes(StandardCharsets.UTF_8);
        assertEquals(track, SERDE.deserialize("t", asJson));
    }

    @Test
    void nothingIsNoTrackAndAnUnknownFormIsRefused() {
        assertNull(SERDE.serialize("t", null));
        assertNull(SERDE.deserialize("t", null));
        assertThrows(IllegalArgumentException.class, () -> SERDE.deserialize("t", new byte[] { 9, 0, 0 }));
    }

    @Test
    void aCarsIdAndTheRaceSurviveTheirLengths() {
        FixRecorded fix = FixRecorded.of("gara-è-lunga-".repeat(20), 9999, "crew-9999", new Fix(T, -33.9, 151.2, null, null, 7.3,
                Fix.Source.PHONE), T);
        Track track = new Track(fix, Map.of());
        assertEquals(track, SERDE.deserialize("t", SERDE.serialize("t", track)));
        assertEquals(UUID.class, SERDE.deserialize("t", SERDE.serialize("t", track)).last().eventId().getClass());
    }
}
