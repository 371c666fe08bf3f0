package io.regularity.timing.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.support.FieldError;
import io.regularity.support.SupportPhrases;

/**
 * Reads a batch of fixes from JSON, field by field: every bad value is named with its fix and field ({@code [3].lat}),
 * so a crew's app knows which fix to fix. A batch is taken whole or not at all (a fix is small and the phone keeps them
 * until a 202), unlike the passages' batch.
 */
public final class FixParser {

    /** What a fix takes; any other field is named as unknown. */
    public static final List<String> FIELDS = List.of("accuracyM", "headingDeg", "lat", "lon", "source", "speedMs", "time");
    /** 150 m/s is 540 km/h: no historic car on a regularity stage goes faster; a faster fix is a receiver gone wrong. */
    public static final double MAX_SPEED_MS = 150;
    /** An accuracy worse than 10 km says nothing about where the car is. */
    public static final double MAX_ACCURACY_M = 10_000;

    /** Either every fix of the batch, in input order, or what is wrong with them. */
    public record Parsed(List<Fix> fixes, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private FixParser() {
    }

    /** Reads a JSON array of fixes; {@code now} bounds their time (at most 24 h ahead, like a passage's). */
    public static Parsed parse(JsonNode items, Instant now) {
        List<Fix> fixes = new ArrayList<>(items.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fix fix = parse(items.get(i), "[" + i + "]", now, errors);
            if (fix != null) {
                fixes.add(fix);
            }
        }
        return errors.isEmpty() ? new Parsed(fixes, List.of()) : new Parsed(List.of(), errors);
    }

    private static Fix parse(JsonNode node, String at, Instant now, List<FieldError> errors) {
        int before = errors.size();
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(at, TimingPhrases.FIX_NOT_OBJECT));
            return null;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(at + "." + name, TimingPhrases.UNKNOWN_FIELD_OF_FIX, String.join(", ", FIELDS)));
            }
        });
        Instant time = time(node.get("time"), at + ".time", now, errors);
        Double lat = number(node.get("lat"), at + ".lat", true, -90, 90, true, errors);
        Double lon = number(node.get("lon"), at + ".lon", true, -180, 180, true, errors);
        Double speed = number(node.get("speedMs"), at + ".speedMs", false, 0, MAX_SPEED_MS, true, errors);
        Double heading = number(node.get("headingDeg"), at + ".headingDeg", false, 0, 360, false, errors);
        Double accuracy = number(node.get("accuracyM"), at + ".accuracyM", false, 0, MAX_ACCURACY_M, true, errors);
        if (accuracy != null && accuracy == 0) {
            errors.add(new FieldError(at + ".accuracyM", TimingPhrases.ABOVE_ZERO_UP_TO, fmt(MAX_ACCURACY_M)));
            accuracy = null;
        }
        Fix.Source source = null;
        JsonNode sourceNode = node.get("source");
        if (sourceNode == null || sourceNode.isNull()) {
            errors.add(new FieldError(at + ".source", SupportPhrases.IS_REQUIRED));
        } else if (!sourceNode.isTextual() || !(sourceNode.textValue().equals("PHONE") || sourceNode.textValue().equals("NMEA"))) {
            errors.add(new FieldError(at + ".source", TimingPhrases.MUST_BE_ONE_OF, "PHONE, NMEA"));
        } else {
            source = Fix.Source.valueOf(sourceNode.textValue());
        }
        if (errors.size() > before) {
            return null;
        }
        return new Fix(time, lat, lon, speed, heading, accuracy, source);
    }

    /** An ISO-8601 instant with its offset, from 2000 to 24 h ahead of the server's clock, kept to the millisecond. */
    private static Instant time(JsonNode value, String field, Instant now, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            errors.add(new FieldError(field, SupportPhrases.IS_REQUIRED));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, TimingPhrases.NOT_AN_INSTANT, "2024-06-15T09:12:33.470Z"));
            return null;
        }
        try {
            Instant time = OffsetDateTime.parse(value.textValue()).toInstant().truncatedTo(ChronoUnit.MILLIS);
            if (time.isAfter(now.plus(PassageParser.MAX_AHEAD))) {
                errors.add(new FieldError(field, TimingPhrases.TIME_TOO_FAR_AHEAD, now));
                return null;
            }
            if (time.isBefore(PassageParser.MIN_TIME)) {
                errors.add(new FieldError(field, TimingPhrases.TIME_TOO_EARLY, PassageParser.MIN_TIME));
                return null;
            }
            return time;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, TimingPhrases.NOT_AN_INSTANT, "2024-06-15T09:12:33.470Z"));
            return null;
        }
    }

    /**
     * A number from {@code min} to {@code max} ({@code max} itself only when {@code upToMax}); absent or null is an error
     * when required, else null.
     */
    private static Double number(JsonNode value, String field, boolean required, double min, double max, boolean upToMax,
            List<FieldError> errors) {
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(field, SupportPhrases.IS_REQUIRED));
            }
            return null;
        }
        double v = value.isNumber() ? value.doubleValue() : Double.NaN;
        if (!value.isNumber() || !Double.isFinite(v) || v < min || v > max || (!upToMax && v == max)) {
            errors.add(new FieldError(field, upToMax ? TimingPhrases.NUMBER_FROM_TO : TimingPhrases.NUMBER_FROM_BELOW, fmt(min), fmt(max)));
            return null;
        }
        return v;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
