package io.regularity.support.messaging;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An event's moment as its envelope carries it ({@code occurredAt}, ISO-8601), read leniently: a consumer decides what
 * a missing or unreadable one means (the earliest revision, or now), rather than refusing the event for it.
 */
public final class EventTime {

    private EventTime() {
    }

    /** The instant, or empty when there is none or it cannot be read. */
    public static Optional<Instant> read(String occurredAt) {
        try {
            return occurredAt == null ? Optional.empty() : Optional.of(Instant.parse(occurredAt));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
