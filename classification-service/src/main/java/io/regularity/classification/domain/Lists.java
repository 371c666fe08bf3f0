package io.regularity.classification.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every list of crews and the teams' list, computed from crews' results in memory: for a moment in the past
 * ({@code asOf}), a list after a given trial ({@code afterTrial}), and the offline verifier. The live lists
 * read the same sums from the database ({@code StandingsQueries}); a test keeps the two equal.
 */
public final class Lists {

    private Lists() {
    }

    /** One crew on a list: its score on that list (in the race's model), its state and how many trials count. */
    public record Row(Crew crew, BigDecimal score, String state, int trialsScored) {
    }

    /** A team: the sum of its best three running crews (fewer when it has fewer), and those cars, best first. */
    public record Team(String team, BigDecimal score, List<Integer> cars) {
    }

    /**
     * The crews of a list with their scores on it. {@code upTo}: the route index of the last trial that counts
     * ({@code afterTrial}), or {@link Integer#MAX_VALUE} for all. Under PENALTIES the category and ladies' lists
     * add the penalties without the coefficient. Up to a trial, a steward penalty counts when it names a trial up
     * to that one or names none; exclusion counts when it came from a CO up to that one; a retired crew counts as
     * retired unless it scored a trial after that one (then it was still running there).
     */
    public static List<Row> rows(RaceDefinition race, ListSpec spec, List<Crew> crews, Map<Integer, CrewResult> results, int upTo) {
        boolean points = race.scoring() != null && race.scoring().points();
        Set<String> trophy = spec.kind() == ListSpec.Kind.TROPHY ? Set.copyOf(trophyTrials(race, spec)) : Set.of();
        int lastLeg = race.lastLegNumber();
        List<Row> rows = new ArrayList<>();
        for (Crew crew : crews) {
            CrewResult r = results.get(crew.car());
            if (r == null || spec.kind() == ListSpec.Kind.LADIES && !crew.ladies()
                    || spec.kind() == ListSpec.Kind.CATEGORY && !spec.category().equals(crew.category())) {
                continue;
            }
            BigDecimal score = BigDecimal.ZERO;
            int scored = 0;
            boolean excluded = false;
            boolean seenAfter = false;
            for (TrialResult t : r.trials()) {
                boolean steward = "STEWARD".equals(t.type());
                if (t.routeIndex() > upTo) {
                    seenAfter |= t.scored() && !steward;
                    continue;
                }
                if (!counts(spec, t, trophy)) {
                    continue;
                }
                if (t.scored()) {
                    boolean raw = !points && (spec.kind() == ListSpec.Kind.LADIES || spec.kind() == ListSpec.Kind.CATEGORY);
                    score = score.add(raw ? t.rawContribution() : t.contribution());
                    if (!steward) {
                        scored++;
                    }
                }
                excluded |= "CO".equals(t.type()) && t.leg() == lastLeg && t.measure() != null
                        && Boolean.TRUE.equals(t.measure().beyondMaxLateness());
            }
            String state;
            if (upTo == Integer.MAX_VALUE) {
                state = r.state().name();
            } else {
                state = excluded ? "EXCLUDED" : r.state() == CrewResult.State.RETIRED && !seenAfter ? "RETIRED" : "RUNNING";
            }
            rows.add(new Row(crew, CrewScorer.round(score), state, scored));
        }
        return rows;
    }

    private static boolean counts(ListSpec spec, TrialResult t, Set<String> trophy) {
        return switch (spec.kind()) {
            case LEG -> spec.cumulative() ? t.leg() <= spec.leg() : t.leg() == spec.leg();
            case TROPHY -> trophy.contains(t.trial());
            default -> true;
        };
    }

    /** The trials of a TROPHY list's trophy, or {@link ListSpec.Invalid} naming the race's trophies. */
    public static List<String> trophyTrials(RaceDefinition race, ListSpec spec) {
        return race.trophies().stream().filter(t -> t.name().equals(spec.trophy())).findFirst()
                .orElseThrow(() -> new ListSpec.Invalid("trophy", ClassificationPhrases.TROPHY_NEEDED,
                        race.trophies().stream().map(RaceDefinition.Trophy::name).toList()))
                .trials();
    }

    /** The teams from the overall rows: each team's best three running crews. */
    public static List<Team> teams(List<Row> overall, boolean higherWins) {
        Map<String, List<Row>> byTeam = new HashMap<>();
        overall.stream().filter(r -> "RUNNING".equals(r.state()) && r.crew().team() != null)
                .forEach(r -> byTeam.computeIfAbsent(r.crew().team(), k -> new ArrayList<>()).add(r));
        Comparator<Row> best = Comparator.comparing(Row::score, higherWins ? Comparator.reverseOrder() : Comparator.naturalOrder());
        List<Team> teams = new ArrayList<>();
        byTeam.forEach((team, rows) -> {
            List<Row> three = rows.stream().sorted(best.thenComparingInt(r -> r.crew().car())).limit(3).toList();
            teams.add(new Team(team, three.stream().map(Row::score).reduce(BigDecimal.ZERO, BigDecimal::add),
                    three.stream().map(r -> r.crew().car()).toList()));
        });
        return teams;
    }
}
