package io.regularity.timing.events;

import java.time.Instant;
import java.util.UUID;

/** Race direction undid a void: the passage counts again. */
public record PassageRestored(UUID eventId, String type, int schemaVersion, Instant occurredAt, UUID passageId, String raceId,
        int car, String reason, String by) implements OnPassages {

    public static final String TYPE = "PassageRestored";

    public static PassageRestored of(String raceId, UUID passageId, int car, String reason, String by, Instant at) {
        return new PassageRestored(UUID.randomUUID(), TYPE, 1, at, passageId, raceId, car, reason, by);
    }
}
