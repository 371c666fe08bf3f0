package io.regularity.classification.persistence;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.domain.Anomaly;
import io.regularity.classification.domain.LegResult;
import io.regularity.classification.domain.TrialResult;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Derived state: each crew's result and each of its trial results, written in the transaction that
 * changed the facts, and the ranked lists read from them (the database ranks).
 */
@ApplicationScoped
public class ResultStore {

    private final DataSource ds;
    private final ObjectMapper json;
    /**
     * What this instance last wrote of each (race, crew, leg), with the stamp it wrote: a copy of
     * rows it wrote, trusted only while the stored stamp is the same. Lost on restart, harmlessly.
     */
    private final Map<String, Written> written = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.security.SecureRandom STAMPS = new java.security.SecureRandom();

    private record Written(long stamp, LegResult result) {
    }

    public ResultStore(DataSource ds, ObjectMapper json) {
        this.ds = ds;
        this.json = json;
    }

    /**
     * Stores some legs' results of some crews, then each touched crew's total. Rows are upserted and
     * written only where something changed: a batch that moves one trial of a crew writes that trial,
     * that leg's sums and the crew's total.
     */
    public void write(String raceId, Map<Integer, List<LegResult>> legsByCar) {
        if (legsByCar.isEmpty()) {
            return;
        }
        Map<String, Long> stamps = new HashMap<>();
        Jdbc.query(ds, "select car, leg, version from crew_leg_result where race_id = ? and car = any(?)", (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("int4", legsByCar.keySet().toArray()));
        }, rs -> stamps.put(rs.getInt(1) + "|" + rs.getInt(2), rs.getLong(3)));
        List<Object[]> trialRows = new ArrayList<>();
        List<Object[]> legRows = new ArrayList<>();
        Set<Integer> changedCars = new HashSet<>();
        legsByCar.forEach((car, legs) -> {
            for (LegResult leg : legs) {
                String key = raceId + "|" + car + "|" + leg.leg();
                Written before = written.get(key);
                Long stamp = stamps.get(car + "|" + leg.leg());
                boolean known = before != null && stamp != null && before.stamp() == stamp;
                List<TrialResult> changed = changedTrials(known ? before.result().trials() : List.of(), leg.trials());
                if (known && changed.isEmpty() && sameSums(before.result(), leg)) {
                    continue; // nothing of this leg changed since this instance wrote it
                }
                long newStamp = STAMPS.nextLong();
                legRows.add(new Object[] { car, leg.leg(), leg.score(), leg.rawScore(), leg.trialsScored(), leg.lastScoredIndex(),
                        leg.excluded(), leg.retired(), write(leg.anomalies()), newStamp });
                for (TrialResult t : changed) {
                    trialRows.add(new Object[] { car, t.trial(), t.type(), t.leg(), t.routeIndex(), t.state().name(),
                            t.penalty(), t.points(), t.contribution(), t.rawContribution(), write(t.passages()) });
                }
                written.put(key, new Written(newStamp, leg));
                changedCars.add(car);
            }
        });
        if (changedCars.isEmpty()) {
            return;
        }
        upsert(raceId, """
                insert into crew_leg_result as o (race_id, car, leg, score, raw_score, trials_scored, last_scored_index, excluded,
                                                  retired, anomalies, version)
                select ?, u.car, u.leg, u.score, u.raw, u.scored, u.last, u.excluded, u.retired, u.anomalies::jsonb, u.version
                from unnest(?::int[], ?::int[], ?::numeric[], ?::numeric[], ?::int[], ?::int[], ?::bool[], ?::bool[], ?::text[],
                            ?::int8[])
                     as u(car, leg, score, raw, scored, last, excluded, retired, anomalies, version)
                on conflict (race_id, car, leg) do update set score = excluded.score, raw_score = excluded.raw_score,
                    trials_scored = excluded.trials_scored, last_scored_index = excluded.last_scored_index,
                    excluded = excluded.excluded, retired = excluded.retired, anomalies = excluded.anomalies,
                    version = excluded.version
                """, new String[] { "int4", "int4", "numeric", "numeric", "int4", "int4", "bool", "bool", "text", "int8" }, legRows);
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
        // each touched crew's total, from its legs' sums
        Jdbc.update(ds, """
                insert into crew_result as o (race_id, car, state, score, raw_score, trials_scored, last_scored_index, anomalies)
                select l.race_id, l.car,
                       case when bool_or(l.excluded) then 'EXCLUDED' when bool_or(l.retired) then 'RETIRED' else 'RUNNING' end,
                       sum(l.score), sum(l.raw_score), sum(l.trials_scored), max(l.last_scored_index),
                       coalesce((select jsonb_agg(a.value order by x.leg, a.ordinality)
                                 from crew_leg_result x, jsonb_array_elements(x.anomalies) with ordinality a
                                 where x.race_id = l.race_id and x.car = l.car), '[]'::jsonb)
                from crew_leg_result l where l.race_id = ? and l.car = any(?) group by l.race_id, l.car
                on conflict (race_id, car) do update set state = excluded.state, score = excluded.score,
                    raw_score = excluded.raw_score, trials_scored = excluded.trials_scored,
                    last_scored_index = excluded.last_scored_index, anomalies = excluded.anomalies
                where (o.state, o.score, o.raw_score, o.trials_scored, o.last_scored_index, o.anomalies)
                      is distinct from (excluded.state, excluded.score, excluded.raw_score, excluded.trials_scored,
                                        excluded.last_scored_index, excluded.anomalies)
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("int4", changedCars.toArray()));
        });
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

    private static boolean sameSums(LegResult a, LegResult b) {
        return a.trials().size() == b.trials().size() && a.excluded() == b.excluded() && a.retired() == b.retired()
                && a.trialsScored() == b.trialsScored() && a.lastScoredIndex() == b.lastScoredIndex() && a.score().equals(b.score())
                && a.rawScore().equals(b.rawScore()) && a.anomalies().equals(b.anomalies());
    }

    /** Column-wise upsert: {@code rows} become one array parameter per column, after the race id. */
    private void upsert(String raceId, String sql, String[] types, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Jdbc.update(ds, sql, (c, s) -> {
            s.setString(1, raceId);
            for (int col = 0; col < types.length; col++) {
                Object[] column = new Object[rows.size()];
                for (int row = 0; row < column.length; row++) {
                    column[row] = rows.get(row)[col];
                }
                s.setArray(col + 2, c.createArrayOf(types[col], column));
            }
        });
    }

    /** Deletes every derived row of a race, before a rebuild. */
    public void clear(String raceId) {
        written.keySet().removeIf(key -> key.startsWith(raceId + "|"));
        Jdbc.update(ds, "delete from trial_result where race_id = ?", (c, s) -> s.setString(1, raceId));
        Jdbc.update(ds, "delete from crew_leg_result where race_id = ?", (c, s) -> s.setString(1, raceId));
        Jdbc.update(ds, "delete from crew_result where race_id = ?", (c, s) -> s.setString(1, raceId));
    }

    /** One row of a ranked list. */
    public record Ranked(Integer rank, int car, String driver, String codriver, String carModel, Integer carYear,
            BigDecimal coefficient, BigDecimal score, int trialsScored, BigDecimal gapToLeader, BigDecimal gapToPrevious,
            String state, String team) {
    }

    public record Page(long total, List<Ranked> rows) {
    }

    /** Which scores a list ranks and which crews it holds. */
    public record ListQuery(String scores, List<Object> params, String crewFilter, List<Object> crewParams) {
    }

    /**
     * Ranks crews on a list: running crews by score (higher first under POINTS, lower under
     * PENALTIES), ties sharing a rank and listed by car number, then retired and excluded crews
     * without a rank, by car number.
     */
    public Page rank(String raceId, boolean higherWins, ListQuery list, int page, int size) {
        String order = higherWins ? "desc" : "asc";
        String sql = """
                with scores as (%s),
                listed as (
                    select s.car, s.score, s.trials_scored, s.state, s.state = 'RUNNING' as running,
                           c.driver_name, c.codriver_name, c.car_model, c.car_year, c.coefficient, c.team
                    from scores s join crew c on c.race_id = ? and c.car = s.car
                    where %s),
                ranked as (
                    select l.*, count(*) over () as total,
                           rank() over (partition by running order by score %s) as pos,
                           first_value(score) over (partition by running order by score %s, car) as leader,
                           lag(score) over (partition by running order by score %s, car) as previous
                    from listed l)
                select car, driver_name, codriver_name, car_model, car_year, coefficient, score, trials_scored, state, running,
                       pos, leader, previous, total, team
                from ranked
                order by running desc, case when running then score end %s, car
                limit ? offset ?
                """.formatted(list.scores(), list.crewFilter(), order, order, order, order);
        long[] total = { 0 };
        List<Ranked> rows = Jdbc.query(ds, sql, (c, s) -> {
            int i = 1;
            for (Object p : list.params()) {
                s.setObject(i++, p);
            }
            s.setString(i++, raceId);
            for (Object p : list.crewParams()) {
                s.setObject(i++, p);
            }
            s.setInt(i++, size);
            s.setLong(i, (long) page * size);
        }, rs -> {
            total[0] = rs.getLong("total");
            boolean running = rs.getBoolean("running");
            BigDecimal score = rs.getBigDecimal("score");
            BigDecimal leader = rs.getBigDecimal("leader");
            BigDecimal previous = rs.getBigDecimal("previous");
            return new Ranked(running ? rs.getInt("pos") : null, rs.getInt("car"), rs.getString("driver_name"),
                    rs.getString("codriver_name"), rs.getString("car_model"), (Integer) rs.getObject("car_year"),
                    rs.getBigDecimal("coefficient"), score, rs.getInt("trials_scored"),
                    running ? score.subtract(leader).abs() : null,
                    running ? (previous == null ? BigDecimal.ZERO.setScale(2) : score.subtract(previous).abs()) : null,
                    rs.getString("state"), rs.getString("team"));
        });
        if (rows.isEmpty() && page > 0) {
            total[0] = rank(raceId, higherWins, list, 0, 1).total();
        }
        return new Page(total[0], rows);
    }

    /** A crew's overall rank, empty when it is retired, excluded or unknown. */
    public Optional<Integer> rankOf(String raceId, int car, boolean higherWins) {
        String better = higherWins ? ">" : "<";
        List<Integer> rows = Jdbc.query(ds, """
                select (select count(*) + 1 from crew_result o
                        where o.race_id = r.race_id and o.state = 'RUNNING' and o.score %s r.score)::int
                from crew_result r where r.race_id = ? and r.car = ? and r.state = 'RUNNING'
                """.formatted(better), (c, s) -> {
            s.setString(1, raceId);
            s.setInt(2, car);
        }, rs -> rs.getInt(1));
        return rows.stream().findFirst();
    }

    /** The route index of the last trial any crew has a result on, or -1. */
    public int lastScoredIndex(String raceId) {
        return Jdbc.query(ds, "select coalesce(max(last_scored_index), -1) from crew_result where race_id = ?",
                (c, s) -> s.setString(1, raceId), rs -> rs.getInt(1)).get(0);
    }

    public record CrewTrial(String trial, String type, int leg, String state, Integer penalty, BigDecimal points,
            List<UUID> passages) {
    }

    public record CrewRow(int car, String state, BigDecimal score, List<CrewTrial> trials) {
    }

    public Optional<CrewRow> crew(String raceId, int car) {
        List<CrewRow> rows = Jdbc.query(ds, "select state, score from crew_result where race_id = ? and car = ?", (c, s) -> {
            s.setString(1, raceId);
            s.setInt(2, car);
        }, rs -> new CrewRow(car, rs.getString(1), rs.getBigDecimal(2), new ArrayList<>()));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        CrewRow row = rows.get(0);
        row.trials().addAll(Jdbc.query(ds, """
                select trial_id, type, leg, state, penalty, points, passages from trial_result
                where race_id = ? and car = ? order by case when route_index < 0 then 1000000 else route_index end, trial_id
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setInt(2, car);
        }, rs -> new CrewTrial(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), (Integer) rs.getObject(5),
                rs.getBigDecimal(6), readIds(rs.getString(7)))));
        return Optional.of(row);
    }

    public record TrialRow(int car, String state, Integer penalty, BigDecimal points, BigDecimal contribution) {
    }

    /** One trial's results, crews with a result first (best first), then pending ones. */
    public List<TrialRow> trial(String raceId, String trialId, boolean higherWins) {
        String order = higherWins ? "desc" : "asc";
        return Jdbc.query(ds, """
                select car, state, penalty, points, contribution from trial_result where race_id = ? and trial_id = ?
                order by state = 'PENDING', contribution %s, car
                """.formatted(order), (c, s) -> {
            s.setString(1, raceId);
            s.setString(2, trialId);
        }, rs -> new TrialRow(rs.getInt(1), rs.getString(2), (Integer) rs.getObject(3), rs.getBigDecimal(4),
                rs.getBigDecimal(5)));
    }

    public record TeamRow(String team, BigDecimal score, List<Integer> cars) {
    }

    /** Each team's best three running crews summed, teams of three first, best first. */
    public List<TeamRow> teams(String raceId, boolean higherWins) {
        String order = higherWins ? "desc" : "asc";
        return Jdbc.query(ds, """
                with best as (
                    select c.team, r.car, r.score,
                           row_number() over (partition by c.team order by r.score %s, r.car) as n
                    from crew_result r join crew c on c.race_id = r.race_id and c.car = r.car
                    where r.race_id = ? and r.state = 'RUNNING' and c.team is not null)
                select team, sum(score) as score, array_agg(car order by n) as cars
                from best where n <= 3 group by team
                order by count(*) >= 3 desc, sum(score) %s, team
                """.formatted(order, order), (c, s) -> s.setString(1, raceId),
                rs -> new TeamRow(rs.getString(1), rs.getBigDecimal(2), List.of((Integer[]) rs.getArray(3).getArray())));
    }

    public List<Anomaly> anomalies(String raceId) {
        List<Anomaly> all = new ArrayList<>();
        Jdbc.query(ds, "select anomalies from crew_result where race_id = ? and anomalies <> '[]'::jsonb order by car",
                (c, s) -> s.setString(1, raceId), rs -> rs.getString(1))
                .forEach(text -> all.addAll(read(text, new TypeReference<List<Anomaly>>() {
                })));
        return all;
    }

    private List<UUID> readIds(String text) {
        return read(text, new TypeReference<List<UUID>>() {
        });
    }

    private <T> T read(String text, TypeReference<T> type) {
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
