package io.regularity.deploy.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.Api;

/**
 * The simulator's own scoring of a season, written from docs/rules.md "The season: championships over many races" apart
 * from championship-service (no shared code): from each round's lists (as the simulator's {@link Referee} expects them,
 * or hand-made) and a championship's definition (the JSON race direction {@code PUT}s), each person's points, the rounds
 * counted and dropped, and the rank; or each team's. {@link #compare} holds a published championship list against it,
 * person by person, as {@link Referee#compare} holds a race's.
 */
public final class ChampionshipReferee {

    /** The national table (rules.md): 40, 35, 32, 29, 26, 24, … 1 for the first 25. */
    static final List<Integer> NATIONAL = List.of(40, 35, 32, 29, 26, 24, 22, 20, 18, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
    /** The teams' table (rules.md): 15, 12, 10, 8, 6, 5, 4, 3, 2, 1. */
    static final List<Integer> TEAM_TABLE = List.of(15, 12, 10, 8, 6, 5, 4, 3, 2, 1);

    /** A person as an entry list names them: the name as written, the licence when given. */
    public record Person(String name, String licence) {
    }

    /**
     * A crew of a round: its people, category, team, the car's year, and its place on each of the round's lists it is on
     * ({@code "overall"}, {@code "ladies"}, {@code "category:<name>"}, {@code "trophy:<name>"}), null for a crew on the
     * list without a rank (retired, excluded).
     */
    public record Entry(int car, Person driver, Person codriver, String category, String team, Integer carYear, Map<String, Integer> positions) {
    }

    /** A round's result: the race, how many PCs it planned and how many stayed valid (not neutralised), and its crews. */
    public record Round(String race, int plannedPcs, int validPcs, List<Entry> entries) {

        /**
         * A round as the simulator's {@link Referee} scores it: the race as race direction left it ({@code definition}:
         * trials closed to publish it), the crews of the feed with the overall rank the Referee expects for each.
         */
        public static Round of(RaceFeed feed, JsonNode definition) {
            Map<Integer, Referee.Expected> expected = Referee.score(definition, feed.race().crews, feed.scored(), feed.retirements());
            List<Entry> entries = new ArrayList<>();
            for (Map<String, Object> crew : feed.race().crews) {
                int car = (Integer) crew.get("car");
                Map<String, Integer> positions = new HashMap<>();
                positions.put("overall", expected.get(car).rank());
                entries.add(new Entry(car, person(crew.get("driver")), person(crew.get("codriver")), (String) crew.get("category"),
                        (String) crew.get("team"), (Integer) crew.get("carYear"), positions));
            }
            int planned = 0;
            int valid = 0;
            for (JsonNode leg : definition.get("legs")) {
                for (JsonNode trial : leg.get("trials")) {
                    if (trial.get("type").asText().equals("PC")) {
                        planned++;
                        valid += "NEUTRALISED".equals(trial.path("status").asText()) ? 0 : 1;
                    }
                }
            }
            return new Round(feed.race().raceId, planned, valid, entries);
        }

        private static Person person(Object value) {
            if (!(value instanceof Map<?, ?> map) || map.get("name") == null) {
                return null;
            }
            return new Person((String) map.get("name"), (String) map.get("licence"));
        }
    }

    /** A round as one competitor lived it: the position on the round's list, the weighted points, and why they count or not. */
    public record Line(String race, Integer position, BigDecimal points, String why) {
    }

    /** A competitor's place in the championship: {@code rank} null when not classified; {@code tieBreak} what broke a tie. */
    public record Row(Integer rank, String key, String name, BigDecimal points, int started, boolean classified, List<Line> rounds,
            String tieBreak) {
    }

    /** A championship's list after {@code asOfRound} rounds (the last of the definition's rounds given a result). */
    public record Table(String list, int asOfRound, List<Row> rows) {

        public Row row(String key) {
            return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
        }
    }

    /** The outcome of a check: whether the published list agrees, and the differences if not (at most twenty). */
    public record Verdict(boolean agree, String list, int competitors, List<String> differences) {
        @Override
        public String toString() {
            return agree ? "the championship's " + list + " list agrees with the simulator's own scoring of the season: " + competitors
                    + (list.equals("teams") ? " teams" : " people") + ", same points, rounds counted and dropped, and rank"
                    : "the championship's " + list + " list DIFFERS from the simulator's own scoring of the season:\n  "
                            + String.join("\n  ", differences);
        }
    }

    // the definition, with the defaults rules.md gives
    private final List<String> races = new ArrayList<>();
    private final List<BigDecimal> weights = new ArrayList<>();
    private final String scores;
    private final List<Integer> table;
    private final List<Integer> teamTable;
    private final Integer countBest;
    private final int minRounds;
    private final BigDecimal minValidShare;
    private final int teamCars;
    private final boolean teamDistinctCategories;
    private final Map<String, String> decisions = new HashMap<>();

    private ChampionshipReferee(JsonNode definition) {
        for (JsonNode round : definition.path("rounds")) {
            races.add(round.get("race").asText());
            weights.add(round.hasNonNull("weight") ? round.get("weight").decimalValue() : BigDecimal.ONE);
        }
        scores = definition.path("scores").asText("drivers").toLowerCase(Locale.ROOT);
        table = ints(definition.get("pointsTable"), NATIONAL);
        teamTable = ints(definition.get("teamPointsTable"), TEAM_TABLE);
        countBest = definition.hasNonNull("countBest") ? definition.get("countBest").asInt() : null;
        minRounds = definition.path("minRounds").asInt(1);
        minValidShare = definition.hasNonNull("minValidShare") ? definition.get("minValidShare").decimalValue() : new BigDecimal("0.5");
        teamCars = definition.path("teamCars").asInt(3);
        teamDistinctCategories = definition.path("teamDistinctCategories").asBoolean(true);
        definition.path("identities").fields().forEachRemaining(e -> decisions.put(e.getKey(), e.getValue().asText().toLowerCase(Locale.ROOT)));
    }

    private static List<Integer> ints(JsonNode node, List<Integer> fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        List<Integer> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asInt()));
        return values;
    }

    /**
     * The list {@code list} ({@code overall}, {@code ladies}, {@code category}, {@code trophy} or {@code teams};
     * {@code name} the category or trophy) of the championship {@code definition} from the results of its rounds given
     * (by race id; a round not given has no result yet).
     */
    public static Table score(JsonNode definition, String list, String name, Map<String, Round> rounds) {
        return new ChampionshipReferee(definition).table(list, name, rounds);
    }

    /** Who a competitor is across rounds, as rules.md says: a licence, else a name with case, accents and spaces aside. */
    static String key(Person person) {
        if (person.licence() != null && !person.licence().isBlank()) {
            return "licence:" + person.licence().replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        }
        return "name:" + plain(person.name());
    }

    /** A name without accents, in lower case, its words one space apart. */
    static String plain(String name) {
        String decomposed = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD);
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK && Character.getType(c) != Character.ENCLOSING_MARK
                    && Character.getType(c) != Character.COMBINING_SPACING_MARK) {
                kept.append(c);
            }
        }
        return String.join(" ", kept.toString().toLowerCase(Locale.ROOT).trim().split("\\s+"));
    }

    /** One competitor's result in one round: where it placed, what that earned, how old its car was, whether the round counts. */
    private record Result(int round, Integer position, BigDecimal points, Integer carYear, boolean counts) {
    }

    private static final class Competitor {
        final String key;
        String name;
        final Map<Integer, Result> results = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        int started;
        final List<Line> lines = new ArrayList<>();
        String tieBreak;

        Competitor(String key, String name) {
            this.key = key;
            this.name = name;
        }

        /** How many times it placed 1st, 2nd, … (index 1, 2, …) in the rounds that count, dropped ones included. */
        Map<Integer, Integer> places() {
            Map<Integer, Integer> places = new TreeMap<>();
            for (Result r : results.values()) {
                if (r.counts() && r.position() != null) {
                    places.merge(r.position(), 1, Integer::sum);
                }
            }
            return places;
        }
    }

    private Table table(String list, String name, Map<String, Round> rounds) {
        int asOf = 0;
        for (int i = 0; i < races.size(); i++) {
            if (rounds.containsKey(races.get(i))) {
                asOf = i + 1;
            }
        }
        Map<String, Competitor> competitors = list.equals("teams") ? teams(rounds) : people(roundList(list, name), rounds);
        for (Competitor c : competitors.values()) {
            bestResults(c);
        }
        List<Competitor> classified = new ArrayList<>();
        List<Competitor> others = new ArrayList<>();
        for (Competitor c : competitors.values()) {
            (c.started >= minRounds ? classified : others).add(c);
        }
        classified.sort(Comparator.comparing((Competitor c) -> c.total).reversed());
        List<Row> rows = new ArrayList<>();
        int placed = 0;
        for (int i = 0; i < classified.size();) {
            int j = i;
            while (j < classified.size() && classified.get(j).total.compareTo(classified.get(i).total) == 0) {
                j++;
            }
            for (List<Competitor> place : untie(new ArrayList<>(classified.subList(i, j)))) {
                int rank = placed + 1;
                for (Competitor c : place) {
                    rows.add(new Row(rank, c.key, c.name, c.total, c.started, true, List.copyOf(c.lines), c.tieBreak));
                }
                placed += place.size();
            }
            i = j;
        }
        others.sort(Comparator.comparing((Competitor c) -> c.total).reversed().thenComparing(c -> c.key));
        for (Competitor c : others) {
            rows.add(new Row(null, c.key, c.name, c.total, c.started, false, List.copyOf(c.lines), null));
        }
        return new Table(list, asOf, rows);
    }

    /** The round's list a championship list reads: the overall one (with the coefficient), or the race's own list. */
    static String roundList(String list, String name) {
        return switch (list) {
            case "overall" -> "overall";
            case "ladies" -> "ladies";
            case "category" -> "category:" + name;
            case "trophy" -> "trophy:" + name;
            default -> throw new IllegalArgumentException("no such list: " + list);
        };
    }

    private boolean counts(Round round) {
        return round.plannedPcs() == 0
                || BigDecimal.valueOf(round.validPcs()).compareTo(minValidShare.multiply(BigDecimal.valueOf(round.plannedPcs()))) >= 0;
    }

    private int tablePoints(List<Integer> t, Integer position) {
        return position != null && position >= 1 && position <= t.size() ? t.get(position - 1) : 0;
    }

    private BigDecimal weighted(int points, int round) {
        return BigDecimal.valueOf(points).multiply(weights.get(round)).setScale(2, RoundingMode.HALF_UP);
    }

    /** Who of a crew scores: the driver, the co-driver, or both. */
    private List<Person> scorers(Entry entry) {
        List<Person> people = new ArrayList<>();
        if (!scores.equals("codrivers") && entry.driver() != null) {
            people.add(entry.driver());
        }
        if (!scores.equals("drivers") && entry.codriver() != null) {
            people.add(entry.codriver());
        }
        return people;
    }

    /** The people of a list round by round; a person split by race direction is a person of their own in each round. */
    private Map<String, Competitor> people(String roundList, Map<String, Round> rounds) {
        Map<String, Competitor> people = new LinkedHashMap<>();
        for (int i = 0; i < races.size(); i++) {
            Round round = rounds.get(races.get(i));
            if (round == null) {
                continue;
            }
            boolean counts = counts(round);
            for (Entry entry : round.entries()) {
                if (!entry.positions().containsKey(roundList)) {
                    continue;
                }
                Integer position = entry.positions().get(roundList);
                for (Person person : scorers(entry)) {
                    String key = key(person);
                    if ("split".equals(decisions.get(key))) {
                        key = key + "@" + round.race();
                    }
                    Competitor c = people.computeIfAbsent(key, k -> new Competitor(k, person.name()));
                    c.name = person.name();
                    Result before = c.results.get(i);
                    // the same person twice in one round (a name met twice): the better place counts
                    if (before == null || position != null && (before.position() == null || position < before.position())) {
                        c.results.put(i, new Result(i, position, counts ? weighted(tablePoints(table, position), i) : zero(), entry.carYear(),
                                counts));
                    }
                }
            }
        }
        return people;
    }

    /**
     * The teams round by round: a car scores for its driver's first team of the season; a team's value in a round is
     * the table's points of its best ranked cars by overall position (one a category when so), its place among the
     * teams by value (equal values share it), and the place earns the teams' table.
     */
    private Map<String, Competitor> teams(Map<String, Round> rounds) {
        Map<String, String> firstTeam = new HashMap<>();
        for (String race : races) {
            Round round = rounds.get(race);
            if (round != null) {
                for (Entry entry : round.entries()) {
                    if (entry.driver() != null && entry.team() != null && !entry.team().isBlank()) {
                        firstTeam.putIfAbsent(key(entry.driver()), entry.team().trim());
                    }
                }
            }
        }
        Map<String, Competitor> teams = new LinkedHashMap<>();
        for (int i = 0; i < races.size(); i++) {
            Round round = rounds.get(races.get(i));
            if (round == null) {
                continue;
            }
            Map<String, List<Entry>> cars = new LinkedHashMap<>();
            for (Entry entry : round.entries()) {
                String team = entry.driver() == null ? null : firstTeam.get(key(entry.driver()));
                if (team != null && entry.positions().containsKey("overall")) {
                    cars.computeIfAbsent(team, t -> new ArrayList<>()).add(entry);
                }
            }
            Map<String, Integer> value = new HashMap<>();
            Map<String, Integer> oldest = new HashMap<>();
            cars.forEach((team, entries) -> {
                List<Entry> ranked = entries.stream().filter(e -> e.positions().get("overall") != null)
                        .sorted(Comparator.comparing((Entry e) -> e.positions().get("overall")).thenComparing(Entry::car)).toList();
                List<Entry> counted = new ArrayList<>();
                Set<String> categories = new LinkedHashSet<>();
                for (Entry e : ranked) {
                    if (counted.size() < teamCars && (!teamDistinctCategories || categories.add(String.valueOf(e.category())))) {
                        counted.add(e);
                    }
                }
                if (!counted.isEmpty()) {
                    value.put(team, counted.stream().mapToInt(e -> tablePoints(table, e.positions().get("overall"))).sum());
                    oldest.put(team, counted.stream().map(Entry::carYear).filter(Objects::nonNull).min(Integer::compare).orElse(null));
                }
            });
            boolean counts = counts(round);
            for (String team : cars.keySet()) {
                Integer place = null;
                if (value.containsKey(team)) {
                    place = 1 + (int) value.values().stream().filter(v -> v > value.get(team)).count();
                }
                Competitor c = teams.computeIfAbsent("name:" + plain(team), k -> new Competitor(k, team));
                c.results.put(i, new Result(i, place, counts ? weighted(tablePoints(teamTable, place), i) : zero(), oldest.get(team), counts));
            }
        }
        return teams;
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }

    /** The rounds that count; of them the best N weighted results counted (the earlier round between equal ones), the rest dropped. */
    private void bestResults(Competitor c) {
        List<Result> counting = c.results.values().stream().filter(Result::counts)
                .sorted(Comparator.comparing(Result::points).reversed().thenComparing(Result::round)).toList();
        c.started = counting.size();
        Set<Integer> counted = new LinkedHashSet<>();
        for (Result r : counting) {
            if (countBest == null || counted.size() < countBest) {
                counted.add(r.round());
                c.total = c.total.add(r.points());
            }
        }
        for (Result r : c.results.values()) {
            String why = !r.counts() ? "UNDER_VALIDITY_SHARE" : counted.contains(r.round()) ? "COUNTED" : "DROPPED";
            c.lines.add(new Line(races.get(r.round()), r.position(), r.points(), why));
        }
    }

    /**
     * Competitors of equal totals in order, as places (a place of more than one is shared): the count-back first, then
     * the better position in the latest round they all started, then the older car in that round; a step that breaks
     * the tie in part leaves smaller ties, each broken again; what still stands is shared. Each says what broke its tie.
     */
    private List<List<Competitor>> untie(List<Competitor> tied) {
        if (tied.size() == 1) {
            return List.of(tied);
        }
        List<List<Competitor>> byCountBack = split(tied, ChampionshipReferee::countBack);
        if (byCountBack.size() > 1) {
            List<List<Competitor>> places = new ArrayList<>();
            for (List<Competitor> part : byCountBack) {
                part.forEach(c -> c.tieBreak = "COUNT_BACK");
                places.addAll(untie(part));
            }
            return places;
        }
        Integer latest = null;
        for (int i = races.size() - 1; i >= 0 && latest == null; i--) {
            int round = i;
            if (tied.stream().allMatch(c -> c.results.containsKey(round) && c.results.get(round).counts())) {
                latest = round;
            }
        }
        if (latest != null) {
            int round = latest;
            List<List<Competitor>> byPosition = split(tied, Comparator.comparing((Competitor c) -> c.results.get(round).position(),
                    Comparator.nullsLast(Integer::compare)));
            if (byPosition.size() > 1) {
                return again(byPosition, "LATEST_ROUND");
            }
            List<List<Competitor>> byYear = split(tied, Comparator.comparing((Competitor c) -> c.results.get(round).carYear(),
                    Comparator.nullsLast(Integer::compare)));
            if (byYear.size() > 1) {
                return again(byYear, "OLDER_CAR");
            }
        }
        tied.forEach(c -> c.tieBreak = "SHARED");
        return List.of(tied);
    }

    /** Places a step broke {@code by}: a part still level is a smaller tie, broken again from the count-back on. */
    private List<List<Competitor>> again(List<List<Competitor>> parts, String by) {
        List<List<Competitor>> places = new ArrayList<>();
        for (List<Competitor> part : parts) {
            part.forEach(c -> c.tieBreak = by);
            places.addAll(untie(part));
        }
        return places;
    }

    /** The more first places wins, then the more second places, and so on. */
    private static int countBack(Competitor a, Competitor b) {
        Map<Integer, Integer> x = a.places();
        Map<Integer, Integer> y = b.places();
        Set<Integer> places = new java.util.TreeSet<>(x.keySet());
        places.addAll(y.keySet());
        for (int place : places) {
            int cmp = Integer.compare(y.getOrDefault(place, 0), x.getOrDefault(place, 0));
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    /** The group in order, cut into parts of equals. */
    private static List<List<Competitor>> split(List<Competitor> group, Comparator<Competitor> order) {
        List<Competitor> sorted = new ArrayList<>(group);
        sorted.sort(order);
        List<List<Competitor>> parts = new ArrayList<>();
        for (Competitor c : sorted) {
            if (parts.isEmpty() || order.compare(parts.get(parts.size() - 1).get(0), c) != 0) {
                parts.add(new ArrayList<>());
            }
            parts.get(parts.size() - 1).add(c);
        }
        return parts;
    }

    /**
     * Holds a published championship list (championship-service's {@code …/standings} body) against the expected one:
     * each competitor's rank, points, rounds started, whether classified, each round's position, points and why, and what
     * broke a tie; nobody missing, nobody extra.
     */
    public static Verdict compare(Table expected, JsonNode published) {
        List<String> differences = new ArrayList<>();
        if (published.path("asOfRound").asInt() != expected.asOfRound()) {
            differences.add("as of round " + published.path("asOfRound").asInt() + "; expected as of round " + expected.asOfRound());
        }
        Set<String> listed = new LinkedHashSet<>();
        for (JsonNode entry : published.path("entries")) {
            String key = publishedKey(entry, expected);
            listed.add(key);
            Row x = expected.row(key);
            String who = entry.at("/person/name").asText() + (entry.at("/person/licence").isTextual() ? " (" + entry.at("/person/licence").asText() + ")" : "");
            if (x == null) {
                differences.add(who + " is listed but raced none of the rounds given");
                continue;
            }
            Integer rank = entry.hasNonNull("rank") ? entry.get("rank").asInt() : null;
            String by = entry.path("tieBreak").path("by").isTextual() ? entry.path("tieBreak").path("by").asText() : null;
            if (!Objects.equals(rank, x.rank()) || entry.get("points").decimalValue().compareTo(x.points()) != 0
                    || entry.path("started").asInt() != x.started() || entry.path("classified").asBoolean() != x.classified()
                    || !Objects.equals(by, x.tieBreak())) {
                differences.add(who + ": published rank " + rank + ", " + entry.get("points").decimalValue().toPlainString() + " points, started "
                        + entry.path("started").asInt() + (entry.path("classified").asBoolean() ? ", classified" : ", not classified")
                        + (by == null ? "" : ", tie broken by " + by) + "; expected rank " + x.rank() + ", " + x.points().toPlainString()
                        + " points, started " + x.started() + (x.classified() ? ", classified" : ", not classified")
                        + (x.tieBreak() == null ? "" : ", tie broken by " + x.tieBreak()));
            }
            Map<String, JsonNode> rounds = new LinkedHashMap<>();
            entry.path("rounds").forEach(r -> rounds.put(r.get("race").asText(), r));
            for (Line line : x.rounds()) {
                JsonNode r = rounds.remove(line.race());
                Integer position = r == null || !r.hasNonNull("position") ? null : r.get("position").asInt();
                if (r == null || !Objects.equals(position, line.position()) || r.get("points").decimalValue().compareTo(line.points()) != 0
                        || !line.why().equals(r.path("why").asText())) {
                    differences.add(who + " in " + line.race() + ": published " + (r == null ? "nothing" : "position " + position + ", "
                            + r.get("points").decimalValue().toPlainString() + " points, " + r.path("why").asText()) + "; expected position "
                            + line.position() + ", " + line.points().toPlainString() + " points, " + line.why());
                }
            }
            rounds.keySet().forEach(race -> differences.add(who + " in " + race + ": published, but did not race it"));
        }
        expected.rows().stream().filter(r -> !listed.contains(r.key()))
                .forEach(r -> differences.add(r.name() + " (" + r.key() + ") is not listed"));
        return new Verdict(differences.isEmpty(), expected.list(), expected.rows().size(), differences.subList(0, Math.min(20, differences.size())));
    }

    /** A published entry's key: its licence, else its name; a person split by race direction also by the one round listed. */
    private static String publishedKey(JsonNode entry, Table expected) {
        String licence = entry.at("/person/licence").isTextual() ? entry.at("/person/licence").asText() : null;
        String key = key(new Person(entry.at("/person/name").asText(), licence));
        if (expected.row(key) == null && licence == null && entry.path("rounds").size() == 1) {
            String split = key + "@" + entry.path("rounds").get(0).get("race").asText();
            return expected.row(split) != null ? split : key;
        }
        return key;
    }

    /**
     * Reads the championship's list through the public API until it agrees with the simulator's own scoring of the rounds
     * given, or {@code patience} has passed (a round's results may still be on their way), and says which. {@code
     * provisional}: the list with the rounds still provisional ({@code ?provisional=true}); else by the final rounds alone,
     * which {@code rounds} should then hold.
     */
    public static Verdict check(Api reader, String championshipUrl, JsonNode definition, String list, String name, Map<String, Round> rounds,
            boolean provisional, Duration patience) {
        Table expected = score(definition, list, name, rounds);
        String url = championshipUrl + "/api/championships/" + definition.get("id").asText() + "/standings?list=" + list
                + (name == null ? "" : (list.equals("category") ? "&category=" : "&trophy=") + URLEncoder.encode(name, StandardCharsets.UTF_8))
                + (provisional ? "&provisional=true" : "");
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Verdict verdict = compare(expected, reader.ok("GET", url, null));
            if (verdict.agree() || System.nanoTime() > deadline) {
                return verdict;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return verdict;
            }
        }
    }
}
