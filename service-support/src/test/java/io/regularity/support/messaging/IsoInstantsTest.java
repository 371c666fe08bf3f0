package io.regularity.support.messaging;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The processor's quick instants read exactly what java.time reads, and hand every other form to Jackson's own reader. */
class IsoInstantsTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void everyInstantInTheEventsFormReadsAsJavaTimeReadsIt() {
        Random random = new Random(39);
        for (int i = 0; i < 100_000; i++) {
            // from 1970 to 2200, at every precision from the second to the nanosecond
            Instant t = Instant.ofEpochSecond(random.nextLong(0, 7_258_118_400L), random.nextInt(1_000_000_000));
            int digits = random.nextInt(10); // 0 to 9 fraction digits, each count as often
            String text = new DateTimeFormatterBuilder().appendInstant(digits).toFormatter().format(t);
            assertEquals(Instant.parse(text), IsoInstants.parse(text), text);
        }
        assertEquals(Instant.parse("2024-02-29T23:59:59.5Z"), IsoInstants.parse("2024-02-29T23:59:59.5Z"));
        assertEquals(Instant.parse("2024-06-11T08:00:00.000Z"), IsoInstants.parse("2024-06-11T08:00:00.000Z"));
    }

    @Test
    void anyOtherFormIsLeftToTheLongWay() {
        for (String other : new String[] { "2024-06-11T08:00:00+01:00", "2024-06-11T08:00:00.Z", "2024-06-11 08:00:00Z", "2024-06-11T08:00Z",
                "2023-02-29T08:00:00Z", "2024-06-11T24:00:00Z", "2024-06-11T08:60:00Z", "2016-12-31T23:59:60Z", "+12024-06-11T08:00:00Z",
                "2024-06-11T08:00:00.1234567890Z", "2024-6-11T08:00:00.000Z", "2024-06-11T08:00:0xZ", "" }) {
            assertNull(IsoInstants.parse(other), other);
        }
    }

    /** A fix's shape, as the events carry it. */
    record Fix(String raceId, int car, Instant time, double lat, double lon, Instant receivedAt) {
    }

    @Test
    void aFixReadsTheSameQuickOrNotAndOtherFormsStillRead() throws Exception {
        ObjectMapper quick = IsoInstants.reader(JSON);
        assertTrue(quick.getRegisteredModuleIds().contains("iso-instants"), "the quick reader is the one used");
        assertFalse(JSON.getRegisteredModuleIds().contains("iso-instants"), "on a copy: the service's mapper is left as it was");
        Fix fix = new Fix("r", 7, Instant.parse("2024-06-11T08:00:00.365Z"), 45.5, 10.2, Instant.parse("2024-06-11T08:00:01.2Z"));
        String text = JSON.writeValueAsString(fix);
        assertEquals(JSON.readValue(text, Fix.class), quick.readValue(text, Fix.class));
        String offset = text.replace("\"2024-06-11T08:00:00.365Z\"", "\"2024-06-11T10:00:00.365+02:00\"");
        assertEquals(fix.time(), quick.readValue(offset, Fix.class).time());
        String number = text.replace("\"2024-06-11T08:00:00.365Z\"", "1718092800.365");
        assertEquals(fix.time(), quick.readValue(number, Fix.class).time());
        assertEquals(DateTimeFormatter.ISO_INSTANT.format(fix.time()), quick.readValue(text, Fix.class).time().toString());
        assertEquals(null, quick.readValue(text.replace(JSON.writeValueAsString(fix.receivedAt()), "null"), Fix.class).receivedAt());
    }
}
