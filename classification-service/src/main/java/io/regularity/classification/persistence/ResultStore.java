package io.regularity.classification.persistence;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.domain.Anomaly;
import io.regularity.classification.domain.CrewResult;
import io.regularity.classification.domain.LegResult;
import io.regularity.classification.domain.TrialResult;
import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Derived state, written: each crew's result by leg, each of its trial results, and its total, in the
 * transaction that changed the facts. The lists are read by {@link StandingsQueries}.
 */
@ApplicationScoped
public class ResultStore {

    private final DataSource ds;
    private final ObjectMapper json;
    private static final SecureRandom STAMPS = new SecureRandom();

    public ResultStore(DataSource ds, ObjectMapper json) {
        this.ds = ds;
        this.json = json;
    }

    /** What this instance last wrote of a crew's leg, when that is what is stored now (its stamp unchanged); null when not known. */
    @FunctionalInterface
    public interface Written {
        LegResult of(int car, int leg);

        static Written nothing() {
            return (car, leg) -> null;
        }
    }

    /** What a race holds right after {@link #clear}: nothing, so no trial row can be left over either. */
    public static Stored cleared() {
        return new Stored(new HashMap<>(), true);
    }

    /**
     * The stored legs of some crews of a race: their stamps (which say whether anything else wrote them since this
     * instance did) and their sums. Read before scoring, then given to {@link #write}.
     */
    public Stored stored(String raceId, Collection<Integer> cars) {
        Map<Integer, Map<Integer, StoredLeg>> stored = new HashMap<>();
        if (cars.isEmpty()) {
            return new Stored(stored);
        }
        Jdbc.query(ds, """
                select car, leg, version, score, raw_score, trials_scored, last_scored_index, excluded, retired, anomalies::text,
                       passages_digest
                from crew_leg_result where race_id = ? and car = any(?)
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("int4", cars.toArray()));
        }, rs -> stored.computeIfAbsent(rs.getInt(1), k -> new HashMap<>()).put(rs.getInt(2), new StoredLeg(rs.getLong(3),
                rs.getInt(2), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getInt(6), rs.getInt(7), rs.getBoolean(8),
                rs.getBoolean(9), rs.getString(10), rs.getString(11))));
        return new Stored(stored);
    }

    /** Legs as stored, by car and leg. */
    public static final class Stored {
        private final Map<Integer, Map<Integer, StoredLeg>> legs;
        private final boolean nothing;

        Stored(Map<Integer, Map<Integer, StoredLeg>> legs) {
            this(legs, false);
        }

        private Stored(Map<Integer, Map<Integer, StoredLeg>> legs, boolean nothing) {
            this.legs = legs;
            this.nothing = nothing;
        }

        /**
         * The stamp of a crew's leg as stored, null when it has no row. Every change of a leg's passages is scored in
         * the same transaction and changes its digest, so its row gets a new stamp: a copy of the leg's passages
         * taken at a stamp is the leg's passages for as long as that stamp is stored.
         */
        public Long stamp(int car, int leg) {
            StoredLeg stored = legs.getOrDefault(car, Map.of()).get(leg);
            return stored == null ? null : stored.stamp();
        }
    }

    /**
     * Stores some legs' results of some crews, then each touched crew's total. Rows are upserted and
     * written only where something changed: a batch that moves one trial of a crew writes that trial,
     * that leg's sums and the crew's total. {@code storedLegs} is what {@link #stored} read of those crews in
     * this transaction, {@code written} what this instance knows it wrote of them. Returns the stamp each leg now has, by
     * car and leg.
     */
    public Map<Integer, Map<Integer, Long>> write(String raceId, Map<Integer, List<LegResult>> legsByCar, Stored storedLegs,
            Written written) {
        Map<Integer, Map<Integer, Long>> stamps = new HashMap<>();
        if (legsByCar.isEmpty()) {
            return stamps;
        }
        Map<Integer, Map<Integer, StoredLeg>> stored = storedLegs.legs;
        List<Object[]> trialRows = new ArrayList<>();
        List<Object[]> legRows = new ArrayList<>();
        Set<Integer> changedCars = new HashSet<>();
        List<Integer> rulingsWritten = new ArrayList<>();
        List<Object[]> penaltiesKept = new ArrayList<>();
        legsByCar.forEach((car, legs) -> {
            for (LegResult leg : legs) {
                StoredLeg now = stored.getOrDefault(car, Map.of()).get(leg.leg());
                LegResult before = now == null ? null : written.of(car, leg.leg());
                boolean known = before != null;
                List<TrialResult> changed = changedTrials(known ? before.trials() : List.of(), leg.trials());
                if (known && changed.isEmpty() && sameSums(before, leg)) {
                    stamps.computeIfAbsent(car, k -> new HashMap<>()).put(leg.leg(), now.stamp());
                    continue; // nothing of this leg changed since this instance wrote it
                }
                long newStamp = STAMPS.nextLong();
                stamps.computeIfAbsent(car, k -> new HashMap<>()).put(leg.leg(), newStamp);
                legRows.add(new Object[] { car, leg.leg(), leg.score(), leg.rawScore(), leg.trialsScored(), leg.lastScoredIndex(),
                        leg.excluded(), leg.retired(), write(leg.anomalies()), newStamp, leg.passagesDigest() });
                for (TrialResult t : changed) {
                    trialRows.add(new Object[] { car, t.trial(), t.type(), t.leg(), t.routeIndex(), t.state().name(),
                            t.penalty(), t.points(), t.contribution(), t.rawContribution(), write(t.passages()) });
                }
                changedCars.add(car);
                // every trial of the definition is in its leg's result, scored or not, so only a steward's penalty (a
                // ruling, in the crew's leg 0) can leave one: when it may have (or this instance does not know what is
                // stored), the penalties' rows not among the leg's now go
                if (leg.leg() == 0) {
                    Set<String> penalties = new HashSet<>();
                    leg.trials().forEach(t -> penalties.add(t.trial()));
                    if (!known || before.trials().stream().anyMatch(t -> !penalties.contains(t.trial()))) {
                        rulingsWritten.add(car);
                        penalties.forEach(trial -> penaltiesKept.add(new Object[] { car, trial }));
                    }
                }
            }
        });
        if (changedCars.isEmpty()) {
            return stamps;
        }
        upsert(raceId, """
                insert into crew_leg_result as o (race_id, car, leg, score, raw_score, trials_scored, last_scored_index, excluded,
                                                  retired, anomalies, version, passages_digest)
                select ?, u.car, u.leg, u.score, u.raw, u.scored, u.last, u.excluded, u.retired, u.anomalies::jsonb, u.version,
                       u.digest
                from unnest(?::int[], ?::int[], ?::numeric[], ?::numeric[], ?::int[], ?::int[], ?::bool[], ?::bool[], ?::text[],
                            ?::int8[], ?::text[])
                     as u(car, leg, score, raw, scored, last, excluded, retired, anomalies, version, digest)
                on conflict (race_id, car, leg) do update set score = excluded.score, raw_score = excluded.raw_score,
                    trials_scored = excluded.trials_scored, last_scored_index = excluded.last_scored_index,
                    excluded = excluded.excluded, retired = excluded.retired, anomalies = excluded.anomalies,
                    version = excluded.version, passages_digest = excluded.passages_digest
                """, new String[] { "int4", "int4", "numeric", "numeric", "int4", "int4", "bool", "bool", "text", "int8", "text" },
                legRows);
        upsert(raceId, """
                insert into trial_result as o (race_id, car, trial_id, type, leg, route_index, state, penalty, points,
                                               contribution, raw_contribution, passages)
                select ?, u.car, u.trial, u.type, u.leg, u.idx, u.state, u.penalty, u.points, u.contribution, u.raw,
                       u.passages::jsonb
                from unnest(?::int[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::int[], ?::numeric[],
                            ?::numeric[], ?::numeric[], ?::text[])
                     as u(car, trial, type, leg, idx, state, penalty, points, contribution, raw, passages)
                on conflict (race_id, car, trial_id) do update set type = excluded.type, leg = excluded.leg,
                    route_index = excluded.route_index, state = excluded.state, penalty = excluded.penalty,
                    points = excluded.points, contribution = excluded.contribution,
                    raw_contribution = excluded.raw_contribution, passages = excluded.passages
                where (o.state, o.penalty, o.points, o.contribution, o.raw_contribution, o.passages, o.route_index, o.leg)
                      is distinct from (excluded.state, excluded.penalty, excluded.points, excluded.contribution,
                                        excluded.raw_contribution, excluded.passages, excluded.route_index, excluded.leg)
                """, new String[] { "int4", "text", "text", "int4", "int4", "text", "int4", "numeric", "numeric", "numeric", "text" },
                trialRows);
        // a steward's penalty revoked leaves its crew's leg 0, and its row goes with it: the lists sum the trials' rows
        if (!rulingsWritten.isEmpty() && !storedLegs.nothing) {
            deletePenaltiesLeft(raceId, rulingsWritten, penaltiesKept);
        }
        // each touched crew's total, from its legs' sums: the legs scored now, and the others as stored
        List<Object[]> totals = new ArrayList<>();
        for (int car : changedCars) {
            Map<Integer, LegResult> legs = new TreeMap<>();
            stored.getOrDefault(car, Map.of()).values().forEach(leg -> legs.put(leg.leg(), leg.sums(this)));
            legsByCar.get(car).forEach(leg -> legs.put(leg.leg(), leg));
            CrewResult total = CrewResult.of(car, List.copyOf(legs.values()));
            totals.add(new Object[] { car, total.state().name(), total.score(), total.rawScore(), total.trialsScored(),
                    total.lastScoredIndex(), write(total.anomalies()) });
        }
        upsert(raceId, """
                insert into crew_result as o (race_id, car, state, score, raw_score, trials_scored, last_scored_index, anomalies)
                select ?, u.car, u.state, u.score, u.raw, u.scored, u.last, u.anomalies::jsonb
                from unnest(?::int[], ?::text[], ?::numeric[], ?::numeric[], ?::int[], ?::int[], ?::text[])
                     as u(car, state, score, raw, scored, last, anomalies)
                on conflict (race_id, car) do update set state = excluded.state, score = excluded.score,
                    raw_score = excluded.raw_score, trials_scored = excluded.trials_scored,
                    last_scored_index = excluded.last_scored_index, anomalies = excluded.anomalies
                where (o.state, o.score, o.raw_score, o.trials_scored, o.last_scored_index, o.anomalies)
                      is distinct from (excluded.state, excluded.score, excluded.raw_score, excluded.trials_scored,
                                        excluded.last_scored_index, excluded.anomalies)
                """, new String[] { "int4", "text", "numeric", "numeric", "int4", "int4", "text" }, totals);
        return stamps;
    }

    /** A leg's row as stored: its stamp and its sums. */
    private record StoredLeg(long stamp, int leg, BigDecimal score, BigDecimal rawScore, int trialsScored, int lastScoredIndex,
            boolean excluded, boolean retired, String anomalies, String passagesDigest) {

        /** The leg's sums as a result without its trials: all a crew's total needs. */
        LegResult sums(ResultStore store) {
            List<Anomaly> read = "[]".equals(anomalies) ? List.of() : store.read(anomalies, new TypeReference<List<Anomaly>>() {
            });
            return new LegResult(leg, List.of(), read, excluded, retired, score, rawScore, trialsScored, lastScoredIndex,
                    passagesDigest);
        }
    }

    /** The trials of {@code now} that differ from {@code before} (compared by position while the trial ids line up). */
    static List<TrialResult> changedTrials(List<TrialResult> before, List<TrialResult> now) {
        List<TrialResult> changed = new ArrayList<>();
        Map<String, TrialResult> byId = null;
        for (int i = 0; i < now.size(); i++) {
            TrialResult t = now.get(i);
            TrialResult old;
            if (i < before.size() && before.get(i).trial().equals(t.trial())) {
                old = before.get(i);
            } else {
                if (byId == null) {
                    byId = new HashMap<>();
                    for (TrialResult b : before) {
                        byId.put(b.trial(), b);
                    }
                }
                old = byId.get(t.trial());
            }
            if (!t.equals(old)) {
                changed.add(t);
            }
        }
        return changed;
    }

    /**
     * Deletes the steward's penalty rows of {@code cars} that are not among {@code kept} (car, trial). A penalty's row
     * says the leg of the trial it was given on, but belongs to its crew's leg 0 (the rulings).
     */
    private void deletePenaltiesLeft(String raceId, List<Integer> cars, List<Object[]> kept) {
        Jdbc.update(ds, """
                delete from trial_result t
                where t.race_id = ? and t.car = any(?::int[]) and t.type = 'STEWARD'
                  and not exists (select 1 from unnest(?::int[], ?::text[]) as k(car, trial)
                                  where k.car = t.car and k.trial = t.trial_id)
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("int4", cars.toArray()));
            Jdbc.columns(c, s, 3, new String[] { "int4", "text" }, kept);
        });
    }

    private static boolean sameSums(LegResult a, LegResult b) {
        return a.trials().size() == b.trials().size() && a.excluded() == b.excluded() && a.retired() == b.retired()
                && a.trialsScored() == b.trialsScored() && a.lastScoredIndex() == b.lastScoredIndex() && a.score().equals(b.score())
                && a.rawScore().equals(b.rawScore()) && a.anomalies().equals(b.anomalies())
                && Objects.equals(a.passagesDigest(), b.passagesDigest());
    }

    /** Column-wise upsert: {@code rows} become one array parameter per column, after the race id. */
    private void upsert(String raceId, String sql, String[] types, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Jdbc.update(ds, sql, (c, s) -> {
            s.setString(1, raceId);
            Jdbc.columns(c, s, 2, types, rows);
        });
    }

    /** Deletes every derived row of a race, before a rebuild. */
    public void clear(String raceId) {
        Jdbc.update(ds, "delete from trial_result where race_id = ?", (c, s) -> s.setString(1, raceId));
        Jdbc.update(ds, "delete from crew_leg_result where race_id = ?", (c, s) -> s.setString(1, raceId));
        Jdbc.update(ds, "delete from crew_result where race_id = ?", (c, s) -> s.setString(1, raceId));
    }

    /** Deletes a withdrawn crew's derived rows. */
    public void forget(String raceId, int car) {
        for (String table : List.of("trial_result", "crew_leg_result", "crew_result")) {
            Jdbc.update(ds, "delete from " + table + " where race_id = ? and car = ?", (c, s) -> {
                s.setString(1, raceId);
                s.setInt(2, car);
            });
        }
    }

    /** Each crew's passage digest by leg, as live scoring last wrote them ({@code ResultsDigest.passages}). */
    public Map<Integer, SortedMap<Integer, String>> legDigests(String raceId) {
        Map<Integer, SortedMap<Integer, String>> digests = new HashMap<>();
        Jdbc.each(ds, "select car, leg, passages_digest from crew_leg_result where race_id = ? and passages_digest is not null", 0,
                (c, s) -> s.setString(1, raceId),
                rs -> digests.computeIfAbsent(rs.getInt(1), k -> new TreeMap<>()).put(rs.getInt(2), rs.getString(3)));
        return digests;
    }

    <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
