package io.regularity.deploy;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.regularity.deploy.demo.ChampionshipReferee;
import io.regularity.deploy.demo.ChampionshipReferee.Entry;
import io.regularity.deploy.demo.ChampionshipReferee.Person;
import io.regularity.deploy.demo.ChampionshipReferee.Round;
import io.regularity.deploy.demo.ChampionshipReferee.Row;
import io.regularity.deploy.demo.ChampionshipReferee.Table;

/**
 * The simulator's own scorer of a season reproduces the worked examples of rules.md "The season" from hand-made round
 * lists, so its verdict on championship-service's lists means something.
 */
class ChampionshipRefereeTest {

    /** A championship over {@code races} (weight 1 unless {@code weights} says), with the settings given as JSON pairs. */
    static ObjectNode championship(List<String> races, List<String> weights, Object... settings) {
        ObjectNode c = Api.JSON.createObjectNode();
        c.put("id", "c").put("name", "Campionato").put("season", 2026);
        ArrayNode rounds = c.putArray("rounds");
        for (int i = 0; i < races.size(); i++) {
            ObjectNode round = rounds.addObject().put("race", races.get(i));
            if (weights != null) {
                round.put("weight", new BigDecimal(weights.get(i)));
            }
        }
        for (int i = 0; i < settings.length; i += 2) {
            c.set((String) settings[i], Api.JSON.valueToTree(settings[i + 1]));
        }
        return c;
    }

    /** A crew whose driver is {@code name} (licence LIC-name), co-driver "Nav name" (no licence), {@code position} overall. */
    static Entry crew(int car, String name, Integer position) {
        return crew(car, name, position, "A", null, 1950);
    }

    static Entry crew(int car, String name, Integer position, String category, String team, Integer year) {
        Map<String, Integer> positions = new HashMap<>();
        positions.put("overall", position);
        return new Entry(car, new Person(name, "LIC-" + name), new Person("Nav " + name, null), category, team, year, positions);
    }

    static Round round(String race, int planned, int valid, Entry... entries) {
        return new Round(race, planned, valid, List.of(entries));
    }

    static Map<String, Round> rounds(Round... rounds) {
        Map<String, Round> map = new LinkedHashMap<>();
        for (Round r : rounds) {
            map.put(r.race(), r);
        }
        return map;
    }

    static Row row(Table table, String name) {
        return table.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " not listed"));
    }

    static BigDecimal points(String value) {
        return new BigDecimal(value).setScale(2);
    }

    @Test
    void theBestFourOfSixCountAndTheOthersAreDropped() {
        int[] positions = { 1, 3, 2, 7, 26, 4 };
        List<Round> list = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            list.add(round("r" + (i + 1), 8, 8, crew(10, "Rossi", positions[i])));
        }
        Table table = ChampionshipReferee.score(championship(List.of("r1", "r2", "r3", "r4", "r5", "r6"), null, "countBest", 4), "overall", null,
                rounds(list.toArray(Round[]::new)));
        Row rossi = row(table, "Rossi");
        assertEquals(points("136"), rossi.points()); // 40 + 35 + 32 + 29
        assertEquals(List.of("COUNTED", "COUNTED", "COUNTED", "DROPPED", "DROPPED", "COUNTED"), rossi.rounds().stream().map(l -> l.why()).toList());
        assertEquals(points("0"), rossi.rounds().get(4).points()); // the 26th: below the table
        assertEquals(6, rossi.started());
        assertEquals(1, rossi.rank());
        assertEquals(6, table.asOfRound());
    }

    @Test
    void aRoundsPointsAreWeightedAndRoundedToTheHundredthHalfUp() {
        ObjectNode c = championship(List.of("r1", "r2", "final"), List.of("1", "1.5", "3"));
        Table table = ChampionshipReferee.score(c, "overall", null, rounds(round("r1", 8, 8, crew(1, "Verdi", 1), crew(2, "Bianchi", 2)),
                round("r2", 8, 8, crew(1, "Verdi", 2), crew(2, "Bianchi", 1)), round("final", 8, 8, crew(1, "Verdi", 2), crew(2, "Bianchi", 5))));
        assertEquals(points("197.50"), row(table, "Verdi").points()); // 40 + 52.50 + 105
        assertEquals(points("173"), row(table, "Bianchi").points()); // 35 + 60 + 78
        // 35 × 1.333 = 46.655: 46.66, half up
        Table odd = ChampionshipReferee.score(championship(List.of("r1"), List.of("1.333")), "overall", null, rounds(round("r1", 0, 0,
                crew(1, "Verdi", 2))));
        assertEquals(points("46.66"), row(odd, "Verdi").points());
    }

    @Test
    void aRoundUnderTheValiditySharePaysNobodyExactlyTheShareCounts() {
        ObjectNode c = championship(List.of("r1", "r2"), null);
        Table under = ChampionshipReferee.score(c, "overall", null, rounds(round("r1", 8, 3, crew(1, "Rossi", 1), crew(2, "Neri", 2)),
                round("r2", 8, 8, crew(2, "Neri", 3))));
        Row rossi = row(under, "Rossi");
        assertEquals(points("0"), rossi.points());
        assertEquals("UNDER_VALIDITY_SHARE", rossi.rounds().get(0).why());
        assertEquals(0, rossi.started()); // only the rounds that count are counted
        assertNull(rossi.rank()); // fewer than minRounds (1): listed after the classified
        assertEquals(points("32"), row(under, "Neri").points());
        assertEquals(1, row(under, "Neri").rank());

        Table exactly = ChampionshipReferee.score(c, "overall", null, rounds(round("r1", 8, 4, crew(1, "Rossi", 1))));
        assertEquals(points("40"), row(exactly, "Rossi").points()); // 4 of 8 at 0.5
        assertEquals(points("40"), row(ChampionshipReferee.score(c, "overall", null, rounds(round("r1", 0, 0, crew(1, "Rossi", 1)))), "Rossi")
                .points()); // a round without PCs counts
        ObjectNode strict = championship(List.of("r1"), null, "minValidShare", new BigDecimal("0.75"));
        assertEquals(points("0"), row(ChampionshipReferee.score(strict, "overall", null, rounds(round("r1", 8, 5, crew(1, "Rossi", 1)))), "Rossi")
                .points()); // 5/8 < 0.75
    }

    @Test
    void aSharedRankEarnsItsValueForEachAndTheMinimumOfRoundsClassifies() {
        ObjectNode c = championship(List.of("r1", "r2"), null, "minRounds", 2);
        Table table = ChampionshipReferee.score(c, "overall", null, rounds(
                round("r1", 8, 8, crew(1, "Rossi", 1), crew(2, "Neri", 2), crew(3, "Gialli", 2), crew(4, "Blu", 4), crew(5, "Viola", null)),
                round("r2", 8, 8, crew(1, "Rossi", 1), crew(2, "Neri", 3), crew(3, "Gialli", 4), crew(5, "Viola", 2))));
        assertEquals(points("29"), row(table, "Blu").points()); // two 2nd, 35 each; the next is 4th: 29
        assertEquals(points("67"), row(table, "Neri").points()); // 35 + 32
        assertEquals(points("64"), row(table, "Gialli").points()); // 35 + 29
        assertEquals(points("35"), row(table, "Viola").points()); // retired in r1: on the list, no points, but started
        assertEquals(2, row(table, "Viola").started());
        Row blu = row(table, "Blu");
        assertNull(blu.rank());
        assertFalse(blu.classified());
        assertEquals(List.of(1, 2, 3, 4), table.rows().stream().filter(Row::classified).map(Row::rank).toList());
        assertEquals("Blu", table.rows().get(table.rows().size() - 1).name()); // after the classified
    }

    @Test
    void equalTotalsAreBrokenByCountBackThenTheLatestRoundThenTheOlderCar() {
        // rules.md: best 2 of 5, all three at 75; one first place each; second places A 3, B 2, C 1
        ObjectNode c = championship(List.of("r1", "r2", "r3", "r4", "r5"), null, "countBest", 2);
        Table table = ChampionshipReferee.score(c, "overall", null, rounds(round("r1", 8, 8, crew(1, "A", 1), crew(2, "B", 2), crew(3, "C", 3)),
                round("r2", 8, 8, crew(1, "A", 3), crew(2, "B", 1), crew(3, "C", 2)), round("r3", 8, 8, crew(1, "A", 2), crew(2, "B", 3), crew(3, "C", 1)),
                round("r4", 8, 8, crew(1, "A", 2), crew(2, "B", 2), crew(3, "C", 4)), round("r5", 8, 8, crew(1, "A", 2), crew(2, "B", 5), crew(3, "C", 4))));
        assertEquals(List.of("A", "B", "C"), table.rows().stream().filter(r -> r.name().length() == 1).map(Row::name).toList());
        assertEquals(List.of(1, 2, 3), List.of(row(table, "A").rank(), row(table, "B").rank(), row(table, "C").rank()));
        assertEquals(points("75"), row(table, "C").points());
        assertEquals("COUNT_BACK", row(table, "A").tieBreak());

        // the same places in a different order: the better position in the latest round both started breaks it
        ObjectNode two = championship(List.of("r1", "r2", "r3"), null);
        Table latest = ChampionshipReferee.score(two, "overall", null, rounds(round("r1", 8, 8, crew(1, "D", 1), crew(2, "E", 2)),
                round("r2", 8, 8, crew(1, "D", 2), crew(2, "E", 1)), round("r3", 8, 8, crew(3, "F", 1))));
        assertEquals(1, row(latest, "E").rank()); // E 1st in r2, the latest round both started
        assertEquals(2, row(latest, "D").rank());
        assertEquals("LATEST_ROUND", row(latest, "E").tieBreak());

        // the same positions in the latest round (a shared rank): the older car there; else the tie stands, shared
        Table older = ChampionshipReferee.score(championship(List.of("r1"), null), "overall", null, rounds(round("r1", 8, 8,
                crew(1, "G", 2, "A", null, 1951), crew(2, "H", 2, "A", null, 1938), crew(3, "I", 2, "A", null, 1938))));
        assertEquals(1, row(older, "H").rank());
        assertEquals(1, row(older, "I").rank());
        assertEquals("SHARED", row(older, "I").tieBreak());
        assertEquals(3, row(older, "G").rank());
        assertEquals("OLDER_CAR", row(older, "G").tieBreak());
        assertTrue(older.rows().stream().noneMatch(r -> r.name().startsWith("Nav"))); // drivers score (the default), not co-drivers
    }

    @Test
    void aTieLeftByTheLatestRoundIsBrokenAgainAmongThoseStillLevel() {
        // A, B, C 61 each (a 2nd and a 5th: the same count-back); the latest round all three started is r2, where B and C
        // share the 2nd place ahead of A; B and C are then a tie of two, broken again (rules.md): r3, the latest round both
        // started, where B was 5th and C retired; the older car in r2 (C's, 1940) is not reached
        ObjectNode c = championship(List.of("r1", "r2", "r3"), null);
        Table table = ChampionshipReferee.score(c, "overall", null, rounds(
                round("r1", 8, 8, crew(1, "A", 2), crew(2, "B", null), crew(3, "C", 5)),
                round("r2", 8, 8, crew(1, "A", 5), crew(2, "B", 2, "A", null, 1950), crew(3, "C", 2, "A", null, 1940)),
                round("r3", 8, 8, crew(2, "B", 5), crew(3, "C", null))));
        assertEquals(List.of("B", "C", "A"), table.rows().stream().map(Row::name).toList());
        assertEquals(List.of("LATEST_ROUND", "LATEST_ROUND", "LATEST_ROUND"), table.rows().stream().map(Row::tieBreak).toList());
    }

    @Test
    void whoScoresIsTheDriverTheCodriverOrBothAndANameWithoutLicenceIsMatchedByName() {
        Entry zoe = new Entry(1, new Person("Zoë  Bianchi", null), new Person("Ugo Neri", "ACI-7"), "A", null, 1950, Map.of("overall", 1));
        Entry again = new Entry(4, new Person("zoe bianchi", null), new Person("Ugo Neri", "aci-7 "), "A", null, 1950, Map.of("overall", 2));
        Map<String, Round> rounds = rounds(round("r1", 8, 8, zoe), round("r2", 8, 8, again));
        Table drivers = ChampionshipReferee.score(championship(List.of("r1", "r2"), null), "overall", null, rounds);
        assertEquals(1, drivers.rows().size());
        assertEquals(points("75"), drivers.rows().get(0).points()); // one person by name, case, accents and spaces aside
        assertEquals("name:zoe bianchi", drivers.rows().get(0).key());
        Table codrivers = ChampionshipReferee.score(championship(List.of("r1", "r2"), null, "scores", "codrivers"), "overall", null, rounds);
        assertEquals(List.of("licence:ACI-7"), codrivers.rows().stream().map(Row::key).toList()); // the licence as the key
        Table both = ChampionshipReferee.score(championship(List.of("r1", "r2"), null, "scores", "both"), "overall", null, rounds);
        assertEquals(2, both.rows().size());
        assertEquals(1, both.rows().get(0).rank());
        assertEquals(1, both.rows().get(1).rank()); // the same crew all season: nothing breaks the tie
        // race direction splits the match by name: two people, 40 and 35
        ObjectNode split = championship(List.of("r1", "r2"), null);
        split.putObject("identities").put("name:zoe bianchi", "split");
        Table apart = ChampionshipReferee.score(split, "overall", null, rounds);
        assertEquals(List.of(points("40"), points("35")), apart.rows().stream().map(Row::points).toList());
    }

    @Test
    void aTeamCountsItsBestCarsOneACategoryAndTheTeamsAreRankedByValue() {
        ObjectNode c = championship(List.of("r1"), null, "lists", List.of(Map.of("kind", "teams")));
        // Scuderia: 1st (A), 2nd (A), 4th (B): 40 + 29 = 69; Club: 3rd (A), 5th (B), 6th (C): 32 + 26 + 24 = 82
        Table table = ChampionshipReferee.score(c, "teams", null, rounds(round("r1", 8, 8, crew(1, "P1", 1, "A", "Scuderia", 1930),
                crew(2, "P2", 2, "A", "Scuderia", 1931), crew(3, "P3", 4, "B", "Scuderia", 1940), crew(4, "P4", 3, "A", "Club", 1932),
                crew(5, "P5", 5, "B", "Club", 1941), crew(6, "P6", 6, "C", "Club", 1950), crew(7, "P7", 7, "C", null, 1950))));
        assertEquals(List.of("Club", "Scuderia"), table.rows().stream().map(Row::name).toList());
        assertEquals(points("15"), row(table, "Club").points());
        assertEquals(points("12"), row(table, "Scuderia").points());
        // a car scores for its driver's first team of the season: P1 moves to Club in r2 and still scores for Scuderia
        ObjectNode season = championship(List.of("r1", "r2"), null);
        Table moved = ChampionshipReferee.score(season, "teams", null, rounds(round("r1", 8, 8, crew(1, "P1", 2, "A", "Scuderia", 1930),
                crew(4, "P4", 1, "A", "Club", 1932)), round("r2", 8, 8, crew(1, "P1", 1, "A", "Club", 1930), crew(4, "P4", 2, "A", "Club", 1932))));
        assertEquals(points("27"), row(moved, "Scuderia").points()); // 12 in r1, 15 in r2 (40 against 35)
        assertEquals(points("27"), row(moved, "Club").points());
        assertEquals(1, row(moved, "Scuderia").rank()); // count-back equal (a 1st and a 2nd each); Scuderia 1st in r2, the latest
        assertEquals(2, row(moved, "Club").rank());
        assertEquals("LATEST_ROUND", row(moved, "Club").tieBreak());
    }

    /** The published form of an expected list, as championship-service answers {@code …/standings}. */
    static JsonNode published(Table table) {
        ObjectNode list = Api.JSON.createObjectNode();
        list.put("championship", "c").put("list", table.list()).put("asOfRound", table.asOfRound());
        ArrayNode entries = list.putArray("entries");
        for (Row r : table.rows()) {
            ObjectNode e = entries.addObject();
            e.put("rank", r.rank());
            boolean licensed = r.key().startsWith("licence:");
            e.putObject("person").put("licence", licensed ? r.key().substring("licence:".length()) : null).put("name", r.name());
            e.put("points", r.points()).put("started", r.started()).put("classified", r.classified());
            ArrayNode rounds = e.putArray("rounds");
            r.rounds().forEach(l -> rounds.addObject().put("race", l.race()).put("position", l.position()).put("points", l.points())
                    .put("why", l.why()).put("counted", l.why().equals("COUNTED")));
            if (r.tieBreak() != null) {
                e.putObject("tieBreak").put("by", r.tieBreak());
            }
        }
        return list;
    }

    @Test
    void theComparisonNamesEveryDifference() {
        ObjectNode c = championship(List.of("r1", "r2"), null, "countBest", 1);
        Table expected = ChampionshipReferee.score(c, "overall", null, rounds(round("r1", 8, 8, crew(1, "Rossi", 1), crew(2, "Neri", 2)),
                round("r2", 8, 8, crew(1, "Rossi", 3), crew(2, "Neri", 2))));
        assertTrue(ChampionshipReferee.compare(expected, published(expected)).agree());

        ObjectNode wrong = (ObjectNode) published(expected);
        ObjectNode rossi = (ObjectNode) wrong.get("entries").get(0);
        rossi.put("points", new BigDecimal("72.00")); // as if the dropped round had counted too
        ((ObjectNode) rossi.get("rounds").get(1)).put("why", "COUNTED");
        ((ArrayNode) wrong.get("entries")).remove(1); // Neri left out
        ChampionshipReferee.Verdict verdict = ChampionshipReferee.compare(expected, wrong);
        assertFalse(verdict.agree());
        assertEquals(List.of("Rossi (LIC-ROSSI): published rank 1, 72.00 points, started 2, classified; expected rank 1, 40.00 points, "
                + "started 2, classified",
                "Rossi (LIC-ROSSI) in r2: published position 3, 32.00 points, COUNTED; expected position 3, 32.00 points, DROPPED",
                "Neri (licence:LIC-NERI) is not listed"), verdict.differences());
    }
}
