package io.regularity.classification.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.logging.Log;
import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.CrewResult;
import io.regularity.classification.domain.CrewScorer;
import io.regularity.classification.domain.PassageFact;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.persistence.FactStore;
import io.regularity.classification.persistence.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Applies facts and keeps the derived results in step, in the same transaction: only the crews a
 * change can touch are scored again. Work on one race is serialised by a database lock, so two
 * instances (or two consumers) never interleave on it.
 */
@ApplicationScoped
public class ClassificationService {

    private final FactStore facts;
    private final ResultStore results;
    private final StandingsEvents events;

    public ClassificationService(FactStore facts, ResultStore results, StandingsEvents events) {
        this.facts = facts;
        this.results = results;
        this.events = events;
    }

    /** Scores these cars of the race again from their facts; call inside a transaction holding the race lock. */
    public void recompute(String raceId, Collection<Integer> cars) {
        Optional<RaceDefinition> race = facts.race(raceId);
        if (race.isEmpty()) {
            return; // scored when the definition arrives
        }
        CrewScorer scorer = new CrewScorer(race.get());
        List<Crew> crews = facts.crews(raceId, cars);
        Collection<Integer> scope = cars == null ? crews.stream().map(Crew::car).toList() : cars;
        Map<Integer, List<PassageFact>> passages = facts.passages(raceId, scope);
        Map<Integer, List<Ruling>> rulings = facts.rulings(raceId, scope);
        List<CrewResult> scored = new ArrayList<>(crews.size());
        for (Crew crew : crews) {
            scored.add(scorer.score(crew, passages.getOrDefault(crew.car(), List.of()),
                    rulings.getOrDefault(crew.car(), List.of())));
        }
        if (cars == null) {
            results.clear(raceId); // a new definition may have dropped trials: start from nothing
        }
        results.write(raceId, scored, scope);
        events.changed(raceId);
    }

    /** A new or newer definition: every crew of the race is scored again. */
    @Transactional
    public void raceDefined(String raceId, long revision, String definition) {
        facts.lockRace(raceId);
        if (facts.putRace(raceId, revision, definition)) {
            Log.infof("race %s revision %d: scoring every crew again", raceId, revision);
            recompute(raceId, null);
        }
    }

    @Transactional
    public void putCrews(String raceId, List<Crew> crews) {
        facts.lockRace(raceId);
        facts.putCrews(raceId, crews);
        recompute(raceId, crews.stream().map(Crew::car).toList());
    }

    public List<Crew> crews(String raceId) {
        return facts.crews(raceId, null);
    }

    @Transactional
    public long rule(String raceId, Ruling ruling) {
        facts.lockRace(raceId);
        long id = facts.addRuling(raceId, ruling);
        recompute(raceId, List.of(ruling.car()));
        return id;
    }

    /** Throws away every derived row of the race and scores it again from the stored facts. */
    @Transactional
    public int rebuild(String raceId) {
        facts.lockRace(raceId);
        recompute(raceId, null);
        return facts.crews(raceId, null).size();
    }

    /** What a batch of passage events brought: new passages, new voids. */
    public record PassageBatch(List<FactStore.PassageRow> passages, List<FactStore.VoidRow> voids) {
    }

    /** Stores a batch of new facts and scores again each car they concern; one transaction. */
    @Transactional
    public void apply(PassageBatch batch) {
        Map<String, Set<Integer>> touched = new java.util.TreeMap<>();
        batch.passages().forEach(p -> touched.computeIfAbsent(p.raceId(), k -> new TreeSet<>()).add(p.car()));
        batch.voids().forEach(v -> touched.computeIfAbsent(v.raceId(), k -> new TreeSet<>()).add(v.car()));
        touched.keySet().forEach(facts::lockRace); // sorted: no deadlock between instances
        facts.insertPassages(batch.passages());
        batch.voids().forEach(facts::insertVoid);
        touched.forEach(this::recompute);
    }
}
