package io.regularity.classification.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.CrewScorer;
import io.regularity.classification.domain.LegResult;
import io.regularity.classification.domain.PassageFact;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.persistence.CrewStore;
import io.regularity.classification.persistence.PassageStore;
import io.regularity.classification.persistence.ResultStore;
import io.regularity.classification.persistence.RulingStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one scorer of classification's write side: what a change of the facts makes to be scored again ({@link Touched}),
 * the copy of each leg's passages kept at its stored stamp (LegFacts), the results written only where they changed
 * (ResultStore), and a whole race scored again slice by slice. Ingest, race direction's decisions and rebuilds
 * (ScoringService) are the handlers that call it, inside their transaction and its locks.
 */
@ApplicationScoped
public class Scorer {

    private final CrewStore crewStore;
    private final PassageStore passageStore;
    private final RulingStore rulingStore;
    private final ResultStore results;
    private final StandingsEvents events;
    private final LegFacts legFacts;

    public Scorer(CrewStore crews, PassageStore passages, RulingStore rulings, ResultStore results, StandingsEvents events, LegFacts legFacts) {
        this.crewStore = crews;
        this.passageStore = passages;
        this.rulingStore = rulings;
        this.results = results;
        this.events = events;
        this.legFacts = legFacts;
    }

    /** Each race's scorer, built once per definition read (its trials in route order, its points' positions). */
    private final Map<String, CrewScorer> crewScorers = new ConcurrentHashMap<>();

    /** The scorer of a race's definition, as read by RaceStore: built again only when a new revision was read. */
    CrewScorer crewScorer(RaceDefinition race) {
        return crewScorers.compute(race.id(), (id, built) -> built != null && built.scores(race) ? built : new CrewScorer(race));
    }

    /**
     * The (crew, leg) pairs a change touched: some legs of some crews, or every leg of some crews; with the passages the
     * change added to each, and the legs whose passages it changed otherwise (a void), which must be read again.
     */
    static final class Touched {
        private final Map<Integer, Set<Integer>> legs = new HashMap<>();
        private final Set<Integer> wholeCrews = new TreeSet<>();
        private final Map<Integer, Map<Integer, List<PassageFact>>> added = new HashMap<>();
        private final Map<Integer, Set<Integer>> changed = new HashMap<>();

        static Touched wholeCrews(Collection<Integer> cars) {
            Touched touched = new Touched();
            touched.wholeCrews.addAll(cars);
            return touched;
        }

        void add(int car, int leg) {
            legs.computeIfAbsent(car, k -> new TreeSet<>()).add(leg);
        }

        void added(int car, int leg, PassageFact passage) {
            add(car, leg);
            added.computeIfAbsent(car, k -> new HashMap<>()).computeIfAbsent(leg, k -> new ArrayList<>()).add(passage);
        }

        void changed(int car, int leg) {
            add(car, leg);
            changed.computeIfAbsent(car, k -> new HashSet<>()).add(leg);
        }

        List<PassageFact> addedTo(int car, int leg) {
            return added.getOrDefault(car, Map.of()).getOrDefault(leg, List.of());
        }

        boolean changedOtherwise(int car, int leg) {
            return changed.getOrDefault(car, Set.of()).contains(leg);
        }

        Set<Integer> cars() {
            Set<Integer> cars = new TreeSet<>(legs.keySet());
            cars.addAll(wholeCrews);
            return cars;
        }

        Set<Integer> legsOf(int car, Set<Integer> allLegs) {
            return wholeCrews.contains(car) ? allLegs : legs.getOrDefault(car, Set.of());
        }
    }

    /**
     * Scores the touched legs of the touched crews again, from their facts: a leg's passages as kept in memory at its
     * stored stamp plus those the change added, or read from the database. Call inside a transaction holding the race's
     * lock, or its crews' locks.
     */
    void rescore(String raceId, CrewScorer scorer, Touched touched) {
        List<Crew> crews = crewStore.crews(raceId, touched.cars());
        if (crews.isEmpty()) {
            return;
        }
        Set<Integer> allLegs = scorer.allLegs();
        List<Integer> cars = crews.stream().map(Crew::car).toList();
        ResultStore.Stored stored = results.stored(raceId, cars);
        Map<Integer, Map<Integer, List<PassageFact>>> passages = new HashMap<>();
        Map<Integer, Map<Integer, LegResult>> written = new HashMap<>();
        Map<Integer, Set<Integer>> toRead = new TreeMap<>();
        int inMemory = 0;
        for (int car : cars) {
            for (int leg : touched.legsOf(car, allLegs)) {
                LegFacts.Copy kept = legFacts.get(raceId, car, leg, stored.stamp(car, leg));
                if (kept != null) {
                    written.computeIfAbsent(car, k -> new HashMap<>()).put(leg, kept.result());
                }
                if (kept == null || touched.changedOtherwise(car, leg)) {
                    toRead.computeIfAbsent(car, k -> new TreeSet<>()).add(leg);
                } else {
                    List<PassageFact> now = new ArrayList<>(kept.passages());
                    now.addAll(touched.addedTo(car, leg));
                    passages.computeIfAbsent(car, k -> new HashMap<>()).put(leg, now);
                    inMemory++;
                }
            }
        }
        int read = 0;
        if (!toRead.isEmpty()) {
            Set<Integer> legUnion = new TreeSet<>();
            toRead.values().forEach(legUnion::addAll);
            Map<Integer, Map<Integer, List<PassageFact>>> found = passageStore.passagesByLeg(raceId, toRead.keySet(), legUnion);
            for (var wanted : toRead.entrySet()) {
                for (int leg : wanted.getValue()) {
                    passages.computeIfAbsent(wanted.getKey(), k -> new HashMap<>())
                            .put(leg, found.getOrDefault(wanted.getKey(), Map.of()).getOrDefault(leg, List.of()));
                    read++;
                }
            }
        }
        legFacts.counted(inMemory, read);
        score(raceId, scorer, crews, passages, car -> touched.legsOf(car, allLegs), stored,
                (car, leg) -> written.getOrDefault(car, Map.of()).get(leg));
    }

    /** How many crews a rebuild scores at a time: its heap holds one slice's passages and results, whatever the race's size. */
    static final int REBUILD_SLICE = 50;

    /**
     * Throws away every derived row of the race and scores every crew from nothing, a slice of crews at a time (their
     * passages read, scored, written, let go), so its heap holds two slices whatever the race's size. A slice is scored on
     * every core while this thread, in the transaction, writes the slice before it and reads the one after: the
     * database's work and the scoring overlap. Inside a transaction holding the race's lock.
     */
    void rescoreEverything(String raceId, CrewScorer scorer) {
        results.clear(raceId); // a new definition may have dropped trials: start from nothing
        legFacts.forget(raceId);
        List<Crew> crews = crewStore.crews(raceId);
        Set<Integer> allLegs = scorer.allLegs();
        Slice scoring = null;
        for (int from = 0; from < crews.size(); from += REBUILD_SLICE) {
            List<Crew> crewsOfSlice = crews.subList(from, Math.min(from + REBUILD_SLICE, crews.size()));
            List<Integer> cars = crewsOfSlice.stream().map(Crew::car).toList();
            Map<Integer, Map<Integer, List<PassageFact>>> passages = passageStore.passagesByLeg(raceId, cars, allLegs);
            for (int car : cars) {
                Map<Integer, List<PassageFact>> legs = passages.computeIfAbsent(car, k -> new HashMap<>());
                allLegs.forEach(leg -> legs.putIfAbsent(leg, List.of()));
            }
            legFacts.counted(0, cars.size() * allLegs.size());
            Map<Integer, List<Ruling>> rulings = rulingStore.rulings(raceId, cars);
            Slice next = new Slice(passages, CompletableFuture.supplyAsync(
                    () -> scoreCrews(scorer, crewsOfSlice, passages, rulings, car -> allLegs, true)));
            if (scoring != null) {
                store(raceId, scoring.scored(), scoring.passages(), ResultStore.cleared(), ResultStore.Written.nothing());
            }
            scoring = next;
        }
        if (scoring != null) {
            store(raceId, scoring.scored(), scoring.passages(), ResultStore.cleared(), ResultStore.Written.nothing());
        }
        events.changed(raceId);
    }

    /** A rebuild's slice: its crews' passages, and their results once scored. */
    private record Slice(Map<Integer, Map<Integer, List<PassageFact>>> passages, CompletableFuture<Map<Integer, List<LegResult>>> scoring) {

        Map<Integer, List<LegResult>> scored() {
            try {
                return scoring.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    private void score(String raceId, CrewScorer scorer, List<Crew> crews, Map<Integer, Map<Integer, List<PassageFact>>> passages,
            IntFunction<Set<Integer>> legsOf, ResultStore.Stored stored, ResultStore.Written written) {
        Map<Integer, List<Ruling>> rulings = rulingStore.rulings(raceId, crews.stream().map(Crew::car).toList());
        store(raceId, scoreCrews(scorer, crews, passages, rulings, legsOf, false), passages, stored, written);
        events.changed(raceId);
    }

    /**
     * Some crews' legs scored from their passages and rulings, by car. The crews are scored apart from each other: a
     * rebuild's slice on every core, a batch's crews on its consumer's thread (the other cores score the other
     * consumers' batches).
     */
    private static Map<Integer, List<LegResult>> scoreCrews(CrewScorer scorer, List<Crew> crews,
            Map<Integer, Map<Integer, List<PassageFact>>> passages, Map<Integer, List<Ruling>> rulings, IntFunction<Set<Integer>> legsOf,
            boolean everyCore) {
        Stream<Crew> each = everyCore ? crews.parallelStream() : crews.stream();
        return each.collect(Collectors.toMap(Crew::car, crew -> {
            List<PassageFact> crewPassages = new ArrayList<>();
            passages.getOrDefault(crew.car(), Map.of()).values().forEach(crewPassages::addAll);
            return scorer.scoreLegs(crew, crewPassages, rulings.getOrDefault(crew.car(), List.of()), legsOf.apply(crew.car()));
        }, (a, b) -> a, TreeMap::new)); // written in the order of the cars: two writers lock rows in one order
    }

    /** Writes scored legs, and keeps each with the passages it was scored from as the copy for its new stamp. */
    private void store(String raceId, Map<Integer, List<LegResult>> scored, Map<Integer, Map<Integer, List<PassageFact>>> passages,
            ResultStore.Stored stored, ResultStore.Written written) {
        Map<Integer, Map<Integer, Long>> stamps = results.write(raceId, scored, stored, written);
        scored.forEach((car, legs) -> legs.forEach(leg -> {
            Long stamp = stamps.getOrDefault(car, Map.of()).get(leg.leg());
            List<PassageFact> scoredFrom = passages.getOrDefault(car, Map.of()).get(leg.leg());
            if (stamp != null && scoredFrom != null) {
                legFacts.put(raceId, car, leg.leg(), stamp, scoredFrom, leg);
            }
        }));
    }
}
