package io.regularity.classification.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.regularity.classification.domain.Anomaly.Handled;
import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.CrewScorer;
import io.regularity.classification.domain.Passage;
import io.regularity.classification.domain.PassageChange;
import io.regularity.classification.domain.PassageFact;
import io.regularity.classification.domain.PassageVoid;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.events.RaceDecisions;
import io.regularity.classification.persistence.CrewStore;
import io.regularity.classification.persistence.DecisionLog;
import io.regularity.classification.persistence.EventLog;
import io.regularity.classification.persistence.PassageStore;
import io.regularity.classification.persistence.RaceStore;
import io.regularity.classification.persistence.ResultStore;
import io.regularity.classification.persistence.RulingStore;
import io.regularity.support.Refusal;
import io.regularity.support.Said;
import io.regularity.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The write side's handlers: each stores facts (definitions, crews, passages, voids, rulings) and has the {@link Scorer}
 * keep the derived results in step in the same transaction, scoring again only the (crew, leg) pairs the change touched.
 * Work is serialised by database locks across threads and instances: a batch of passages shares its race and takes its
 * crews alone, so batches on different crews of one race are scored at once (one consumer per partition, crews keyed
 * to partitions); whatever concerns the whole race (a definition, a rebuild, a decision of race direction) takes the
 * race alone.
 */
@ApplicationScoped
public class ScoringService {

    private final RaceStore raceStore;
    private final CrewStore crewStore;
    private final PassageStore passageStore;
    private final RulingStore rulingStore;
    private final EventLog log;
    private final ResultStore results;
    private final StandingsEvents events;
    private final Scorer scorer;
    private final DecisionLog decisions;
    private final Outbox outbox;
    private final ObjectMapper json;

    public ScoringService(RaceStore races, CrewStore crews, PassageStore passages, RulingStore rulings, EventLog log, ResultStore results,
            StandingsEvents events, Scorer scorer, DecisionLog decisions, Outbox outbox, ObjectMapper json) {
        this.raceStore = races;
        this.crewStore = crews;
        this.passageStore = passages;
        this.rulingStore = rulings;
        this.log = log;
        this.results = results;
        this.events = events;
        this.scorer = scorer;
        this.decisions = decisions;
        this.outbox = outbox;
        this.json = json;
    }

    /** After a decision, in its transaction: the race's decisions as they stand now go to race-decisions (the outbox). */
    private void publishDecisions(String raceId) {
        long version = decisions.nextVersion(raceId);
        try {
            outbox.enqueue(RaceDecisions.of(raceId, version, json.readTree(decisions.snapshot(raceId))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the decisions of " + raceId + " could not be read back as JSON", e);
        }
    }

    /**
     * A publication of a race's decisions read from race-decisions: when it is newer than what the database holds (a
     * database restored, or lost and started empty), the race's decisions become it and every crew is scored again.
     */
    @Transactional
    public void decisionsRead(String raceId, long version, String snapshot) {
        if (!decisions.newer(raceId, version)) {
            // its own publication read back (every decision is), or an older one: the race's scoring is not paused for it
            // (the race's lock, waited for behind an open batch, would hold every other batch of the race behind it)
            return;
        }
        raceStore.lockRace(raceId);
        if (decisions.restore(raceId, version, snapshot)) {
            Log.infof("race %s: decisions version %d read from %s, scoring every crew again", raceId, version, RaceDecisions.TOPIC);
            raceStore.race(raceId).ifPresent(race -> scorer.rescoreEverything(raceId, scorer.crewScorer(race)));
            events.changed(raceId);
        }
    }

    /** A new or newer definition (made at {@code definedAt}, null if unknown): every crew of the race is scored again. */
    @Transactional
    public void raceDefined(String raceId, long revision, String definition, Instant definedAt) {
        raceStore.lockRace(raceId);
        if (raceStore.putRace(raceId, revision, definition, definedAt)) {
            Log.infof("race %s revision %d: scoring every crew again", raceId, revision);
            raceStore.race(raceId).ifPresent(race -> {
                Map<String, Integer> legs = new HashMap<>();
                race.pointPositions().forEach((point, position) -> legs.put(point, position[0]));
                passageStore.assignLegs(raceId, legs);
                scorer.rescoreEverything(raceId, scorer.crewScorer(race));
            });
        }
    }

    @Transactional
    public void putCrews(String raceId, List<Crew> crews) {
        raceStore.lockRace(raceId);
        crewStore.putCrews(raceId, crews);
        publishDecisions(raceId);
        raceStore.race(raceId).ifPresent(race -> scorer.rescore(raceId, scorer.crewScorer(race),
                Scorer.Touched.wholeCrews(crews.stream().map(Crew::car).toList())));
    }

    /** A crew that has crossed a line cannot be withdrawn: it is retired, with a ruling, and stays in the results. */
    public static class AlreadyStarted extends Refusal {
        public AlreadyStarted(Said detail) {
            super(409, ClassificationPhrases.ALREADY_STARTED, detail, null);
        }
    }

    /**
     * Withdraws a crew before the start: off the entry list, out of the standings. False when the race has no such car;
     * {@link AlreadyStarted} once the timing posts have seen it.
     */
    @Transactional
    public boolean withdraw(String raceId, int car) {
        raceStore.lockRace(raceId);
        long passages = passageStore.passageCount(raceId, car);
        if (passages > 0) {
            throw new AlreadyStarted(ClassificationPhrases.CAR_STARTED.with(car,
                    (passages == 1 ? ClassificationPhrases.ONE_PASSAGE_RECEIVED : ClassificationPhrases.PASSAGES_RECEIVED).with(passages)));
        }
        if (!crewStore.deleteCrew(raceId, car)) {
            return false;
        }
        publishDecisions(raceId);
        results.forget(raceId, car);
        events.changed(raceId);
        return true;
    }

    @Transactional
    public long rule(String raceId, Ruling ruling) {
        return decide(raceId, List.of(ruling), ids -> ids.get(0));
    }

    /**
     * A decision of race direction in one transaction, under the race's lock: its rulings made (none for a protest lodged
     * or rejected), then {@code record} given their ids (it may refuse, and nothing is kept), the race's decisions
     * published, and the crews the rulings are about scored again.
     */
    @Transactional
    public <T> T decide(String raceId, List<Ruling> rulings, Function<List<Long>, T> record) {
        raceStore.lockRace(raceId);
        List<Long> ids = rulings.stream().map(r -> rulingStore.addRuling(raceId, r)).toList();
        T recorded = record.apply(ids);
        publishDecisions(raceId);
        if (!rulings.isEmpty()) {
            List<Integer> cars = rulings.stream().map(Ruling::car).distinct().toList();
            raceStore.race(raceId).ifPresent(race -> scorer.rescore(raceId, scorer.crewScorer(race), Scorer.Touched.wholeCrews(cars)));
        }
        return recorded;
    }

    /**
     * Revokes a ruling: it stops counting and stays listed as revoked; the crew is scored again. Empty when the
     * race has no such ruling; {@link AlreadyRevoked} when it was revoked before.
     */
    @Transactional
    public Optional<Ruling> revoke(String raceId, long id, String by, String reason, Instant at) {
        raceStore.lockRace(raceId);
        var found = rulingStore.allRulings(raceId).stream().filter(r -> r.ruling().id() == id).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get().revokedAt() != null || !rulingStore.revokeRuling(raceId, id, by, reason, at)) {
            throw new AlreadyRevoked(ClassificationPhrases.RULING_REVOKED_ALREADY.with(id, found.get().revokedAt(), found.get().revokedBy()));
        }
        publishDecisions(raceId);
        Ruling ruling = found.get().ruling();
        raceStore.race(raceId).ifPresent(race -> scorer.rescore(raceId, scorer.crewScorer(race), Scorer.Touched.wholeCrews(List.of(ruling.car()))));
        return Optional.of(ruling);
    }

    public static class AlreadyRevoked extends Refusal {
        public AlreadyRevoked(Said detail) {
            super(409, ClassificationPhrases.ALREADY_REVOKED, detail, null);
        }
    }

    /** A crew's score and state. */
    public record Score(BigDecimal score, String state) {
    }

    /** What a decision would do to a crew: its score and state now, and after. */
    public record Preview(int car, Score before, Score after) {
    }

    /**
     * The effect of a decision on a crew, computed from its facts without storing anything: a passage voided
     * ({@code voidPassage}), a voided one restored ({@code restorePassage}: a GPS crossing used), or a ruling added
     * ({@code ruling}). Empty when the race or the crew is unknown.
     */
    public Optional<Preview> preview(String raceId, int car, UUID voidPassage, UUID restorePassage, Ruling ruling) {
        var race = raceStore.race(raceId);
        var crew = crewStore.crews(raceId, List.of(car)).stream().findFirst();
        if (race.isEmpty() || crew.isEmpty()) {
            return Optional.empty();
        }
        CrewScorer scorer = this.scorer.crewScorer(race.get());
        List<PassageFact> passages = new ArrayList<>();
        passageStore.passagesByLeg(raceId, List.of(car), scorer.allLegs()).getOrDefault(car, Map.of()).values().forEach(passages::addAll);
        List<Ruling> rulings = rulingStore.rulings(raceId, List.of(car)).getOrDefault(car, List.of());
        var before = scorer.score(crew.get(), passages, rulings);
        List<PassageFact> changedPassages = voidPassage == null && restorePassage == null ? passages : passages.stream()
                .map(p -> p.id().equals(voidPassage) ? new PassageFact(p.id(), p.car(), p.point(), p.officialTime(), true)
                        : p.id().equals(restorePassage) ? new PassageFact(p.id(), p.car(), p.point(), p.officialTime(), false) : p)
                .toList();
        List<Ruling> changedRulings = new ArrayList<>(rulings);
        if (ruling != null) {
            changedRulings.add(ruling);
        }
        var after = scorer.score(crew.get(), changedPassages, changedRulings);
        return Optional.of(new Preview(car, new Score(before.score(), before.state().name()),
                new Score(after.score(), after.state().name())));
    }

    /** Marks an anomaly handled, with a note: it leaves the list of what needs a decision. */
    @Transactional
    public void handled(String raceId, String anomalyId, Handled handled) {
        raceStore.lockRace(raceId);
        rulingStore.markHandled(raceId, anomalyId, handled);
        publishDecisions(raceId);
        events.changed(raceId);
    }

    /** Throws away every derived row of the race and scores it again from the stored facts; how many crews. */
    @Transactional
    public int rebuild(String raceId) {
        raceStore.lockRace(raceId);
        raceStore.race(raceId).ifPresent(race -> scorer.rescoreEverything(raceId, scorer.crewScorer(race)));
        return crewStore.crews(raceId).size();
    }

    /** An event that could not be read: kept with the reason, for the operator. */
    @Transactional
    public void reject(String topic, String payload, String reason) {
        log.reject(topic, payload, reason);
    }

    /**
     * Passage events as read from the topic: the facts by event id (in order), those that could not be read, and the
     * offset to read next on each partition they came from (recorded with them: where a restart reads on from).
     */
    public record PassageEvents(Map<UUID, PassageChange> facts, List<Rejected> rejected, Map<Integer, Long> positions) {
    }

    /** Records how far a topic's partitions were applied (after events were applied one by one). */
    @Transactional
    public void consumed(String topic, Map<Integer, Long> positions) {
        log.advance(topic, positions);
    }

    /** Where a topic's partitions were applied to: the offset to read next; none for a partition never read (a fresh database). */
    public Map<Integer, Long> positions(String topic) {
        return log.positions(topic);
    }

    public record Rejected(String payload, String reason) {
    }

    /**
     * Applies passage events once each (event ids already applied are skipped), keeping the unreadable
     * ones, and scores again the legs of the crews they concern; one transaction.
     */
    @Transactional
    public void apply(PassageEvents events) {
        events.rejected().forEach(r -> log.reject("passages", r.payload(), r.reason()));
        log.advance("passages", events.positions());
        Set<UUID> fresh = log.markProcessed(events.facts().keySet());
        List<Passage> passages = new ArrayList<>();
        List<PassageVoid> voids = new ArrayList<>();
        events.facts().forEach((eventId, fact) -> {
            if (!fresh.contains(eventId)) {
                return;
            }
            if (fact instanceof Passage p) {
                passages.add(p);
            } else {
                voids.add((PassageVoid) fact); // a PassageChange is a passage or a void
            }
        });
        apply(passages, voids);
    }

    /** Stores new passages and voids and scores again the legs of the crews they concern. */
    private void apply(List<Passage> passages, List<PassageVoid> voids) {
        // the races shared, then their crews alone, each in sorted order: batches on different crews of a race (other
        // partitions, other consumers, other instances) are scored at once, and never wait for each other in a circle
        Map<String, Set<Integer>> carsByRace = new TreeMap<>();
        passages.forEach(p -> carsByRace.computeIfAbsent(p.raceId(), k -> new TreeSet<>()).add(p.car()));
        voids.forEach(v -> carsByRace.computeIfAbsent(v.raceId(), k -> new TreeSet<>()).add(v.car()));
        Set<String> races = carsByRace.keySet();
        races.forEach(raceStore::shareRace);
        carsByRace.forEach(raceStore::lockCrews);
        Map<String, CrewScorer> scorers = new HashMap<>();
        for (String raceId : races) {
            raceStore.race(raceId).ifPresent(race -> scorers.put(raceId, scorer.crewScorer(race)));
        }
        Map<String, Scorer.Touched> touched = new TreeMap<>();
        Function<Passage, Integer> legOf = p -> {
            CrewScorer scorer = scorers.get(p.raceId());
            return scorer == null ? null : scorer.legOf(p.point());
        };
        for (Passage p : passages) {
            Integer leg = legOf.apply(p);
            if (leg != null) {
                touched.computeIfAbsent(p.raceId(), k -> new Scorer.Touched()).add(p.car(), leg);
            }
        }
        for (PassageStore.Added a : passageStore.insertPassages(passages, legOf)) {
            touched.get(a.raceId()).added(a.passage().car(), a.leg(), a.passage());
        }
        voids.forEach(passageStore::insertVoid);
        Map<UUID, PassageStore.CarLeg> voided = passageStore.carAndLeg(voids.stream().map(PassageVoid::passageId).toList());
        for (PassageVoid v : voids) {
            PassageStore.CarLeg carLeg = voided.get(v.passageId());
            if (carLeg != null) {
                if (carLeg.car() != v.car()) { // the event named another car than the passage's: that crew is taken too
                    raceStore.lockCrews(v.raceId(), List.of(carLeg.car()));
                }
                touched.computeIfAbsent(v.raceId(), k -> new Scorer.Touched()).changed(carLeg.car(), carLeg.leg());
            }
        }
        // a race not defined yet is scored when its definition arrives
        touched.forEach((raceId, crews) -> {
            CrewScorer crewScorer = scorers.get(raceId);
            if (crewScorer != null) {
                scorer.rescore(raceId, crewScorer, crews);
            }
        });
    }
}
