package io.regularity.deploy.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.Api;
import io.regularity.deploy.demo.RaceFeed.Crossing;
import io.regularity.deploy.demo.RaceFeed.Retirement;

/**
 * The simulator's own scoring of what it sent, written from rules.md apart from classification-service
 * (no shared code, its own arithmetic: PM deltas in exact rational arithmetic, not doubles), so the
 * published standings can be checked against it: each crew's score, state and rank.
 */
public final class Referee {

    /** What a crew should have in the overall standings ({@code rank} null for retired and excluded crews). */
    public record Expected(int car, BigDecimal score, String state, Integer rank) {
    }

    /** The outcome of a check: whether the standings agree, and the differences if not (at most twenty). */
    public record Verdict(boolean agree, int crews, List<String> differences) {
        @Override
        public String toString() {
            return agree ? "the standings agree with the simulator's own scoring: " + crews + " crews, same score, state and rank"
                    : "the standings DIFFER from the simulator's own scoring:\n  " + String.join("\n  ", differences);
        }
    }

    private final JsonNode race;
    private final boolean pointsModel;
    private final int pcCap;
    private final int pmCap;
    private final int pmUnitCs;
    private final int ctMissed;
    private final int maxLateness;
    private final long duplicateWindowMs;
    /** The unit PCs are scored in (rules.md, Resolution): 10 ms, 100 ms or 1000 ms. */
    private final long pcUnitMs;
    private final List<Integer> table = new ArrayList<>();

    private Referee(JsonNode race) {
        this.race = race;
        JsonNode scoring = race.path("scoring");
        pointsModel = "POINTS".equals(scoring.path("model").asText("PENALTIES"));
        pcCap = scoring.path("pcCap").asInt(300);
        pmCap = scoring.path("pmCap").asInt(300);
        pmUnitCs = scoring.path("pmUnitCs").asInt(1);
        ctMissed = scoring.path("ctMissed").asInt(300);
        maxLateness = scoring.path("maxLatenessMinutes").asInt(30);
        duplicateWindowMs = scoring.path("duplicateWindowMs").asLong(10_000);
        pcUnitMs = switch (scoring.path("resolution").asText("HUNDREDTH")) {
            case "TENTH" -> 100;
            case "SECOND" -> 1000;
            default -> 10;
        };
        scoring.path("pointsTable").forEach(v -> table.add(v.asInt()));
    }

    /** T(p): the race's table where it says, else 420, 395, then 400 − 10·p down to 0. */
    int points(int penalty) {
        if (penalty < table.size()) {
            return table.get(penalty);
        }
        return penalty == 0 ? 420 : penalty == 1 ? 395 : Math.max(0, 400 - 10 * penalty);
    }

    /** Scores every crew of the race from the crossings sent and the retirements ruled. */
    public static Map<Integer, Expected> score(RaceFeed feed) {
        return score(feed.race().definition, feed.race().crews, feed.scored(), feed.retirements());
    }

    /** Scores the crews of a race definition from crossings and retirements. */
    public static Map<Integer, Expected> score(JsonNode definition, List<Map<String, Object>> crews, List<Crossing> crossings,
            List<Retirement> retirements) {
        return new Referee(definition).scoreAll(crews, crossings, retirements);
    }

    private Map<Integer, Expected> scoreAll(List<Map<String, Object>> crews, List<Crossing> crossings, List<Retirement> retirements) {
        // every crossing at its official instant (device time + its offset), by car
        Map<Integer, List<Official>> byCar = new HashMap<>();
        for (Crossing c : crossings) {
            byCar.computeIfAbsent(c.car(), k -> new ArrayList<>()).add(new Official(c.point(), c.time().plusMillis(c.clockOffsetMs())));
        }
        Set<Integer> retired = new HashSet<>();
        retirements.forEach(r -> retired.add(r.car()));
        Map<Integer, BigDecimal> scores = new TreeMap<>();
        Map<Integer, String> states = new HashMap<>();
        for (Map<String, Object> crew : crews) {
            int car = (Integer) crew.get("car");
            BigDecimal coefficient = new BigDecimal(crew.get("coefficient").toString());
            CrewTotal total = new CrewTotal(coefficient);
            String band = crew.get("band") == null ? null : crew.get("band").toString();
            for (JsonNode leg : race.get("legs")) {
                List<Official> mine = byCar.getOrDefault(car, List.of());
                scoreLeg(leg, leg.path("laps").asInt(1) > 1 ? lapsSeen(leg, mine) : roadSeen(leg, mine), total, band);
            }
            scores.put(car, total.score().setScale(2, RoundingMode.HALF_UP));
            states.put(car, total.excluded ? "EXCLUDED" : retired.contains(car) ? "RETIRED" : "RUNNING");
        }
        // standard competition ranking of the crews still in the race (1, 1, 3)
        List<Integer> ranked = scores.keySet().stream().filter(car -> states.get(car).equals("RUNNING"))
                .sorted(Comparator.comparing((Integer car) -> pointsModel ? scores.get(car).negate() : scores.get(car))
                        .thenComparing(car -> car))
                .toList();
        Map<Integer, Integer> ranks = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            boolean tied = i > 0 && scores.get(ranked.get(i)).compareTo(scores.get(ranked.get(i - 1))) == 0;
            ranks.put(ranked.get(i), tied ? ranks.get(ranked.get(i - 1)) : i + 1);
        }
        Map<Integer, Expected> expected = new TreeMap<>();
        scores.forEach((car, score) -> expected.put(car, new Expected(car, score, states.get(car), ranks.get(car))));
        return expected;
    }

    /** A crew's running total: points earned (coefficient × T) less points deducted, or penalties × coefficient. */
    private final class CrewTotal {
        final BigDecimal coefficient;
        BigDecimal earned = BigDecimal.ZERO;
        long deducted;
        long penalties;
        boolean excluded;

        CrewTotal(BigDecimal coefficient) {
            this.coefficient = coefficient;
        }

        void timed(int penalty) { // a PC, or one PM detection
            earned = earned.add(coefficient.multiply(BigDecimal.valueOf(points(penalty))));
            penalties += penalty;
        }

        void control(int penalty) { // a CO or a CT
            deducted += penalty;
            penalties += penalty;
        }

        BigDecimal score() {
            return pointsModel ? earned.subtract(BigDecimal.valueOf(deducted)) : coefficient.multiply(BigDecimal.valueOf(penalties));
        }
    }

    /** A crossing at its official instant. */
    private record Official(String point, Instant at) {
    }

    /** The key of a point on a lap: {@code point@lap}, lap 1 on a road leg. */
    private static String at(String point, int lap) {
        return point + "@" + lap;
    }

    /** A road leg: of a car's crossings at a point, the earliest counts. */
    private static Map<String, Instant> roadSeen(JsonNode leg, List<Official> crossings) {
        Set<String> points = new HashSet<>();
        leg.get("timingPoints").forEach(p -> points.add(p.get("id").asText()));
        Map<String, Instant> seen = new HashMap<>();
        for (Official c : crossings) {
            if (points.contains(c.point())) {
                seen.merge(at(c.point(), 1), c.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return seen;
    }

    /**
     * A circuit (rules.md, Circuits): the line's crossings, each more than the duplicate window after the last one kept,
     * number the laps (the k-th starts lap k); another point's crossing is on the lap of the last line crossing at or
     * before it, and counts for nothing before the first or after the one ending the last lap; on each lap the earliest
     * crossing of a point counts.
     */
    private Map<String, Instant> lapsSeen(JsonNode leg, List<Official> crossings) {
        String line = leg.get("startPoint").asText();
        int laps = leg.get("laps").asInt();
        Set<String> points = new HashSet<>();
        leg.get("timingPoints").forEach(p -> points.add(p.get("id").asText()));
        List<Instant> lines = crossings.stream().filter(c -> c.point().equals(line)).map(Official::at).sorted().toList();
        List<Instant> kept = new ArrayList<>();
        for (Instant t : lines) {
            if (kept.isEmpty() || Duration.between(kept.get(kept.size() - 1), t).toMillis() > duplicateWindowMs) {
                kept.add(t);
            }
        }
        Map<String, Instant> seen = new HashMap<>();
        for (int k = 1; k <= Math.min(kept.size(), laps + 1); k++) {
            seen.put(at(line, k), kept.get(k - 1));
        }
        for (Official c : crossings) {
            if (c.point().equals(line) || !points.contains(c.point())) {
                continue;
            }
            int lap = (int) kept.stream().filter(t -> !t.isAfter(c.at())).count();
            if (lap >= 1 && lap <= laps) {
                seen.merge(at(c.point(), lap), c.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return seen;
    }

    /** A trial's value for a crew of {@code band} (rules.md, Average bands): the band's own when the trial names it, else the plain one. */
    private static JsonNode forBand(JsonNode trial, String plain, String band) {
        JsonNode own = band == null ? null : trial.path(plain + "ByBand").get(band);
        return own != null && !own.isNull() ? own : trial.get(plain);
    }

    private void scoreLeg(JsonNode leg, Map<String, Instant> seen, CrewTotal total, String band) {
        // where each point on each lap stands in the leg's order: a road leg's route order, a circuit's (lap, place)
        int laps = leg.path("laps").asInt(1);
        int size = leg.get("timingPoints").size();
        Map<String, Integer> order = new HashMap<>();
        for (int lap = 1; lap <= laps + 1; lap++) {
            int index = 0;
            for (JsonNode p : leg.get("timingPoints")) {
                order.put(at(p.get("id").asText(), lap), lap * (size + 1) + index++);
            }
        }
        int reached = seen.keySet().stream().filter(order::containsKey).mapToInt(order::get).max().orElse(-1);
        boolean lastLeg = leg.get("number").asInt() == race.get("legs").size();
        Map<String, String> coPoints = new HashMap<>();
        leg.get("trials").forEach(t -> {
            if (t.get("type").asText().equals("CO")) {
                coPoints.put(t.get("id").asText(), at(t.get("point").asText(), t.path("lap").asInt(1)));
            }
        });
        for (JsonNode trial : leg.get("trials")) {
            boolean closed = "CLOSED".equals(trial.path("status").asText());
            // pending while a passage is missing, missed once the crew was seen beyond every point it missed
            Predicate<List<String>> missed = needed -> closed
                    || needed.stream().filter(p -> !seen.containsKey(p)).allMatch(p -> reached > order.get(p));
            switch (trial.get("type").asText()) {
                case "PC" -> {
                    String start = at(trial.get("start").asText(), trial.path("startLap").asInt(1));
                    String finish = at(trial.get("finish").asText(), trial.path("finishLap").asInt(1));
                    if (seen.containsKey(start) && seen.containsKey(finish)) {
                        long elapsed = Math.floorDiv(Duration.between(seen.get(start), seen.get(finish)).toMillis(), pcUnitMs);
                        total.timed((int) Math.min(Math.abs(elapsed - Math.floorDiv(trial.get("targetMs").asLong(), pcUnitMs)), pcCap));
                    } else if (missed.test(List.of(start, finish))) {
                        total.timed(pcCap);
                    }
                }
                case "PM" -> {
                    int startLap = trial.path("startLap").asInt(1);
                    String start = at(trial.get("start").asText(), startLap);
                    BigDecimal kmh = forBand(trial, "averageKmh", band).decimalValue();
                    List<Integer> detections = new ArrayList<>();
                    boolean pending = false;
                    for (JsonNode d : trial.get("detections")) {
                        String point = at(d.get("point").asText(), d.path("lap").asInt(startLap));
                        if (seen.containsKey(start) && seen.containsKey(point)) {
                            // |elapsed − distance/speed| in pmUnit, truncated: |elapsed·kmh − metres·3600| / (10·unit·kmh)
                            BigDecimal elapsed = BigDecimal.valueOf(Duration.between(seen.get(start), seen.get(point)).toMillis());
                            BigDecimal delta = elapsed.multiply(kmh).subtract(BigDecimal.valueOf(d.get("distanceM").asLong() * 3600L)).abs();
                            int units = delta.divide(kmh.multiply(BigDecimal.valueOf(10L * pmUnitCs)), 0, RoundingMode.FLOOR).intValueExact();
                            detections.add(Math.min(units, pmCap));
                        } else if (missed.test(List.of(start, point))) {
                            detections.add(pmCap);
                        } else {
                            pending = true;
                        }
                    }
                    if (!pending) {
                        detections.forEach(total::timed);
                    }
                }
                case "CO" -> {
                    String point = at(trial.get("point").asText(), trial.path("lap").asInt(1));
                    String reference = trial.has("from") ? coPoints.get(trial.get("from").asText()) : at(leg.get("startPoint").asText(), 1);
                    if (!seen.containsKey(point)) {
                        if (missed.test(List.of(point))) {
                            beyondLateness(total, lastLeg);
                        }
                    } else if (seen.containsKey(reference)) {
                        Instant due = seen.get(reference).plus(forBand(trial, "durationMinutes", band).asLong(), ChronoUnit.MINUTES)
                                .truncatedTo(ChronoUnit.MINUTES);
                        long minutes = Math.floorDiv(Duration.between(due, seen.get(point)).toMillis(), 60_000L);
                        if (minutes > maxLateness) {
                            beyondLateness(total, lastLeg);
                        } else {
                            total.control((int) (minutes < 0 ? -100 * minutes : Math.min(100 * minutes, 300)));
                        }
                    } // without its reference passage a CO cannot be scored: 0, and an anomaly for race direction
                }
                case "CT" -> {
                    String point = at(trial.get("point").asText(), trial.path("lap").asInt(1));
                    if (!seen.containsKey(point) && missed.test(List.of(point))) {
                        total.control(ctMissed);
                    }
                }
                default -> throw new IllegalArgumentException("unknown trial type " + trial.get("type"));
            }
        }
    }

    /** rules.md: 1000 on a leg that is not the last; on the last, exclusion instead of the 1000. */
    private static void beyondLateness(CrewTotal total, boolean lastLeg) {
        if (lastLeg) {
            total.excluded = true;
        } else {
            total.control(1000);
        }
    }

    /** Compares the published overall standings with the expected ones. */
    public static Verdict compare(Map<Integer, Expected> expected, List<JsonNode> entries) {
        List<String> differences = new ArrayList<>();
        Set<Integer> listed = new HashSet<>();
        for (JsonNode e : entries) {
            int car = e.get("car").asInt();
            listed.add(car);
            Expected x = expected.get(car);
            Integer rank = e.get("rank") == null || e.get("rank").isNull() ? null : e.get("rank").asInt();
            if (x == null) {
                differences.add("car " + car + " is listed but was never entered");
            } else if (x.score().compareTo(e.get("score").decimalValue()) != 0 || !x.state().equals(e.get("state").asText())
                    || !Objects.equals(x.rank(), rank)) {
                differences.add("car " + car + ": published score " + e.get("score").decimalValue().toPlainString() + ", " + e.get("state").asText() + ", rank "
                        + rank + "; expected " + x.score().toPlainString() + ", " + x.state() + ", rank " + x.rank());
            }
        }
        expected.keySet().stream().filter(car -> !listed.contains(car)).forEach(car -> differences.add("car " + car + " is not listed"));
        return new Verdict(differences.isEmpty(), expected.size(), differences.subList(0, Math.min(20, differences.size())));
    }

    /**
     * Reads the overall standings through the public API until they agree with the expected ones or
     * {@code patience} has passed (classification may still be catching up), and says which.
     */
    public static Verdict check(RaceFeed feed, Api reader, String classificationUrl, Duration patience) {
        return check(feed, feed.race().definition, reader, classificationUrl, patience);
    }

    /**
     * The same, the race scored by {@code definition}: the race as race direction left it, e.g. its trials closed to
     * publish it ({@link DemoRace#closed()}), where a trial still pending is missed.
     */
    public static Verdict check(RaceFeed feed, JsonNode definition, Api reader, String classificationUrl, Duration patience) {
        Map<Integer, Expected> expected = score(definition, feed.race().crews, feed.scored(), feed.retirements());
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            List<JsonNode> entries = new ArrayList<>();
            for (int page = 0; ; page++) {
                JsonNode list = reader.ok("GET", classificationUrl + "/api/races/" + feed.race().raceId + "/standings?size=500&page=" + page,
                        null);
                list.get("entries").forEach(entries::add);
                if (entries.size() >= list.get("total").asLong() || list.get("entries").isEmpty()) {
                    break;
                }
            }
            Verdict verdict = compare(expected, entries);
            if (verdict.agree() || System.nanoTime() > deadline) {
                return verdict;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return verdict;
            }
        }
    }
}
