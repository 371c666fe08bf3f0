package io.regularity.classification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.regularity.classification.domain.Ranking.Placed;

/** The one ranking rule of every list: rules.md, "Ties share a rank; the next rank skips" (1, 1, 3). */
class RankingTest {

    record Crew(int car, String score, boolean running) {
        BigDecimal value() {
            return new BigDecimal(score);
        }
    }

    private static List<Placed<Crew>> rank(boolean higherWins, Crew... crews) {
        return Ranking.rank(Arrays.asList(crews), Crew::value, Crew::running, higherWins, Comparator.comparingInt(Crew::car));
    }

    @Test
    void underPenaltiesTheLowestLeadsTiesShareARankAndTheNextSkips() {
        var placed = rank(false, new Crew(7, "12.50", true), new Crew(3, "10.00", true), new Crew(5, "10.00", true),
                new Crew(9, "20.25", true));
        assertEquals(List.of(3, 5, 7, 9), placed.stream().map(p -> p.entry().car()).toList(), "equal scores by car number");
        assertEquals(List.of(1, 1, 3, 4), placed.stream().map(Placed::rank).toList());
        assertEquals(List.of(new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("2.50"), new BigDecimal("10.25")),
                placed.stream().map(Placed::gapToLeader).toList());
        assertEquals(List.of(new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("2.50"), new BigDecimal("7.75")),
                placed.stream().map(Placed::gapToPrevious).toList());
    }

    @Test
    void underPointsTheHighestLeads() {
        var placed = rank(true, new Crew(1, "749.25", true), new Crew(2, "800.00", true), new Crew(3, "749.25", true));
        assertEquals(List.of(2, 1, 3), placed.stream().map(p -> p.entry().car()).toList());
        assertEquals(List.of(1, 2, 2), placed.stream().map(Placed::rank).toList());
        assertEquals(new BigDecimal("50.75"), placed.get(2).gapToLeader());
    }

    @Test
    void thoseWithoutARankComeLastByCarWithoutGaps() {
        var placed = rank(false, new Crew(4, "0.00", false), new Crew(8, "30.00", true), new Crew(2, "999.00", false));
        assertEquals(List.of(8, 2, 4), placed.stream().map(p -> p.entry().car()).toList());
        assertEquals(Arrays.asList(1, null, null), placed.stream().map(Placed::rank).toList());
        assertEquals(Arrays.asList(new BigDecimal("0.00"), null, null), placed.stream().map(Placed::gapToLeader).toList());
    }
}
