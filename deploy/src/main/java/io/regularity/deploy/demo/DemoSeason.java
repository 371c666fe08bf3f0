package io.regularity.deploy.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.regularity.deploy.Api;
import io.regularity.deploy.Stack;

/**
 * The demo season (docs/rules.md "The season"): a championship over three races of this system, in calendar order the
 * Trofeo Roberto Gaburri (12 June 2023, its city circuit), the 1000 Miglia (13–17 June, weight 2) and the Coppa della
 * Franciacorta (23 September, weight 1.5). The same people come back from race to race, each with the licence the
 * entry list gives (`driver.licence`, `codriver.licence`): some race once, some twice, some all three times; a few have
 * no licence and are known by their name alone, which one entry list writes differently from another (case, accents,
 * spaces), so the championship lists them for race direction to confirm; and a few come to the last round with another
 * co-driver. Deterministic for a given seed.
 */
public final class DemoSeason {

    public static final String ID = "regolarita-storica-2023";

    /** The people without a licence: each name as the entry lists of the rounds they race write it. */
    static final String[][] UNLICENSED = { { "Zoë Bianchi", "zoe  bianchi" }, { "Nicolò Fontanella", "NICOLO FONTANELLA" },
            { "Anna Maria De Luca", "Anna Maria de Luca " } };
    static final boolean[] UNLICENSED_FEMALE = { true, false, true };

    public final String id;
    /** The rounds in calendar order; the last is the one the demo plays live. */
    public final List<DemoRace> rounds;
    public final List<BigDecimal> weights;

    private DemoSeason(String id, List<DemoRace> rounds, List<BigDecimal> weights) {
        this.id = id;
        this.rounds = rounds;
        this.weights = weights;
    }

    /** The season with the 1000 Miglia's entry list of {@code migliaCrews}, the other rounds in proportion (60 and 120 of 420). */
    public static DemoSeason generate(int migliaCrews, long seed) {
        return generate(Math.max(6, migliaCrews / 7), migliaCrews, Math.max(6, migliaCrews * 2 / 7), seed);
    }

    /**
     * The season with these entry lists: the Trofeo's {@code circuitCrews}, two thirds of them back from the 1000 Miglia
     * (whose {@code migliaCrews} are the first of the season's people); the Coppa's {@code autumnCrews}, half of them from
     * the 1000 Miglia, a quarter from the Trofeo's newcomers, the rest new.
     */
    public static DemoSeason generate(int circuitCrews, int migliaCrews, int autumnCrews, long seed) {
        Random random = new Random(seed);
        DemoRace circuit = DemoRace.circuit(circuitCrews, seed);
        DemoRace miglia = DemoRace.generate(migliaCrews, seed);
        DemoRace autumn = DemoRace.franciacorta(autumnCrews, seed);
        // the season's crews: two people and their team, drawn as the demo races draw theirs, each person with a licence
        List<Map<String, Object>> pool = DemoRace.crews(circuitCrews + migliaCrews + autumnCrews, random);
        List<Pair> pairs = new ArrayList<>();
        int licence = 24_001;
        for (Map<String, Object> crew : pool) {
            pairs.add(new Pair(Person.of(crew.get("driver"), "ACI-" + licence++), Person.of(crew.get("codriver"), "ACI-" + licence++),
                    (String) crew.get("team")));
        }
        List<Integer> inMiglia = range(0, migliaCrews);
        int next = migliaCrews;
        List<Integer> inCircuit = new ArrayList<>(sample(inMiglia, circuitCrews * 2 / 3, random));
        List<Integer> circuitNew = range(next, next + circuitCrews - inCircuit.size());
        next += circuitNew.size();
        inCircuit.addAll(circuitNew);
        List<Integer> inAutumn = new ArrayList<>(sample(inMiglia, autumnCrews / 2, random));
        inAutumn.addAll(sample(circuitNew, Math.min(circuitNew.size(), autumnCrews / 4), random));
        inAutumn.addAll(range(next, next + autumnCrews - inAutumn.size()));
        Collections.shuffle(inCircuit, random);
        Collections.shuffle(inAutumn, random);
        // a few people without a licence, known by name: two who race twice (written otherwise the second time), one once
        List<List<Integer>> entries = List.of(inCircuit, inMiglia, inAutumn);
        int unlicensed = 0;
        for (int p = 0; p < pairs.size() && unlicensed < 2; p++) {
            if (rounds(entries, p) >= 2) {
                name(pairs.get(p), unlicensed++, p % 2 == 0);
            }
        }
        for (int p = 0; p < pairs.size() && unlicensed < UNLICENSED.length; p++) {
            if (rounds(entries, p) == 1) {
                name(pairs.get(p), unlicensed++, true);
            }
        }
        // some come to the autumn round with another co-driver: about one crew in five back from the 1000 Miglia swaps its co-driver
        List<Integer> changing = new ArrayList<>();
        for (int i = 0; i < inAutumn.size(); i++) {
            Pair pair = pairs.get(inAutumn.get(i));
            if (inAutumn.get(i) < migliaCrews && pair.driver.licence() != null && pair.codriver.licence() != null && changing.size() * 5 <= i) {
                changing.add(inAutumn.get(i));
            }
        }
        Map<Integer, Person> codriverOf = new HashMap<>();
        for (int k = 0; k < changing.size() && changing.size() > 1; k++) {
            codriverOf.put(changing.get(k), pairs.get(changing.get((k + 1) % changing.size())).codriver);
        }
        // written in calendar order: a person without a licence is written the second way the second time
        List<DemoRace> races = List.of(circuit.withCrews(entryList(circuit, inCircuit, pairs, Map.of())),
                miglia.withCrews(entryList(miglia, inMiglia, pairs, Map.of())), autumn.withCrews(entryList(autumn, inAutumn, pairs, codriverOf)));
        return new DemoSeason(ID, races, List.of(BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("1.5")));
    }

    /** The same season under other ids (each race's and the championship's with {@code -suffix}): for a stack that has the demo's. */
    public DemoSeason renamed(String suffix) {
        return new DemoSeason(id + "-" + suffix, rounds.stream().map(r -> r.renamed(r.raceId + "-" + suffix)).toList(), weights);
    }

    /** The same season with the 1000 Miglia's first PM measured at virtual lines ({@link DemoRace#withVirtualPm}): {@code run-local --gps}. */
    public DemoSeason withVirtualPm() {
        return new DemoSeason(id, rounds.stream().map(r -> r.raceId.startsWith("1000-miglia") ? r.withVirtualPm() : r).toList(), weights);
    }

    /** The race the demo plays live: the last round. */
    public DemoRace live() {
        return rounds.get(rounds.size() - 1);
    }

    /**
     * The championship race direction defines (docs/api.md): the three rounds with their weights, the overall and the
     * teams' lists, both people of a crew scoring, the national tables, the best 2 results of 3 counting, classified
     * from 2 rounds, a round counting when at least half its PCs stayed valid, a team's best 3 cars of distinct categories.
     */
    public ObjectNode definition() {
        ObjectNode c = Api.JSON.createObjectNode();
        c.put("id", id).put("name", "Campionato italiano regolarità auto storiche 2023 (demo)").put("season", 2023);
        ArrayNode rounds = c.putArray("rounds");
        for (int i = 0; i < this.rounds.size(); i++) {
            rounds.addObject().put("race", this.rounds.get(i).raceId).put("weight", weights.get(i));
        }
        ArrayNode lists = c.putArray("lists");
        lists.addObject().put("kind", "overall");
        lists.addObject().put("kind", "teams");
        c.put("scores", "both");
        ChampionshipReferee.NATIONAL.forEach(c.putArray("pointsTable")::add);
        ChampionshipReferee.TEAM_TABLE.forEach(c.putArray("teamPointsTable")::add);
        c.put("countBest", 2).put("minRounds", 2).put("minValidShare", new BigDecimal("0.5")).put("teamCars", 3).put("teamDistinctCategories", true);
        return c;
    }

    /**
     * Defines the championship on a running stack (race direction's {@code PUT}), once each round's results have reached
     * championship-service (a round must be a race whose results arrived): tries again until then, or {@code patience}.
     */
    public JsonNode define(Stack stack, Duration patience) {
        String url = stack.championshipUrl() + "/api/championships/" + id;
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Api.Reply reply = stack.raceDirection().send("PUT", url, definition());
            if (reply.status() / 100 == 2) {
                return reply.body();
            }
            if (reply.status() != 400 || System.nanoTime() > deadline) {
                throw new IllegalStateException("PUT " + url + " answered " + reply.status() + ": " + reply.body());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A person of the season: the name and licence every entry list gives, or, without a licence, the name each writes. */
    record Person(String name, boolean female, String licence, String[] spelled) {

        static Person of(Object generated, String licence) {
            Map<?, ?> map = (Map<?, ?>) generated;
            return new Person((String) map.get("name"), (Boolean) map.get("female"), licence, null);
        }

        /** As the entry list of the {@code nth} race this person enters writes them. */
        Map<String, Object> json(int nth) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", spelled == null ? name : spelled[Math.min(nth, spelled.length - 1)]);
            json.put("female", female);
            if (licence != null) {
                json.put("licence", licence);
            }
            return json;
        }
    }

    /** Two people who enter together, and their team (null: none). */
    static final class Pair {
        Person driver;
        Person codriver;
        final String team;
        int entered; // races entered so far, as the entry lists are written in calendar order

        Pair(Person driver, Person codriver, String team) {
            this.driver = driver;
            this.codriver = codriver;
            this.team = team;
        }
    }

    /** Makes one person of the pair (the driver or the co-driver) one of the season's people without a licence. */
    private static void name(Pair pair, int which, boolean codriver) {
        Person person = new Person(UNLICENSED[which][0], UNLICENSED_FEMALE[which], null, UNLICENSED[which]);
        if (codriver) {
            pair.codriver = person;
        } else {
            pair.driver = person;
        }
    }

    private static int rounds(List<List<Integer>> entries, int pair) {
        return (int) entries.stream().filter(e -> e.contains(pair)).count();
    }

    /**
     * The race's own entries (car number, car, coefficient, category) crewed by the season's pairs, in the order given,
     * a pair's co-driver replaced where {@code codriverOf} says (only people with a licence change crews).
     */
    private static List<Map<String, Object>> entryList(DemoRace race, List<Integer> pairIndexes, List<Pair> pairs, Map<Integer, Person> codriverOf) {
        List<Map<String, Object>> crews = new ArrayList<>();
        for (int i = 0; i < pairIndexes.size(); i++) {
            Pair pair = pairs.get(pairIndexes.get(i));
            Map<String, Object> crew = new LinkedHashMap<>(race.crews.get(i));
            crew.put("driver", pair.driver.json(pair.entered));
            crew.put("codriver", codriverOf.getOrDefault(pairIndexes.get(i), pair.codriver).json(pair.entered));
            crew.put("team", pair.team);
            pair.entered++;
            crews.add(crew);
        }
        return crews;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> range = new ArrayList<>();
        for (int i = from; i < to; i++) {
            range.add(i);
        }
        return range;
    }

    private static List<Integer> sample(List<Integer> from, int n, Random random) {
        List<Integer> copy = new ArrayList<>(from);
        Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }
}
