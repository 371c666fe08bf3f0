package io.regularity.timing.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.support.FieldError;
import io.regularity.support.Said;
import io.regularity.support.SupportPhrases;
import io.regularity.support.Text;

/**
 * Reads one passage from JSON, field by field, so that a bad field is reported as such and one bad
 * item of a batch never spoils the others.
 */
public final class PassageParser {

    public static final Set<String> SOURCES = Set.of("HOSE", "PHOTOCELL", "MANUAL", "GPS");
    /** What a passage takes; any other field is named as unknown (a misspelt one would otherwise be dropped in silence). */
    public static final List<String> FIELDS = List.of("car", "clockOffsetMs", "clockUncertaintyMs", "device", "id", "point", "precisionMs",
            "source", "time");
    public static final int MAX_CAR = 9999;
    public static final int MAX_TEXT = 64;
    public static final long MAX_CLOCK_OFFSET_MS = 3_600_000;
    /** A resolution or an uncertainty beyond a minute says nothing a regularity time could use. */
    public static final double MAX_QUALITY_MS = 60_000;
    public static final Duration MAX_AHEAD = Duration.ofHours(24);
    /** No regularity race of this system is older; what is, is a device clock gone wrong (or a hostile client). */
    public static final Instant MIN_TIME = Instant.parse("2000-01-01T00:00:00Z");

    /** Either a passage or the list of what is wrong with it ({@code id} is kept when readable, for the answer). */
    public record Parsed(Passage passage, String rawId, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private PassageParser() {
    }

    public static Parsed parse(JsonNode node, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            errors.add(new FieldError("", TimingPhrases.PASSAGE_NOT_OBJECT));
            return new Parsed(null, null, errors);
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, TimingPhrases.UNKNOWN_FIELD_OF_PASSAGE, String.join(", ", FIELDS)));
            }
        });
        String rawId = text(node, "id", errors, true);
        UUID id = null;
        if (rawId != null) {
            try {
                id = UUID.fromString(rawId);
                if (!id.toString().equalsIgnoreCase(rawId)) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("id", TimingPhrases.NOT_A_UUID, "5d0a3c9e-7f51-4c1e-9a53-0b9f4a7c2e11"));
            }
        }
        Integer car = null;
        JsonNode carNode = node.get("car");
        if (carNode == null || carNode.isNull()) {
            errors.add(new FieldError("car", SupportPhrases.IS_REQUIRED));
        } else if (!carNode.isIntegralNumber() || !carNode.canConvertToInt()) {
            errors.add(new FieldError("car", TimingPhrases.WHOLE_NUMBER_BETWEEN, 1, MAX_CAR));
        } else if (carNode.intValue() < 1 || carNode.intValue() > MAX_CAR) {
            errors.add(new FieldError("car", TimingPhrases.BETWEEN, 1, MAX_CAR));
        } else {
            car = carNode.intValue();
        }
        String point = text(node, "point", errors, true);
        String device = text(node, "device", errors, true);
        String source = text(node, "source", errors, true);
        if (source != null && !SOURCES.contains(source)) {
            errors.add(new FieldError("source", TimingPhrases.MUST_BE_ONE_OF, "HOSE, PHOTOCELL, MANUAL, GPS"));
        }
        Instant time = null;
        String rawTime = text(node, "time", errors, false);
        if (rawTime != null) {
            try {
                time = OffsetDateTime.parse(rawTime).toInstant().truncatedTo(ChronoUnit.MILLIS);
                if (time.isAfter(now.plus(MAX_AHEAD))) {
                    errors.add(new FieldError("time", TimingPhrases.TIME_TOO_FAR_AHEAD, now));
                    time = null;
                } else if (time.isBefore(MIN_TIME)) {
                    errors.add(new FieldError("time", TimingPhrases.TIME_TOO_EARLY, MIN_TIME));
                    time = null;
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("time", TimingPhrases.NOT_AN_INSTANT, "2024-06-15T09:12:33.470Z"));
            }
        }
        long clockOffsetMs = 0;
        JsonNode offset = node.get("clockOffsetMs");
        if (offset != null && !offset.isNull()) {
            if (!offset.isIntegralNumber() || !offset.canConvertToLong()) {
                errors.add(new FieldError("clockOffsetMs", TimingPhrases.WHOLE_MILLISECONDS));
            } else if (Math.abs(offset.longValue()) > MAX_CLOCK_OFFSET_MS) {
                errors.add(new FieldError("clockOffsetMs", TimingPhrases.OFFSET_AT_MOST_AN_HOUR, MAX_CLOCK_OFFSET_MS));
            } else {
                clockOffsetMs = offset.longValue();
            }
        }
        Double precisionMs = quality(node, "precisionMs", errors);
        Double clockUncertaintyMs = quality(node, "clockUncertaintyMs", errors);
        if (!errors.isEmpty()) {
            return new Parsed(null, rawId, errors);
        }
        return new Parsed(new Passage(id, car, point, time, device, source, clockOffsetMs, precisionMs, clockUncertaintyMs), rawId,
                errors);
    }

    /** An optional quality of the time, in milliseconds: a number from 0 to a minute, or absent. */
    private static Double quality(JsonNode node, String field, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            errors.add(new FieldError(field, TimingPhrases.MILLISECONDS));
            return null;
        }
        if (value.doubleValue() < 0 || value.doubleValue() > MAX_QUALITY_MS) {
            errors.add(new FieldError(field, TimingPhrases.BETWEEN, 0, (long) MAX_QUALITY_MS + " ms"));
            return null;
        }
        return value.doubleValue();
    }

    private static String text(JsonNode node, String field, List<FieldError> errors, boolean bounded) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(field, SupportPhrases.IS_REQUIRED));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, TimingPhrases.MUST_BE_STRING));
            return null;
        }
        String text = value.textValue();
        if (text.isBlank()) {
            errors.add(new FieldError(field, TimingPhrases.MUST_NOT_BE_BLANK));
            return null;
        }
        if (bounded && text.length() > MAX_TEXT) {
            errors.add(new FieldError(field, TimingPhrases.AT_MOST_CHARACTERS, MAX_TEXT));
            return null;
        }
        Said unfit = Text.unfit(text, false);
        if (unfit != null) {
            errors.add(new FieldError(field, TimingPhrases.NO_CONTROL_CHARACTERS, SupportPhrases.TEXT_WRONG.with(unfit)));
            return null;
        }
        return text;
    }
}
