package io.regularity.classification.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one ranking rule of every list (crews, teams, one trial's results): the ranked entries come first,
 * best first (higher scores under POINTS, lower under PENALTIES); equal scores share a rank and the
 * next rank skips (1, 1, 3); each ranked entry has its gap to the leader and to the one before it. The
 * entries that take no rank (retired or excluded crews, teams of fewer than three, pending results)
 * follow without rank or gaps.
 */
public final class Ranking {

    private Ranking() {
    }

    /** An entry in its place: rank and gaps are null for an entry that takes no rank. */
    public record Placed<T>(T entry, Integer rank, BigDecimal gapToLeader, BigDecimal gapToPrevious) {
    }

    /**
     * @param tieBreak orders entries of equal score, and the entries that take no rank among themselves
     */
    public static <T> List<Placed<T>> rank(List<T> entries, Function<T, BigDecimal> score, Predicate<T> ranked,
            boolean higherWins, Comparator<T> tieBreak) {
        Comparator<T> byScore = Comparator.comparing(score);
        List<T> first = new ArrayList<>();
        List<T> rest = new ArrayList<>();
        entries.forEach(e -> (ranked.test(e) ? first : rest).add(e));
        first.sort((higherWins ? byScore.reversed() : byScore).thenComparing(tieBreak));
        rest.sort(tieBreak);
        List<Placed<T>> placed = new ArrayList<>(entries.size());
        BigDecimal leader = null;
        BigDecimal previous = null;
        int rank = 0;
        for (int i = 0; i < first.size(); i++) {
            T e = first.get(i);
            BigDecimal s = score.apply(e);
            if (previous == null || s.compareTo(previous) != 0) {
                rank = i + 1;
            }
            if (leader == null) {
                leader = s;
            }
            placed.add(new Placed<>(e, rank, s.subtract(leader).abs(),
                    previous == null ? BigDecimal.ZERO.setScale(2) : s.subtract(previous).abs()));
            previous = s;
        }
        rest.forEach(e -> placed.add(new Placed<>(e, null, null, null)));
        return placed;
    }

    /** Crews in their places on a list: ranked while running, ties and the unranked by car number. */
    public static List<Placed<Lists.Row>> crews(List<Lists.Row> rows, boolean higherWins) {
        return rank(rows, Lists.Row::score, r -> "RUNNING".equals(r.state()), higherWins, Comparator.comparingInt((Lists.Row r) -> r.crew().car()));
    }

    /** Teams in their places: ranked when they have three running crews; ties by name. */
    public static List<Placed<Lists.Team>> teams(List<Lists.Team> teams, boolean higherWins) {
        return rank(teams, Lists.Team::score, t -> t.cars().size() >= 3, higherWins,
                Comparator.comparing(Lists.Team::score, higherWins ? Comparator.reverseOrder() : Comparator.naturalOrder())
                        .thenComparing(Lists.Team::team));
    }
}
