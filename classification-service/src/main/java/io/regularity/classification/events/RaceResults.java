package io.regularity.classification.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.regularity.classification.domain.ListSpec;
import io.regularity.classification.domain.Lists;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.RaceDefinition.TrialStatus;
import io.regularity.classification.domain.RaceDefinition.TrialType;
import io.regularity.classification.domain.Ranking.Placed;
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

    /** The overall list, with the coefficient: the list the results are read from first. */
    public static final ListSpec OVERALL = ListSpec.of("overall", null, false, null, null);

    /**
     * The one way a race's results are made, from its lists as ranked: by the publisher from the live lists, by the
     * offline verifier ({@code deploy/verify-results --round}) from a bundle's facts. {@code lists} gives a list of the
     * race ranked (an empty one for a list without crews); the crews are the overall list's, each with its position in
     * {@code overall}, {@code ladies}, every category its crews have and every trophy of the definition it is on. The
     * publication is the definition's ({@code published.race}): FINAL with it, PROVISIONAL without.
     */
    public static Body body(RaceDefinition race, String digest, String asOfTrial, Function<ListSpec, List<Placed<Lists.Row>>> lists) {
        List<Placed<Lists.Row>> overall = lists.apply(OVERALL);
        Map<Integer, io.regularity.classification.domain.Crew> crews = new LinkedHashMap<>();
        Map<Integer, Map<String, Integer>> positions = new LinkedHashMap<>();
        Map<Integer, String> states = new LinkedHashMap<>();
        for (Placed<Lists.Row> placed : overall) {
            crews.put(placed.entry().crew().car(), placed.entry().crew());
            states.put(placed.entry().crew().car(), placed.entry().state());
        }
        Set<String> categories = new TreeSet<>();
        crews.values().stream().map(io.regularity.classification.domain.Crew::category).filter(c -> c != null).forEach(categories::add);
        Map<String, ListSpec> named = new LinkedHashMap<>();
        named.put("overall", OVERALL);
        named.put("ladies", ListSpec.of("ladies", null, false, null, null));
        categories.forEach(c -> named.put("category:" + c, ListSpec.of("category", null, false, c, null)));
        race.trophies().forEach(t -> named.put("trophy:" + t.name(), ListSpec.of("trophy", null, false, null, t.name())));
        for (Map.Entry<String, ListSpec> list : named.entrySet()) {
            List<Placed<Lists.Row>> rows = list.getKey().equals("overall") ? overall : lists.apply(list.getValue());
            for (Placed<Lists.Row> placed : rows) {
                positions.computeIfAbsent(placed.entry().crew().car(), car -> new LinkedHashMap<>()).put(list.getKey(), placed.rank());
            }
        }
        List<Crew> out = crews.values().stream().map(c -> new Crew(c.car(), person(c.driver()), person(c.codriver()), c.carYear(),
                c.category(), c.team(), states.get(c.car()), positions.getOrDefault(c.car(), Map.of()))).toList();
        List<RaceDefinition.Trial> pcs = race.legs().stream().flatMap(l -> l.trials().stream()).filter(t -> t.type() == TrialType.PC).toList();
        int valid = (int) pcs.stream().filter(t -> t.status() != TrialStatus.NEUTRALISED).count();
        RaceDefinition.Stamp stamp = race.published() == null ? null : race.published().race();
        return new Body(race.revision(), stamp == null ? "PROVISIONAL" : "FINAL",
                stamp == null ? null : new Publication(stamp.at(), stamp.by(), stamp.revision()), digest, asOfTrial, pcs.size(), valid, out);
    }

    private static Person person(io.regularity.classification.domain.Crew.Person p) {
        return p == null ? null : new Person(p.name(), p.licence());
    }

    public static RaceResults of(String raceId, Body results) {
        return new RaceResults(UUID.randomUUID(), TYPE, 1, Instant.now(), raceId, results);
    }
}
