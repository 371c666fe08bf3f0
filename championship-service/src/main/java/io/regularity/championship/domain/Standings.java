package io.regularity.championship.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.regularity.championship.domain.ListSpec.Kind;
import io.regularity.championship.domain.RoundResult.Crew;
import io.regularity.championship.domain.RoundResult.Person;

/**
 * A championship's list from its rounds' results, by docs/rules.md "The season": points by position and weight, rounds
 * under the validity share, best N, the minimum of rounds, ties by count-back, latest round and older car, teams from
 * their best cars. A function of the definition and the results: the same results give the same list.
 */
public final class Standings {

    /** Why a round's result counts or not for a person. */
    public enum Why {
        COUNTED, DROPPED, UNDER_VALIDITY_SHARE
    }

    /** What broke a tie: the count-back at a place, the position in the latest round all started, the older car; or nothing. */
    public enum By {
        COUNT_BACK, LATEST_ROUND, OLDER_CAR, SHARED
    }

    public record TieBreak(By by, Integer place, Integer count, String race, Integer position, Integer year) {
    }

    /** A round as one person (or team) lived it: the position in the round's list, the weighted points, and why. */
    public record RoundLine(String race, Integer position, BigDecimal points, BigDecimal weight, boolean counted, Why why) {
    }

    public record Row(Integer rank, String key, Person who, BigDecimal points, int started, boolean classified, List<RoundLine> rounds,
            TieBreak tieBreak) {
    }

    /** The list after {@code asOfRound} rounds with a result (0: none yet). */
    public record Table(ListSpec list, int asOfRound, List<Row> rows) {
    }

    /** One place in one round of a competitor (a person or a team): where, what it earned, how old the car was. */
    private record Place(int round, Integer position, BigDecimal points, Integer carYear, boolean valid) {
    }

    private static final class Competitor {
        final String key;
        Person who;
        final Map<Integer, Place> places = new TreeMap<>();
        BigDecimal total = NONE;
        int started;
        final List<RoundLine> lines = new ArrayList<>();
        TieBreak tieBreak;
        List<Competitor> sharedWith; // a tie left standing: the same rank as the others of this list

        Competitor(String key, Person who) {
            this.key = key;
            this.who = who;
        }

        /** The count of places 1, 2, 3, … in the rounds that count, dropped ones included. */
        int[] countBack(int upTo) {
            int[] counts = new int[upTo + 1];
            for (Place p : places.values()) {
                if (p.valid && p.position != null && p.position <= upTo) {
                    counts[p.position]++;
                }
            }
            return counts;
        }
    }

    private static final BigDecimal NONE = BigDecimal.ZERO.setScale(2);

    private Standings() {
    }

    /** The list {@code list} of {@code championship} (with its defaults) from the results of its rounds, by race id. */
    public static Table of(Championship championship, ListSpec list, Map<String, RoundResult> results) {
        Championship c = championship.withDefaults();
        Map<String, Competitor> competitors = list.kind() == Kind.TEAMS ? teams(c, results) : people(c, list, results);
        int asOf = 0;
        for (int i = 0; i < c.rounds().size(); i++) {
            if (results.containsKey(c.rounds().get(i).race())) {
                asOf = i + 1;
            }
        }
        List<Competitor> all = new ArrayList<>(competitors.values());
        for (Competitor p : all) {
            count(c, p);
        }
        List<Competitor> classified = all.stream().filter(p -> p.started >= c.minRounds()).sorted(Comparator.comparing((Competitor p) -> p.total)
                .reversed().thenComparing(p -> p.key)).toList();
        List<Competitor> ordered = new ArrayList<>();
        for (int i = 0; i < classified.size();) {
            int j = i;
            while (j < classified.size() && classified.get(j).total.compareTo(classified.get(i).total) == 0) {
                j++;
            }
            ordered.addAll(resolve(c, new ArrayList<>(classified.subList(i, j))));
            i = j;
        }
        List<Row> rows = new ArrayList<>();
        Integer rank = null;
        for (int i = 0; i < ordered.size(); i++) {
            Competitor p = ordered.get(i);
            boolean shared = i > 0 && p.sharedWith != null && p.sharedWith == ordered.get(i - 1).sharedWith;
            rank = shared ? rank : Integer.valueOf(i + 1);
            rows.add(row(rank, p, true));
        }
        all.stream().filter(p -> p.started < c.minRounds()).sorted(Comparator.comparing((Competitor p) -> p.total).reversed()
                .thenComparing(p -> p.who.name() == null ? "" : p.who.name()).thenComparing(p -> p.key)).forEach(p -> rows.add(row(null, p, false)));
        return new Table(list, asOf, List.copyOf(rows));
    }

    private static Row row(Integer rank, Competitor p, boolean classified) {
        return new Row(rank, p.key, p.who, p.total, p.started, classified, List.copyOf(p.lines), p.tieBreak);
    }

    /** Each person on the round's list, by who scores: their positions and weighted points round by round. */
    private static Map<String, Competitor> people(Championship c, ListSpec list, Map<String, RoundResult> results) {
        Map<String, Competitor> people = new LinkedHashMap<>();
        String roundList = list.roundList();
        for (int i = 0; i < c.rounds().size(); i++) {
            Championship.Round round = c.rounds().get(i);
            RoundResult result = results.get(round.race());
            if (result == null) {
                continue;
            }
            boolean valid = result.counts(c.minValidShare());
            for (Crew crew : result.crews()) {
                if (!crew.on(roundList)) {
                    continue;
                }
                Integer position = crew.position(roundList);
                BigDecimal points = valid ? weighted(table(c.pointsTable(), position), round.weightOrOne()) : NONE;
                for (Person person : c.scorers(crew)) {
                    Competitor p = people.computeIfAbsent(Identity.key(person, round.race(), c.identities()), k -> new Competitor(k, person));
                    p.who = person.name() == null ? p.who : new Person(person.name(), person.licence() != null ? person.licence() : p.who.licence());
                    Place before = p.places.get(i);
                    if (before == null || better(position, before.position())) {
                        p.places.put(i, new Place(i, position, points, crew.carYear(), valid));
                    }
                }
            }
        }
        return people;
    }

    /**
     * Each team's place round by round: its value is the table's points of its best {@code teamCars} ranked cars by their
     * overall positions (one a category when so), the teams ranked by value, each place earning the team table's points.
     * A car is its driver's first team of the season.
     */
    private static Map<String, Competitor> teams(Championship c, Map<String, RoundResult> results) {
        Map<String, String> teamOfDriver = new LinkedHashMap<>();
        for (Championship.Round round : c.rounds()) {
            RoundResult result = results.get(round.race());
            if (result != null) {
                for (Crew crew : result.crews()) {
                    if (crew.driver() != null && crew.team() != null && !crew.team().isBlank()) {
                        teamOfDriver.putIfAbsent(Identity.key(crew.driver()), crew.team().trim());
                    }
                }
            }
        }
        Map<String, Competitor> teams = new LinkedHashMap<>();
        for (int i = 0; i < c.rounds().size(); i++) {
            Championship.Round round = c.rounds().get(i);
            RoundResult result = results.get(round.race());
            if (result == null) {
                continue;
            }
            boolean valid = result.counts(c.minValidShare());
            Map<String, List<Crew>> byTeam = new LinkedHashMap<>();
            for (Crew crew : result.crews()) {
                String team = crew.driver() == null ? null : teamOfDriver.get(Identity.key(crew.driver()));
                if (team != null && crew.on("overall")) {
                    byTeam.computeIfAbsent(team, t -> new ArrayList<>()).add(crew);
                }
            }
            Map<String, Integer> values = new LinkedHashMap<>();
            Map<String, Integer> oldest = new LinkedHashMap<>();
            for (Map.Entry<String, List<Crew>> team : byTeam.entrySet()) {
                List<Crew> counted = teamCars(c, team.getValue());
                if (!counted.isEmpty()) {
                    values.put(team.getKey(), counted.stream().mapToInt(x -> table(c.pointsTable(), x.position("overall"))).sum());
                    oldest.put(team.getKey(), counted.stream().map(Crew::carYear).filter(y -> y != null).min(Integer::compare).orElse(null));
                }
            }
            for (String team : byTeam.keySet()) {
                Competitor t = teams.computeIfAbsent(team, k -> new Competitor(k, new Person(team, null)));
                Integer place = values.containsKey(team) ? 1 + (int) values.values().stream().filter(v -> v > values.get(team)).count() : null;
                BigDecimal points = valid ? weighted(table(c.teamPointsTable(), place), round.weightOrOne()) : NONE;
                t.places.put(i, new Place(i, place, points, oldest.get(team), valid));
            }
        }
        return teams;
    }

    /** A team's cars that count in a round: its best ranked ones by overall position, one a category when so. */
    private static List<Crew> teamCars(Championship c, List<Crew> cars) {
        List<Crew> ranked = cars.stream().filter(x -> x.position("overall") != null)
                .sorted(Comparator.comparing((Crew x) -> x.position("overall")).thenComparing(Crew::car)).toList();
        List<Crew> counted = new ArrayList<>();
        for (Crew car : ranked) {
            if (counted.size() == c.teamCars()) {
                break;
            }
            if (c.teamDistinctCategories() && counted.stream().anyMatch(x -> java.util.Objects.equals(x.category(), car.category()))) {
                continue;
            }
            counted.add(car);
        }
        return counted;
    }

    /** The rounds that count, the best N of them counted, the others dropped; the started rounds and the total. */
    private static void count(Championship c, Competitor p) {
        List<Place> valid = p.places.values().stream().filter(Place::valid).toList();
        p.started = valid.size();
        List<Place> best = valid.stream().sorted(Comparator.comparing(Place::points).reversed().thenComparing(Place::round)).toList();
        int n = c.countBest() == null ? best.size() : Math.min(c.countBest(), best.size());
        java.util.Set<Integer> counted = new java.util.HashSet<>();
        for (int k = 0; k < n; k++) {
            counted.add(best.get(k).round());
            p.total = p.total.add(best.get(k).points());
        }
        for (Place place : p.places.values()) {
            Championship.Round round = c.rounds().get(place.round());
            Why why = !place.valid() ? Why.UNDER_VALIDITY_SHARE : counted.contains(place.round()) ? Why.COUNTED : Why.DROPPED;
            p.lines.add(new RoundLine(round.race(), place.position(), place.points(), round.weightOrOne(), why == Why.COUNTED, why));
        }
    }

    /** A group of equal totals in order: count-back, then the latest round all started, then the older car; else shared. */
    private static List<Competitor> resolve(Championship c, List<Competitor> group) {
        if (group.size() == 1) {
            return group;
        }
        int upTo = group.stream().flatMap(p -> p.places.values().stream()).map(Place::position).filter(x -> x != null).max(Integer::compare)
                .orElse(0);
        // count-back: the more first places, then second places, …
        Comparator<Competitor> byCountBack = (a, b) -> {
            int[] x = a.countBack(upTo);
            int[] y = b.countBack(upTo);
            for (int place = 1; place <= upTo; place++) {
                if (x[place] != y[place]) {
                    return Integer.compare(y[place], x[place]);
                }
            }
            return 0;
        };
        List<List<Competitor>> parts = partition(group, byCountBack);
        if (parts.size() > 1) {
            for (int k = 0; k < parts.size(); k++) {
                List<Competitor> other = parts.get(k == parts.size() - 1 ? k - 1 : k + 1);
                int place = firstDifference(parts.get(k).get(0).countBack(upTo), other.get(0).countBack(upTo));
                for (Competitor p : parts.get(k)) {
                    p.tieBreak = new TieBreak(By.COUNT_BACK, place, p.countBack(upTo)[place], null, null, null);
                }
            }
            return resolveEach(c, parts);
        }
        // the latest round all of them started (and that counts)
        for (int round = c.rounds().size() - 1; round >= 0; round--) {
            int r = round;
            if (group.stream().allMatch(p -> p.places.containsKey(r) && p.places.get(r).valid())) {
                String race = c.rounds().get(r).race();
                Comparator<Competitor> byPosition = Comparator.comparing(p -> p.places.get(r).position(), Comparator.nullsLast(Integer::compare));
                parts = partition(group, byPosition);
                if (parts.size() > 1) {
                    for (List<Competitor> part : parts) {
                        for (Competitor p : part) {
                            p.tieBreak = new TieBreak(By.LATEST_ROUND, null, null, race, p.places.get(r).position(), null);
                        }
                    }
                    return resolveEach(c, parts);
                }
                Comparator<Competitor> byYear = Comparator.comparing(p -> p.places.get(r).carYear(), Comparator.nullsLast(Integer::compare));
                parts = partition(group, byYear);
                if (parts.size() > 1) {
                    for (List<Competitor> part : parts) {
                        for (Competitor p : part) {
                            p.tieBreak = new TieBreak(By.OLDER_CAR, null, null, race, null, p.places.get(r).carYear());
                        }
                    }
                    return resolveEach(c, parts);
                }
                break;
            }
        }
        List<Competitor> shared = new ArrayList<>(group);
        shared.sort(Comparator.comparing((Competitor p) -> p.who.name() == null ? "" : p.who.name()).thenComparing(p -> p.key));
        for (Competitor p : shared) {
            p.tieBreak = new TieBreak(By.SHARED, null, null, null, null, null);
            p.sharedWith = shared;
        }
        return shared;
    }

    private static List<Competitor> resolveEach(Championship c, List<List<Competitor>> parts) {
        List<Competitor> out = new ArrayList<>();
        for (List<Competitor> part : parts) {
            out.addAll(resolve(c, part));
        }
        return out;
    }

    /** The group sorted by {@code order}, cut where it says two differ. */
    private static List<List<Competitor>> partition(List<Competitor> group, Comparator<Competitor> order) {
        List<Competitor> sorted = new ArrayList<>(group);
        sorted.sort(order);
        List<List<Competitor>> parts = new ArrayList<>();
        for (Competitor p : sorted) {
            if (parts.isEmpty() || order.compare(parts.get(parts.size() - 1).get(0), p) != 0) {
                parts.add(new ArrayList<>());
            }
            parts.get(parts.size() - 1).add(p);
        }
        return parts;
    }

    private static int firstDifference(int[] a, int[] b) {
        for (int place = 1; place < a.length; place++) {
            if (a[place] != b[place]) {
                return place;
            }
        }
        return 0;
    }

    private static boolean better(Integer position, Integer than) {
        return position != null && (than == null || position < than);
    }

    /** A position's points in a table: nothing below it or without a position. */
    static int table(List<Integer> table, Integer position) {
        return position == null || position < 1 || position > table.size() ? 0 : table.get(position - 1);
    }

    static BigDecimal weighted(int points, BigDecimal weight) {
        return BigDecimal.valueOf(points).multiply(weight).setScale(2, RoundingMode.HALF_UP);
    }
}
