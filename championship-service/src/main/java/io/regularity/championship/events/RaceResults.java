package io.regularity.championship.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.regularity.championship.domain.RoundResult;

/**
 * championship-service's own reading of a race's results (classification's {@code RaceResults} on {@code race-results},
 * pinned by the golden sample {@code RaceResults.v1.json}): what a round of a championship needs. Unknown fields are
 * ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RaceResults(String type, int schemaVersion, Instant occurredAt, String raceId, Body results) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Body(long revision, String status, Publication published, String digest, String asOfTrial, int plannedPcs,
            int validPcs, List<Crew> crews) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Publication(Instant at, String by, long revision) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String name, String licence) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Crew(int car, Person driver, Person codriver, Integer carYear, String category, String team, String state,
            Map<String, Integer> positions) {
    }

    public boolean isFinal() {
        return "FINAL".equals(results.status());
    }

    /** The round as the championship's rules read it. */
    public RoundResult round() {
        List<RoundResult.Crew> crews = results.crews() == null ? List.of() : results.crews().stream().map(c -> new RoundResult.Crew(c.car(),
                person(c.driver()), person(c.codriver()), c.category(), c.team(), c.carYear(),
                c.positions() == null ? Map.of() : new LinkedHashMap<>(c.positions()))).toList();
        return new RoundResult(raceId, results.revision(), isFinal(), results.digest(), results.plannedPcs(), results.validPcs(), crews);
    }

    private static RoundResult.Person person(Person p) {
        return p == null || p.name() == null ? null : new RoundResult.Person(p.name(), p.licence());
    }
}
