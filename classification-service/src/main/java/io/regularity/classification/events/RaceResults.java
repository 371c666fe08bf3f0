package io.regularity.classification.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.regularity.support.outbox.OutboxEvent;

/**
 * A race's results as they stand, for any consumer that builds on them (a championship, an organiser's website, a
 * federation's export), on the compacted {@code race-results} topic keyed by the race: whether they are FINAL
 * (race direction published the race) or PROVISIONAL, the publication, the definition's revision and the digest of the
 * facts, how many PCs the race planned and how many are valid (not neutralised), and each crew with its people
 * (their licences), its car's year, its category and team, its state, and its position in every list it is on
 * ({@code overall}, {@code ladies}, {@code category:<name>}, {@code trophy:<name>}; null: on the list without a rank).
 */
public record RaceResults(UUID eventId, String type, int schemaVersion, Instant occurredAt, String raceId, Body results)
        implements OutboxEvent {

    public static final String TYPE = "RaceResults";
    public static final String TOPIC = "race-results";

    /** What the results say: the same results, the same body (its fingerprint decides whether to send again). */
    public record Body(long revision, String status, Publication published, String digest, String asOfTrial, int plannedPcs,
            int validPcs, List<Crew> crews) {
    }

    public record Publication(Instant at, String by, long revision) {
    }

    public record Person(String name, String licence) {
    }

    /** {@code positions} keeps its nulls (a list the crew is on without a rank), whatever the mapper leaves out. */
    public record Crew(int car, Person driver, Person codriver, Integer carYear, String category, String team, String state,
            @JsonInclude(content = JsonInclude.Include.ALWAYS) Map<String, Integer> positions) {
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    /** The race: compaction keeps its latest results. */
    @Override
    public String key() {
        return raceId;
    }

    public static RaceResults of(String raceId, Body results) {
        return new RaceResults(UUID.randomUUID(), TYPE, 1, Instant.now(), raceId, results);
    }
}
