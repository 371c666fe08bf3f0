package io.regularity.timing.events;

import java.time.Instant;
import java.util.UUID;

/** Race direction voided a passage: it stays stored and stops counting. */
public record PassageVoided(UUID eventId, String type, int schemaVersion, Instant occurredAt, UUID passageId, String raceId,
        int car, String reason, String by) implements OnPassages {

    public static final String TYPE = "PassageVoided";

    public static PassageVoided of(String raceId, UUID passageId, int car, String reason, String by, Instant at) {
        return new PassageVoided(UUID.randomUUID(), TYPE, 1, at, passageId, raceId, car, reason, by);
    }
}
