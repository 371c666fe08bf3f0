package io.regularity.championship.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A championship's definition (docs/rules.md "The season"): its rounds in calendar order with their weights, the lists
 * it keeps, who scores, its tables, how many results count, who is classified, when a round counts for nothing, and
 * how a team is made. {@link ChampionshipValidator} says what is wrong with one.
 */
public record Championship(String id, String name, Integer season, List<Round> rounds, List<ListSpec> lists, Scores scores,
        List<Integer> pointsTable, List<Integer> teamPointsTable, Integer countBest, Integer minRounds, BigDecimal minValidShare,
        Integer teamCars, Boolean teamDistinctCategories, Map<String, Decision> identities) {

    /** A definition without identity decisions yet. */
    public Championship(String id, String name, Integer season, List<Round> rounds, List<ListSpec> lists, Scores scores,
            List<Integer> pointsTable, List<Integer> teamPointsTable, Integer countBest, Integer minRounds, BigDecimal minValidShare,
            Integer teamCars, Boolean teamDistinctCategories) {
        this(id, name, season, rounds, lists, scores, pointsTable, teamPointsTable, countBest, minRounds, minValidShare, teamCars,
                teamDistinctCategories, null);
    }

    /**
     * Race direction's word on people matched by name across rounds ({@link Identity}): the same person (confirm), or
     * not (split: each round's is a person of their own).
     */
    public enum Decision {
        CONFIRM, SPLIT;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Decision of(String value) {
            return value == null ? null : valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** This definition with race direction's word on one person matched by name. */
    public Championship deciding(String person, Decision decision) {
        Map<String, Decision> decided = new java.util.TreeMap<>(identities == null ? Map.of() : identities);
        decided.put(person, decision);
        return new Championship(id, name, season, rounds, lists, scores, pointsTable, teamPointsTable, countBest, minRounds, minValidShare,
                teamCars, teamDistinctCategories, decided);
    }

    /** The national championship's table: 40, 35, 32, … 1 for the first 25. */
    public static final List<Integer> NATIONAL = List.of(40, 35, 32, 29, 26, 24, 22, 20, 18, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
            3, 2, 1);
    public static final List<Integer> TEAMS = List.of(15, 12, 10, 8, 6, 5, 4, 3, 2, 1);
    public static final BigDecimal HALF = new BigDecimal("0.5");

    /** One race of the season and how much its points weigh (1 unless said; a final may weigh 3). */
    public record Round(String race, BigDecimal weight) {
        public BigDecimal weightOrOne() {
            return weight == null ? BigDecimal.ONE : weight;
        }
    }

    /** Whose points: the crews' drivers, their co-drivers, or both (each scores the crew's position). */
    public enum Scores {
        DRIVERS, CODRIVERS, BOTH;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Scores of(String value) {
            return value == null ? null : valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** The defaults the rules give, where the definition says nothing. */
    public Championship withDefaults() {
        List<Round> weighed = rounds == null ? List.of()
                : rounds.stream().map(r -> r == null || r.weight() != null ? r : new Round(r.race(), BigDecimal.ONE)).toList();
        return new Championship(id, name, season, weighed, lists == null || lists.isEmpty()
                ? List.of(ListSpec.OVERALL) : lists, scores == null ? Scores.DRIVERS : scores, pointsTable == null ? NATIONAL : pointsTable,
                teamPointsTable == null ? TEAMS : teamPointsTable, countBest, minRounds == null ? 1 : minRounds,
                minValidShare == null ? HALF : minValidShare, teamCars == null ? 3 : teamCars,
                teamDistinctCategories == null ? Boolean.TRUE : teamDistinctCategories, identities == null ? Map.of() : identities);
    }

    /** Who of a crew scores in this championship (its {@code scores}): the driver, the co-driver, or both. */
    public List<RoundResult.Person> scorers(RoundResult.Crew crew) {
        List<RoundResult.Person> scorers = new ArrayList<>(2);
        if (scores != Scores.CODRIVERS && crew.driver() != null) {
            scorers.add(crew.driver());
        }
        if (scores != Scores.DRIVERS && crew.codriver() != null) {
            scorers.add(crew.codriver());
        }
        return scorers;
    }
}
