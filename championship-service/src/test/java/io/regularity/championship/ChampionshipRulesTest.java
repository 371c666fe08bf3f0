package io.regularity.championship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.regularity.championship.domain.Championship;
import io.regularity.championship.domain.Championship.Round;
import io.regularity.championship.domain.ListSpec;
import io.regularity.championship.domain.RoundResult;
import io.regularity.championship.domain.RoundResult.Crew;
import io.regularity.championship.domain.RoundResult.Person;
import io.regularity.championship.domain.Standings;
import io.regularity.championship.domain.Standings.By;
import io.regularity.championship.domain.Standings.Row;
import io.regularity.championship.domain.Standings.Why;

/** The worked examples of docs/rules.md "The season: championships over many races", each a test. */
class ChampionshipRulesTest {

    /** A round: race id, its PCs planned and valid, and its crews. */
    static RoundResult round(String race, int planned, int valid, Crew... crews) {
        return new RoundResult(race, 1, true, "d-" + race, planned, valid, List.of(crews));
    }

    /** A crew whose driver is {@code name} (licence {@code name} too), at {@code position} overall (null: unranked). */
    static Crew crew(int car, String name, Integer position) {
        return crew(car, name, position, "A", null, 1950);
    }

    static Crew crew(int car, String name, Integer position, String category, String team, Integer year) {
        Map<String, Integer> positions = new HashMap<>();
        positions.put("overall", position);
        return new Crew(car, new Person(name, "LIC-" + name), new Person("Nav " + name, null), category, team, year, positions);
    }

    static Championship championship(List<Round> rounds, Integer countBest) {
        return new Championship("c", "Campionato", 2026, rounds, null, null, null, null, countBest, null, null, null, null);
    }

    static List<Round> rounds(String... races) {
        List<Round> rounds = new ArrayList<>();
        for (String race : races) {
            rounds.add(new Round(race, null));
        }
        return rounds;
    }

    static Map<String, RoundResult> results(RoundResult... rounds) {
        Map<String, RoundResult> map = new LinkedHashMap<>();
        for (RoundResult r : rounds) {
            map.put(r.race(), r);
        }
        return map;
    }

    static Row row(Standings.Table table, String name) {
        return table.rows().stream().filter(r -> name.equals(r.who().name())).findFirst().orElseThrow(() -> new AssertionError(name + " not listed"));
    }

    static BigDecimal points(String value) {
        return new BigDecimal(value).setScale(2);
    }

    @Test
    void bestFourOfSixDropsTheTwoWorst() {
        int[] positions = { 1, 3, 2, 7, 26, 4 };
        List<RoundResult> list = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            list.add(round("r" + (i + 1), 8, 8, crew(10, "Rossi", positions[i])));
        }
        Standings.Table table = Standings.of(championship(rounds("r1", "r2", "r3", "r4", "r5", "r6"), 4), ListSpec.OVERALL,
                results(list.toArray(RoundResult[]::new)));
        Row rossi = row(table, "Rossi");
        assertEquals(points("136"), rossi.points());
        assertEquals(List.of(Why.COUNTED, Why.COUNTED, Why.COUNTED, Why.DROPPED, Why.DROPPED, Why.COUNTED),
                rossi.rounds().stream().map(Standings.RoundLine::why).toList());
        assertEquals(points("22"), rossi.rounds().get(3).points(), "a dropped round still shows what it earned");
        assertEquals(points("0"), rossi.rounds().get(4).points(), "below the table: nothing");
        assertEquals(6, table.asOfRound());
    }

    @Test
    void aFinalWeightedThreeDecides() {
        List<Round> rounds = List.of(new Round("r1", null), new Round("r2", new BigDecimal("1.5")), new Round("final", new BigDecimal("3")));
        Standings.Table table = Standings.of(championship(rounds, null), ListSpec.OVERALL, results(
                round("r1", 8, 8, crew(1, "Verdi", 1), crew(2, "Bianchi", 2)),
                round("r2", 8, 8, crew(2, "Bianchi", 1), crew(1, "Verdi", 2)),
                round("final", 8, 8, crew(3, "Neri", 1), crew(1, "Verdi", 2), crew(4, "Gialli", 3), crew(5, "Blu", 4), crew(2, "Bianchi", 5))));
        assertEquals(points("197.50"), row(table, "Verdi").points());
        assertEquals(points("173"), row(table, "Bianchi").points());
        assertEquals(points("52.50"), row(table, "Verdi").rounds().get(1).points());
        assertEquals(1, row(table, "Verdi").rank());
        assertEquals(2, row(table, "Bianchi").rank());
    }

    @Test
    void aRoundUnderTheValidityShareCountsForNothingAndExactlyTheShareCounts() {
        Championship c = championship(rounds("r1"), null);
        Standings.Table under = Standings.of(c, ListSpec.OVERALL, results(round("r1", 8, 3, crew(1, "Rossi", 1), crew(2, "Verdi", 2))));
        Row rossi = row(under, "Rossi");
        assertEquals(points("0"), rossi.points());
        assertEquals(Why.UNDER_VALIDITY_SHARE, rossi.rounds().get(0).why());
        assertFalse(rossi.classified(), "a round that counts for nothing is not a round started");
        Standings.Table exactly = Standings.of(c, ListSpec.OVERALL, results(round("r1", 8, 4, crew(1, "Rossi", 1), crew(2, "Verdi", 2))));
        assertEquals(points("40"), row(exactly, "Rossi").points());
        assertEquals(1, row(exactly, "Rossi").rank());
    }

    @Test
    void aThreeWayTieIsBrokenOnSecondPlaces() {
        // best 2 of 5; D wins R4 and R5; E takes a place A, B and C leave
        Standings.Table table = Standings.of(championship(rounds("r1", "r2", "r3", "r4", "r5"), 2), ListSpec.OVERALL, results(
                round("r1", 8, 8, crew(1, "A", 1), crew(2, "B", 2), crew(3, "C", 3)),
                round("r2", 8, 8, crew(2, "B", 1), crew(3, "C", 2), crew(1, "A", 3)),
                round("r3", 8, 8, crew(3, "C", 1), crew(1, "A", 2), crew(2, "B", 3)),
                round("r4", 8, 8, crew(4, "D", 1), crew(1, "A", 2), crew(2, "B", 2), crew(3, "C", 4)),
                round("r5", 8, 8, crew(4, "D", 1), crew(1, "A", 2), crew(5, "E", 3), crew(3, "C", 4), crew(2, "B", 5))));
        assertEquals(List.of("D", "A", "B", "C", "E"), table.rows().stream().map(r -> r.who().name()).toList());
        for (String name : List.of("A", "B", "C")) {
            assertEquals(points("75"), row(table, name).points(), name);
        }
        assertEquals(List.of(2, 3, 4), List.of(row(table, "A").rank(), row(table, "B").rank(), row(table, "C").rank()));
        assertEquals(new Standings.TieBreak(By.COUNT_BACK, 2, 3, null, null, null), row(table, "A").tieBreak());
        assertEquals(new Standings.TieBreak(By.COUNT_BACK, 2, 2, null, null, null), row(table, "B").tieBreak());
        assertEquals(new Standings.TieBreak(By.COUNT_BACK, 2, 1, null, null, null), row(table, "C").tieBreak());
        assertNull(row(table, "D").tieBreak(), "no tie, nothing to break");
    }

    @Test
    void aTeamWithOnlyTwoCategoriesSumsWhatItHas() {
        Championship c = new Championship("c", "Campionato", 2026, rounds("r1"), List.of(new ListSpec(ListSpec.Kind.TEAMS, null, null)), null,
                null, null, null, null, null, null, null);
        Standings.Table table = Standings.of(c, new ListSpec(ListSpec.Kind.TEAMS, null, null), results(round("r1", 8, 8,
                crew(1, "P1", 1, "A", "Brescia", 1930), crew(2, "P2", 2, "A", "Brescia", 1931), crew(3, "P3", 3, "A", "Mantova", 1932),
                crew(4, "P4", 4, "B", "Brescia", 1950), crew(5, "P5", 5, "B", "Mantova", 1951), crew(6, "P6", 6, "C", "Mantova", 1952))));
        assertEquals(List.of("Mantova", "Brescia"), table.rows().stream().map(r -> r.who().name()).toList());
        assertEquals(points("15"), row(table, "Mantova").points(), "82 (32 + 26 + 24): first place, 15 points");
        assertEquals(points("12"), row(table, "Brescia").points(), "69 (40 + 29): second, 12");
        assertEquals(2, row(table, "Brescia").rounds().get(0).position());
    }

    @Test
    void aCarScoresForItsDriversFirstTeamAndAnUnrankedCarIsNoTeamCar() {
        Championship c = new Championship("c", "C", 2026, rounds("r1", "r2"), null, null, null, null, null, null, null, 2, false);
        ListSpec teams = new ListSpec(ListSpec.Kind.TEAMS, null, null);
        Standings.Table table = Standings.of(c, teams, results(
                round("r1", 8, 8, crew(1, "P1", 1, "A", "Brescia", null), crew(2, "P2", 2, "A", "Mantova", null), crew(3, "P3", 3, "A", "Mantova", null)),
                round("r2", 8, 8, crew(1, "P1", 1, "A", "Mantova", null), crew(2, "P2", 2, "A", "Mantova", null), crew(3, "P3", null, "A", "Mantova", null))));
        // r1: Brescia 40, Mantova 35 + 32 = 67: Mantova 15, Brescia 12. r2: P1 (now entered for Mantova) still scores for
        // Brescia, its driver's first team: Brescia 40; Mantova only P2 ranked, 35: Brescia 15, Mantova 12
        assertEquals(points("27"), row(table, "Mantova").points());
        assertEquals(points("27"), row(table, "Brescia").points());
        assertEquals(List.of("Brescia", "Mantova"), table.rows().stream().map(r -> r.who().name()).toList(), "the latest round breaks the tie");
        assertEquals(List.of(2, 1), row(table, "Brescia").rounds().stream().map(Standings.RoundLine::position).toList());
    }

    @Test
    void aPersonBelowTheMinimumOfRoundsIsListedWithoutARankAndSharedRanksSkip() {
        Championship c = new Championship("c", "C", 2026, rounds("r1", "r2"), null, null, null, null, null, 2, null, null, null);
        Standings.Table table = Standings.of(c, ListSpec.OVERALL, results(
                round("r1", 8, 8, crew(1, "Rossi", 1), crew(2, "Verdi", 1), crew(3, "Neri", 3), crew(4, "Solo", 4)),
                round("r2", 8, 8, crew(1, "Rossi", 2), crew(2, "Verdi", 2), crew(3, "Neri", null))));
        // Rossi and Verdi: 75 each, the same places in both rounds, the same car year: shared, 1 and 1; Neri 3rd (32 + 0)
        assertEquals(1, row(table, "Rossi").rank());
        assertEquals(1, row(table, "Verdi").rank());
        assertEquals(By.SHARED, row(table, "Rossi").tieBreak().by());
        assertEquals(3, row(table, "Neri").rank());
        assertEquals(2, row(table, "Neri").started(), "a retired crew started the round");
        assertNull(row(table, "Solo").rank());
        assertFalse(row(table, "Solo").classified());
        assertEquals("Solo", table.rows().get(3).who().name(), "the unclassified come last");
    }

    @Test
    void theLatestRoundThenTheOlderCarBreakWhatCountBackLeaves() {
        Championship c = championship(rounds("r1", "r2"), null);
        // equal totals (40 + 35) and places (one 1st, one 2nd): the latest round both started decides
        Standings.Table latest = Standings.of(c, ListSpec.OVERALL, results(
                round("r1", 8, 8, crew(1, "Rossi", 1), crew(2, "Verdi", 2)),
                round("r2", 8, 8, crew(2, "Verdi", 1), crew(1, "Rossi", 2))));
        assertEquals("Verdi", latest.rows().get(0).who().name());
        assertEquals(new Standings.TieBreak(By.LATEST_ROUND, null, null, "r2", 1, null), latest.rows().get(0).tieBreak());
        // shared in both rounds: the older car in the latest round
        Standings.Table older = Standings.of(c, ListSpec.OVERALL, results(
                round("r1", 8, 8, crew(1, "Rossi", 1, "A", null, 1950), crew(2, "Verdi", 1, "A", null, 1927)),
                round("r2", 8, 8, crew(1, "Rossi", 1, "A", null, 1950), crew(2, "Verdi", 1, "A", null, 1927))));
        assertEquals("Verdi", older.rows().get(0).who().name());
        assertEquals(1927, older.rows().get(0).tieBreak().year());
        assertEquals(List.of(1, 2), older.rows().stream().map(Row::rank).toList());
    }

    @Test
    void aTieBrokenInPartIsBrokenAgainAmongThoseStillLevel() {
        Championship c = championship(rounds("r1", "r2", "r3"), null);
        // A 35 + 26, B 35 + 26, C 26 + 35: 61 each, one 2nd and one 5th each; r2 is the latest all three started
        Standings.Table t = Standings.of(c, ListSpec.OVERALL, results(
                round("r1", 8, 8, crew(1, "A", 2), crew(2, "B", null), crew(3, "C", 5)),
                round("r2", 8, 8, crew(1, "A", 5), crew(2, "B", 2, "A", null, 1950), crew(3, "C", 2, "A", null, 1940)),
                round("r3", 8, 8, crew(2, "B", 5), crew(3, "C", null))));
        assertEquals(List.of("B", "C", "A"), t.rows().stream().map(r -> r.who().name()).toList());
        assertEquals(List.of(1, 2, 3), t.rows().stream().map(Row::rank).toList());
        assertEquals(points("61"), row(t, "A").points());
        // B and C, left level by r2, are a tie of two: r3, the latest both started, not the older car in r2
        assertEquals(new Standings.TieBreak(By.LATEST_ROUND, null, null, "r3", 5, null), row(t, "B").tieBreak());
        assertEquals(By.LATEST_ROUND, row(t, "A").tieBreak().by());
    }

    @Test
    void bothPeopleOfACrewScoreAndAPersonIsTheSameAcrossRoundsByLicenceOrName() {
        Championship c = new Championship("c", "C", 2026, rounds("r1", "r2"), null, Championship.Scores.BOTH, null, null, null, null, null, null,
                null);
        Crew first = new Crew(1, new Person("Anna Rossi", "AR-1"), new Person("Zoë  Bianchi", null), "A", null, 1950, Map.of("overall", 1));
        Crew second = new Crew(7, new Person("ANNA ROSSI (new)", "ar-1"), new Person("zoe bianchi", null), "A", null, 1950, Map.of("overall", 2));
        Standings.Table table = Standings.of(c, ListSpec.OVERALL, results(round("r1", 8, 8, first), round("r2", 8, 8, second)));
        assertEquals(2, table.rows().size(), "two people, each over two rounds: " + table.rows());
        assertTrue(table.rows().stream().allMatch(r -> r.points().compareTo(points("75")) == 0), table.rows().toString());
    }

    @Test
    void aMatchByNameIsToConfirmAndSplitMakesTwoPeople() {
        Crew first = new Crew(1, new Person("Zoë  Bianchi", null), null, "A", null, 1950, Map.of("overall", 1));
        Crew second = new Crew(2, new Person("zoe bianchi", null), null, "A", null, 1950, Map.of("overall", 2));
        Championship c = championship(rounds("r1", "r2"), null);
        Map<String, RoundResult> both = results(round("r1", 8, 8, first), round("r2", 8, 8, second));
        io.regularity.championship.domain.Identities.Known known = io.regularity.championship.domain.Identities.of(c, both).get(0);
        assertEquals("name:zoe bianchi", known.key());
        assertTrue(known.toConfirm(), "matched by name over two rounds: for race direction to confirm");
        assertEquals(1, Standings.of(c, ListSpec.OVERALL, both).rows().size(), "one person until split");
        Championship split = c.deciding("name:zoe bianchi", Championship.Decision.SPLIT);
        assertEquals(List.of(points("40"), points("35")), Standings.of(split, ListSpec.OVERALL, both).rows().stream().map(Row::points).toList());
        assertFalse(io.regularity.championship.domain.Identities.of(c.deciding("name:zoe bianchi", Championship.Decision.CONFIRM), both).get(0)
                .toConfirm());
        // two people of the same name in one round: to confirm too
        Map<String, RoundResult> twice = results(round("r1", 8, 8, first, new Crew(3, new Person("ZOE BIANCHI", null), null, "A", null, 1950,
                Map.of("overall", 3))));
        assertTrue(io.regularity.championship.domain.Identities.of(championship(rounds("r1"), null), twice).get(0).toConfirm());
    }
}
