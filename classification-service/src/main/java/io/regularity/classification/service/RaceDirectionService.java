package io.regularity.classification.service;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.regularity.classification.domain.Anomaly;
import io.regularity.classification.domain.Anomaly.Handled;
import io.regularity.classification.domain.Anomaly.Severity;
import io.regularity.classification.domain.PassageRecord;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.RaceDefinition.TrialStatus;
import io.regularity.classification.domain.RaceDefinition.TrialType;
import io.regularity.classification.domain.RulingRecord;
import io.regularity.classification.domain.TimeQuality;
import io.regularity.classification.persistence.PassageStore;
import io.regularity.classification.persistence.RaceStore;
import io.regularity.classification.persistence.RulingStore;
import io.regularity.classification.persistence.StandingsQueries;
import jakarta.enterprise.context.ApplicationScoped;

/** What race direction reads to decide: the anomalies, the trials with how many crews each has measured, the rulings. */
@ApplicationScoped
public class RaceDirectionService {

    private final RaceStore races;
    private final PassageStore passages;
    private final RulingStore rulings;
    private final StandingsQueries queries;

    public RaceDirectionService(RaceStore races, PassageStore passages, RulingStore rulings, StandingsQueries queries) {
        this.races = races;
        this.passages = passages;
        this.rulings = rulings;
        this.queries = queries;
    }

    /** An anomaly with its stable id and, when race direction marked it handled, who did, when and why. */
    public record ListedAnomaly(String id, Anomaly anomaly, Handled handled) {
    }

    /** The anomalies asked for, how many of each severity need attention (handled ones leave ACTION), the race's time zone. */
    public record AnomalyList(List<ListedAnomaly> entries, Map<Severity, Long> counts, ZoneId zone) {
    }

    /**
     * What race direction should look at: passages of cars not on the entry list, then what scoring found.
     * {@code severity} null: all of them, handled ones included; ACTION: those still needing a decision; INFO:
     * what the system handled by itself. Empty for no race.
     */
    public Optional<AnomalyList> anomalies(String raceId, Severity severity) {
        Optional<RaceDefinition> race = races.race(raceId);
        if (race.isEmpty()) {
            return Optional.empty();
        }
        List<Anomaly> all = new ArrayList<>();
        passages.passagesOfUnknownCars(raceId).forEach(p -> all.add(new Anomaly(Anomaly.Type.UNKNOWN_CAR, p.car(), p.point(), null,
                p.id(), "passage of car " + p.car() + ", which is not on the entry list")));
        all.addAll(queries.anomalies(raceId));
        all.addAll(gpsSuggestions(race.get()));
        Map<String, Handled> handled = rulings.handledAnomalies(raceId);
        List<ListedAnomaly> listed = all.stream().map(a -> new ListedAnomaly(a.stableId(), a, handled.get(a.stableId()))).toList();
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        counts.put(Severity.ACTION, listed.stream().filter(l -> l.anomaly().severity() == Severity.ACTION && l.handled() == null).count());
        counts.put(Severity.INFO, listed.stream().filter(l -> l.anomaly().severity() == Severity.INFO).count());
        List<ListedAnomaly> asked = severity == null ? listed : listed.stream()
                .filter(l -> l.anomaly().severity() == severity && (severity == Severity.INFO || l.handled() == null)).toList();
        return Optional.of(new AnomalyList(asked, counts, race.get().zone()));
    }

    /**
     * A hose that missed (docs/rules.md): each GPS crossing of a backup line where the car has no counted crossing, as a
     * GPS_CROSSING to decide; race direction uses it by restoring that passage, never the system by itself.
     */
    private List<Anomaly> gpsSuggestions(RaceDefinition race) {
        List<Integer> circuits = race.legs().stream().filter(RaceDefinition.Leg::circuit).map(RaceDefinition.Leg::number).toList();
        long window = race.scoring() == null ? 10_000 : race.scoring().duplicateWindowOrDefault();
        return passages.gpsSuggestions(race.id(), circuits, window).stream()
                .map(p -> new Anomaly(Anomaly.Type.GPS_CROSSING, p.car(), p.point(), null, p.id(), "no counted crossing of car " + p.car()
                        + " at " + p.point() + "; its GPS crossed the backup line at " + p.officialTime()))
                .toList();
    }

    /** The passages some anomalies name (their own and the one that counted instead), by id: what their words need. */
    public Map<UUID, PassageRecord> passagesNamed(String raceId, List<ListedAnomaly> anomalies) {
        Set<UUID> named = new HashSet<>();
        anomalies.forEach(l -> {
            if (l.anomaly().passageId() != null) {
                named.add(l.anomaly().passageId());
            }
            if (l.anomaly().counted() != null) {
                named.add(l.anomaly().counted());
            }
        });
        return passages.passageRecords(raceId, named);
    }

    /** Whether a race has an anomaly of that id now. */
    public boolean hasAnomaly(String raceId, String anomalyId) {
        return anomalies(raceId, null).map(l -> l.entries().stream().anyMatch(a -> a.id().equals(anomalyId))).orElse(false);
    }

    /**
     * A trial of the race as race direction follows it: its status, how many crews are measured, pending, missed; for a
     * PC, the cars whose measurement is at risk (docs/rules.md, How good a time is).
     */
    public record TrialSummary(String trial, String type, int leg, String status, int measured, int pending, int missed,
            int neutralised, int assigned, List<Integer> atRisk) {
    }

    /** Every trial of the race in route order with its counts; empty for no race. */
    public Optional<List<TrialSummary>> trials(String raceId) {
        Optional<RaceDefinition> race = races.race(raceId);
        if (race.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<String, Integer>> states = queries.trialStates(raceId);
        Map<String, List<Integer>> atRisk = new HashMap<>();
        queries.pcClocks(raceId).forEach((trial, cars) -> atRisk.put(trial, cars.entrySet().stream()
                .filter(c -> c.getValue().size() == 2 && TimeQuality.atRisk(c.getValue().get(0), c.getValue().get(1)))
                .map(Map.Entry::getKey).sorted().toList()));
        return Optional.of(race.get().trialsInRouteOrder().stream().map(p -> {
            Map<String, Integer> n = states.getOrDefault(p.trial().id(), Map.of());
            return new TrialSummary(p.trial().id(), p.trial().type().name(), p.leg().number(),
                    p.trial().status() == null ? TrialStatus.OPEN.name() : p.trial().status().name(),
                    n.getOrDefault("MEASURED", 0), n.getOrDefault("PENDING", 0), n.getOrDefault("MISSED", 0),
                    n.getOrDefault("NEUTRALISED", 0), n.getOrDefault("ASSIGNED", 0),
                    p.trial().type() == TrialType.PC ? atRisk.getOrDefault(p.trial().id(), List.of()) : null);
        }).toList());
    }

    /** Every ruling of the race, revoked ones too, in the order they were made; empty for no race. */
    public Optional<List<RulingRecord>> rulings(String raceId) {
        return races.race(raceId).map(race -> rulings.allRulings(raceId));
    }
}
