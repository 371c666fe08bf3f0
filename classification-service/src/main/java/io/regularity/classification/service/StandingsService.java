package io.regularity.classification.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.regularity.classification.domain.Anomaly;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.RaceDefinition.PlacedTrial;
import io.regularity.classification.persistence.FactStore;
import io.regularity.classification.persistence.ResultStore;
import io.regularity.classification.persistence.ResultStore.ListQuery;
import io.regularity.classification.persistence.ResultStore.Ranked;
import jakarta.enterprise.context.ApplicationScoped;

/** Builds the standings lists of the contract from the stored results. */
@ApplicationScoped
public class StandingsService {

    private final FactStore facts;
    private final ResultStore results;

    public StandingsService(FactStore facts, ResultStore results) {
        this.facts = facts;
        this.results = results;
    }

    /** Which list: {@code overall}, {@code leg}, {@code ladies}, {@code category}, {@code trophy} or {@code teams}. */
    public record ListSpec(String list, Integer leg, boolean cumulative, String category, String trophy) {
    }

    /** One crew on a list; {@code rank} is written even when null (retired and excluded crews). */
    public record Entry(@JsonInclude(JsonInclude.Include.ALWAYS) Integer rank, int car, String crew, String carModel,
            Integer carYear, BigDecimal coefficient,
            BigDecimal score, int trialsScored, BigDecimal gapToLeader, BigDecimal gapToPrevious, String state) {
    }

    public record Standings(String raceId, String list, Integer leg, Boolean cumulative, String category, String trophy,
            String model, String asOfTrial, String status, Instant generatedAt, long total, int page, int size,
            List<Entry> entries) {
    }

    public static class UnknownListException extends RuntimeException {
        public final String field;

        public UnknownListException(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    public Optional<RaceDefinition> race(String raceId) {
        return facts.race(raceId);
    }

    public Optional<Standings> standings(String raceId, ListSpec spec, int page, int size) {
        Optional<RaceDefinition> found = facts.race(raceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RaceDefinition race = found.get();
        boolean points = race.scoring() != null && race.scoring().points();
        ListQuery query = query(race, spec, points);
        ResultStore.Page ranked = results.rank(raceId, points, query, page, size);
        List<Entry> entries = new ArrayList<>();
        for (Ranked r : ranked.rows()) {
            entries.add(new Entry(r.rank(), r.car(), crewName(r.driver(), r.codriver()), r.carModel(), r.carYear(), r.coefficient(),
                    r.score(), r.trialsScored(), r.gapToLeader(), r.gapToPrevious(), r.state()));
        }
        return Optional.of(new Standings(raceId, spec.list(), spec.leg(), "leg".equals(spec.list()) ? spec.cumulative() : null,
                spec.category(), spec.trophy(), points ? "POINTS" : "PENALTIES", asOfTrial(race),
                race.allTrialsClosed() ? "FINAL" : "PROVISIONAL", Instant.now(), ranked.total(), page, size, entries));
    }

    private ListQuery query(RaceDefinition race, ListSpec spec, boolean points) {
        String raceId = race.id();
        // PENALTIES: the category lists and the ladies' cup rank the total without the coefficient
        String overallScore = points ? "score" : "raw_score";
        return switch (spec.list()) {
            case "overall" -> new ListQuery("select car, score, state, trials_scored from crew_result where race_id = ?",
                    List.of(raceId), "true", List.of());
            case "ladies" -> new ListQuery("select car, " + overallScore
                    + " as score, state, trials_scored from crew_result where race_id = ?", List.of(raceId),
                    "c.driver_female and c.codriver_female", List.of());
            case "category" -> {
                if (spec.category() == null || spec.category().isBlank()) {
                    throw new UnknownListException("category", "list=category needs category=…");
                }
                yield new ListQuery("select car, " + overallScore + " as score, state, trials_scored from crew_result where race_id = ?",
                        List.of(raceId), "c.category = ?", List.of(spec.category()));
            }
            case "leg" -> {
                if (spec.leg() == null || race.legs().stream().noneMatch(l -> l.number() == spec.leg())) {
                    throw new UnknownListException("leg", "list=leg needs leg=n, a leg of the race (1.." + race.lastLegNumber() + ")");
                }
                String legFilter = spec.cumulative() ? "t.leg <= ?" : "t.leg = ?";
                yield new ListQuery("""
                        select r.car, coalesce(sum(t.contribution), 0) as score, r.state,
                               count(t.trial_id) filter (where t.state <> 'PENDING' and t.type <> 'STEWARD')::int as trials_scored
                        from crew_result r left join trial_result t on t.race_id = r.race_id and t.car = r.car and %s
                        where r.race_id = ? group by r.car, r.state
                        """.formatted(legFilter), List.of(spec.leg(), raceId), "true", List.of());
            }
            case "trophy" -> {
                var trophy = race.trophies().stream().filter(t -> t.name().equals(spec.trophy())).findFirst()
                        .orElseThrow(() -> new UnknownListException("trophy", "list=trophy needs trophy=…, one of "
                                + race.trophies().stream().map(RaceDefinition.Trophy::name).toList()));
                yield new ListQuery("""
                        select r.car, coalesce(sum(t.contribution), 0) as score, r.state,
                               count(t.trial_id) filter (where t.state <> 'PENDING')::int as trials_scored
                        from crew_result r left join trial_result t on t.race_id = r.race_id and t.car = r.car
                             and t.trial_id = any(?::text[])
                        where r.race_id = ? group by r.car, r.state
                        """, List.of(trophy.trials().toArray(String[]::new), raceId), "true", List.of());
            }
            default -> throw new UnknownListException("list", "list must be overall, leg, ladies, category, trophy or teams");
        };
    }

    /** Teams: the sum of each team's best three running crews; teams with fewer than three come after, unranked. */
    public record TeamEntry(@JsonInclude(JsonInclude.Include.ALWAYS) Integer rank, String team, BigDecimal score,
            List<Integer> cars, BigDecimal gapToLeader,
            BigDecimal gapToPrevious) {
    }

    public record TeamStandings(String raceId, String list, String model, String asOfTrial, String status,
            Instant generatedAt, long total, int page, int size, List<TeamEntry> entries) {
    }

    public Optional<TeamStandings> teams(String raceId, int page, int size) {
        Optional<RaceDefinition> found = facts.race(raceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RaceDefinition race = found.get();
        boolean points = race.scoring() != null && race.scoring().points();
        List<ResultStore.TeamRow> rows = results.teams(raceId, points);
        List<TeamEntry> entries = new ArrayList<>();
        BigDecimal leader = null;
        BigDecimal previous = null;
        Integer rank = null;
        for (int i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            boolean ranked = row.cars().size() >= 3;
            if (ranked) {
                if (leader == null) {
                    leader = row.score();
                }
                if (previous == null || row.score().compareTo(previous) != 0) {
                    rank = i + 1;
                }
                entries.add(new TeamEntry(rank, row.team(), row.score(), row.cars(), row.score().subtract(leader).abs(),
                        previous == null ? BigDecimal.ZERO.setScale(2) : row.score().subtract(previous).abs()));
                previous = row.score();
            } else {
                entries.add(new TeamEntry(null, row.team(), row.score(), row.cars(), null, null));
            }
        }
        int from = Math.min(page * size, entries.size());
        int to = Math.min(from + size, entries.size());
        return Optional.of(new TeamStandings(raceId, "teams", points ? "POINTS" : "PENALTIES", asOfTrial(race),
                race.allTrialsClosed() ? "FINAL" : "PROVISIONAL", Instant.now(), entries.size(), page, size,
                entries.subList(from, to)));
    }

    public String asOfTrial(RaceDefinition race) {
        int index = results.lastScoredIndex(race.id());
        List<PlacedTrial> trials = race.trialsInRouteOrder();
        return index < 0 || index >= trials.size() ? null : trials.get(index).trial().id();
    }

    public List<Anomaly> anomalies(String raceId) {
        List<Anomaly> all = new ArrayList<>();
        facts.passagesOfUnknownCars(raceId).forEach(p -> all.add(new Anomaly(Anomaly.Type.UNKNOWN_CAR, p.car(), p.point(), null,
                p.id(), "passage of car " + p.car() + ", which is not on the entry list")));
        all.addAll(results.anomalies(raceId));
        return all;
    }

    public static String crewName(String driver, String codriver) {
        return surname(driver) + (codriver == null ? "" : " / " + surname(codriver));
    }

    private static String surname(String name) {
        if (name == null) {
            return "";
        }
        String trimmed = name.trim();
        int space = trimmed.lastIndexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(space + 1);
    }
}
