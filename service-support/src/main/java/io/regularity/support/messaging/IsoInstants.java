package io.regularity.support.messaging;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * Instants read the quick way where fixes are read, three instants each, 4,200 fixes a second for 420 cars at 10 Hz
 * (timing's stream processor, classification's map): {@code java.time}'s formatter, behind Jackson's own reading, was a
 * quarter of timing's CPU under that load and about half of classification's fixes consumer (docs/benchmarks.md). The
 * form every event is written in, {@code 2024-06-11T08:00:00.365Z} (UTC, a fraction of 0 to 9 digits), is read digit by
 * digit; anything else (an offset, a number, a leap second, a year past 9999) goes to Jackson's own reader, so what
 * reads is what read before.
 */
public final class IsoInstants extends JsonDeserializer<Instant> {

    private final JsonDeserializer<Instant> fallback = InstantDeserializer.INSTANT;

    private IsoInstants() {
    }

    /** A copy of {@code json} that reads instants this way. */
    public static ObjectMapper reader(ObjectMapper json) {
        return json.copy().registerModule(new SimpleModule("iso-instants").addDeserializer(Instant.class, new IsoInstants()));
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            Instant quick = parse(p.getText());
            if (quick != null) {
                return quick;
            }
        }
        return fallback.deserialize(p, context);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as an instant; null for any other text (the caller reads it the long way). */
    public static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21) {
                return null;
            }
            int fraction = digits(s, 20, n - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException notADay) {
            return null;
        }
    }

    /** The decimal number in {@code s[from, to)}, or -1 when one of its characters is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
