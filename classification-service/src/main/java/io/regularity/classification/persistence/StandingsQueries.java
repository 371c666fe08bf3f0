package io.regularity.classification.persistence;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.domain.Anomaly;
import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.ListSpec;
import io.regularity.classification.domain.Lists;
import io.regularity.classification.domain.TimeQuality;
import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Derived state, read: each list's scores by crew (the SQL of every list lives here, chosen by its
 * {@link ListSpec}), teams, a crew's and a trial's results, anomalies. Ranking is not done here: see
 * {@code domain.Ranking}.
 */
@ApplicationScoped
public class StandingsQueries {

    private final DataSource ds;
    private final ObjectMapper json;

    public StandingsQueries(DataSource ds, ObjectMapper json) {
        this.ds = ds;
        this.json = json;
    }

    /**
     * The crews of a list with their scores on it, in no particular order. {@code trophyTrials} are the
     * trials of the trophy of a TROPHY list. Under PENALTIES the category and ladies' lists add the
     * penalties without the coefficient.
     */
    public List<Lists.Row> list(String raceId, ListSpec spec, boolean points, List<String> trophyTrials) {
        String overall = points ? "score" : "raw_score";
        List<Object> params = new ArrayList<>();
        String scores;
        String crews = "true";
        switch (spec.kind()) {
            case OVERALL -> scores = "select car, score, state, trials_scored from crew_result where race_id = ?";
            case LADIES -> {
                scores = "select car, " + overall + " as score, state, trials_scored from crew_result where race_id = ?";
                crews = "c.driver_female and c.codriver_female";
            }
            case CATEGORY -> {
                scores = "select car, " + overall + " as score, state, trials_scored from crew_result where race_id = ?";
                crews = "c.category = ?";
            }
            case LEG -> {
                scores = """
                        select r.car, coalesce(sum(t.contribution), 0) as score, r.state,
                               count(t.trial_id) filter (where t.state <> 'PENDING' and t.type <> 'STEWARD')::int as trials_scored
                        from crew_result r left join trial_result t on t.race_id = r.race_id and t.car = r.car and %s
                        where r.race_id = ? group by r.car, r.state
                        """.formatted(spec.cumulative() ? "t.leg <= ?" : "t.leg = ?");
                params.add(spec.leg());
            }
            case TROPHY -> {
                scores = """
                        select r.car, coalesce(sum(t.contribution), 0) as score, r.state,
                               count(t.trial_id) filter (where t.state <> 'PENDING')::int as trials_scored
                        from crew_result r left join trial_result t on t.race_id = r.race_id and t.car = r.car
                             and t.trial_id = any(?::text[])
                        where r.race_id = ? group by r.car, r.state
                        """;
                params.add(trophyTrials.toArray(String[]::new));
            }
            default -> throw new IllegalArgumentException("not a list of crews: " + spec.kind());
        }
        params.add(raceId);
        params.add(raceId);
        if (spec.kind() == ListSpec.Kind.CATEGORY) {
            params.add(spec.category());
        }
        String sql = """
                select c.car, c.driver_name, c.driver_female, c.codriver_name, c.codriver_female, c.car_model, c.car_year,
                       c.coefficient, c.category, c.team, s.score, s.state, s.trials_scored, c.driver_licence, c.codriver_licence,
                       c.band
                from (%s) s join crew c on c.race_id = ? and c.car = s.car
                where %s
                """.formatted(scores, crews);
        return Jdbc.query(ds, sql, (c, s) -> {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
        }, rs -> new Lists.Row(CrewStore.crew(rs), rs.getBigDecimal(11), rs.getString(12), rs.getInt(13)));
    }

    /** Each team with the sum of its best three running crews (fewer when it has fewer), and those cars, best first. */
    public List<Lists.Team> teams(String raceId, boolean higherWins) {
        String order = higherWins ? "desc" : "asc";
        return Jdbc.query(ds, """
                with best as (
                    select c.team, r.car, r.score,
                           row_number() over (partition by c.team order by r.score %s, r.car) as n
                    from crew_result r join crew c on c.race_id = r.race_id and c.car = r.car
                    where r.race_id = ? and r.state = 'RUNNING' and c.team is not null)
                select team, sum(score) as score, array_agg(car order by n) as cars
                from best where n <= 3 group by team
                """.formatted(order), (c, s) -> s.setString(1, raceId),
                rs -> new Lists.Team(rs.getString(1), rs.getBigDecimal(2), List.of((Integer[]) rs.getArray(3).getArray())));
    }

    /** The route index of the last trial any crew has a result on, or -1. */
    public int lastScoredIndex(String raceId) {
        return Jdbc.query(ds, "select coalesce(max(last_scored_index), -1) from crew_result where race_id = ?",
                (c, s) -> s.setString(1, raceId), rs -> rs.getInt(1)).get(0);
    }

    public record TrialRow(int car, String state, Integer penalty, BigDecimal points, BigDecimal contribution) {
    }

    /** One trial's result of every crew, in no particular order. */
    public List<TrialRow> trial(String raceId, String trialId) {
        return Jdbc.query(ds, "select car, state, penalty, points, contribution from trial_result where race_id = ? and trial_id = ?",
                (c, s) -> {
                    s.setString(1, raceId);
                    s.setString(2, trialId);
                }, rs -> new TrialRow(rs.getInt(1), rs.getString(2), (Integer) rs.getObject(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5)));
    }

    /** How many crews have each state on each trial: {@code trial → state → count}. */
    public Map<String, Map<String, Integer>> trialStates(String raceId) {
        Map<String, Map<String, Integer>> states = new HashMap<>();
        Jdbc.query(ds, "select trial_id, state, count(*)::int from trial_result where race_id = ? and type <> 'STEWARD' group by 1, 2",
                (c, s) -> s.setString(1, raceId),
                rs -> states.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3)));
        return states;
    }

    /**
     * The two crossings each measured PC was measured from, by trial and car: the device that timed each and its clock's
     * uncertainty, start first.
     */
    public Map<String, Map<Integer, List<TimeQuality.Timed>>> pcClocks(String raceId) {
        Map<String, Map<Integer, List<TimeQuality.Timed>>> clocks = new HashMap<>();
        Jdbc.query(ds, """
                select t.trial_id, t.car, p.device, p.clock_uncertainty_ms
                from trial_result t
                cross join lateral jsonb_array_elements_text(t.passages) with ordinality as e(id, n)
                join passage p on p.id = e.id::uuid
                where t.race_id = ? and t.type = 'PC' and t.state = 'MEASURED' and jsonb_array_length(t.passages) = 2
                order by t.trial_id, t.car, e.n
                """, (c, s) -> s.setString(1, raceId), rs -> clocks.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                .computeIfAbsent(rs.getInt(2), k -> new ArrayList<>()).add(new TimeQuality.Timed(rs.getString(3), (Double) rs.getObject(4))));
        return clocks;
    }

    /** The cars of a race still running (neither retired nor excluded). */
    public Set<Integer> runningCars(String raceId) {
        return new HashSet<>(Jdbc.query(ds, "select car from crew_result where race_id = ? and state = 'RUNNING'",
                (c, s) -> s.setString(1, raceId), rs -> rs.getInt(1)));
    }

    /** The anomalies scoring found, crew by crew. */
    public List<Anomaly> anomalies(String raceId) {
        List<Anomaly> all = new ArrayList<>();
        Jdbc.query(ds, "select anomalies from crew_result where race_id = ? and anomalies <> '[]'::jsonb order by car",
                (c, s) -> s.setString(1, raceId), rs -> rs.getString(1))
                .forEach(text -> all.addAll(read(text, new TypeReference<List<Anomaly>>() {
                })));
        return all;
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
