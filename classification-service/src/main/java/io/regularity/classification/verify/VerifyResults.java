package io.regularity.classification.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.regularity.classification.domain.CrewResult;
import io.regularity.classification.domain.ListSpec;
import io.regularity.classification.domain.Lists;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.RaceFacts;
import io.regularity.classification.domain.Ranking;
import io.regularity.classification.domain.Ranking.Placed;
import io.regularity.classification.domain.ResultsBundle;
import io.regularity.classification.domain.TrialResult;
import io.regularity.classification.events.RaceResults;
import io.regularity.support.Bundles;
import io.regularity.support.csv.Csv;
import io.regularity.support.rest.Paging;

/**
 * {@code deploy/verify-results BUNDLE [LIST.json | LIST.csv [list=… leg=… cumulative=… category=… trophy=… afterTrial=… digest=…]]}:
 * scores a bundle's facts again with the service's own scoring code, no server and no database, recomputes
 * their digest, and, given a published list, says whether the list follows from those facts: the same digest
 * and the same ranks, scores and states; and, when not, which crews differ. Exit 0 when everything matches, 1
 * when something does not, 2 when the input cannot be read.
 * <p>
 * {@code deploy/verify-results --round BUNDLE > round.json}: the race's results as {@code race-results} would carry them
 * for the bundle's facts ({@link RaceResults#body}, the publisher's own way), printed as JSON for a championship's
 * verifier; what it says of the bundle goes to the error stream. Exit 0; 1 when the bundle's facts are not those it
 * was exported with (the results are still printed, with the digest of the facts in it); 2 when it is not a bundle.
 */
public final class VerifyResults {

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

    public VerifyResults(PrintStream out) {
        this(out, out);
    }

    /** {@code err}: where the round mode says what it read (its output is the results alone). */
    public VerifyResults(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new VerifyResults(System.out, System.err).run(args));
    }

    /** A round's results for a championship's verifier: what {@code race-results} carries, without the envelope's id and time. */
    public record Round(String format, String type, int schemaVersion, String raceId, java.time.Instant asOf, RaceResults.Body results) {
        public static final String FORMAT = "regularity-round-results/1";
    }

    /** A published list as the verifier reads it: which list, its digest and revision if it says, and its entries. */
    record Published(Map<String, String> params, String digest, Long revision, Map<Integer, Line> lines) {
    }

    record Line(Integer rank, BigDecimal score, String state) {
    }

    public int run(String... args) {
        if (args.length == 2 && args[0].equals("--round")) {
            return round(Path.of(args[1]));
        }
        if (args.length < 1 || args[0].startsWith("-")) {
            out.println("usage: verify-results BUNDLE [LIST.json | LIST.csv [list=overall leg=N cumulative=true category=… trophy=… "
                    + "afterTrial=… digest=sha256:…]]");
            out.println("       verify-results --round BUNDLE > round.json   (the race's results, as race-results carries them)");
            return 2;
        }
        try {
            ResultsBundle.Read bundle;
            try (InputStream in = Bundles.open(Path.of(args[0]))) {
                bundle = ResultsBundle.read(json, in);
            }
            RaceFacts facts = bundle.facts();
            String digest = facts.digest();
            boolean ok = true;
            out.printf("bundle  %s, route revision %d, as of %s: %d crews, %d passages (%d voided), %d rulings%n",
                    bundle.header().raceId(), bundle.header().revision(), bundle.header().asOf(), facts.crews().size(),
                    bundle.passages(), bundle.voided(), facts.rulings().size());
            out.println("digest  " + digest + " (recomputed from the bundle's facts)");
            if (!digest.equals(bundle.header().digest())) {
                out.println("MISMATCH the bundle says its facts have digest " + bundle.header().digest()
                        + ": the facts in it are not those it was exported with");
                ok = false;
            }
            Map<Integer, CrewResult> results = facts.score();
            if (args.length < 2) {
                print(facts, results);
                return ok ? 0 : 1;
            }
            Published list = read(Path.of(args[1]), args);
            if (list.revision() != null && list.revision() != bundle.header().revision()) {
                out.println("MISMATCH the list was computed from route revision " + list.revision() + ", the bundle holds revision "
                        + bundle.header().revision());
                ok = false;
            }
            if (list.digest() != null && !list.digest().equals(digest)) {
                out.println("MISMATCH the list was computed from facts with digest " + list.digest()
                        + ", not from the facts in the bundle");
                ok = false;
            } else if (list.digest() != null) {
                out.println("digest  the list's digest is the bundle's");
            }
            ok &= compare(facts, results, list);
            out.println(ok ? "OK      the list follows from the facts" : "FAILED  the list does not follow from the facts");
            return ok ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            out.println("cannot verify: " + e.getMessage());
            return 2;
        }
    }

    /** The race's results from the bundle's facts, as JSON on {@code out}; what it read on {@code err}. */
    private int round(Path file) {
        try {
            ResultsBundle.Read bundle;
            try (InputStream in = Bundles.open(file)) {
                bundle = ResultsBundle.read(json, in);
            }
            RaceFacts facts = bundle.facts();
            RaceDefinition race = facts.race();
            String digest = facts.digest();
            Map<Integer, CrewResult> results = facts.score();
            int last = results.values().stream().flatMap(r -> r.trials().stream()).filter(t -> t.scored() && !"STEWARD".equals(t.type()))
                    .mapToInt(TrialResult::routeIndex).max().orElse(-1);
            String asOfTrial = last < 0 ? null : race.trialsInRouteOrder().get(last).trial().id();
            RaceResults.Body body = RaceResults.body(race, digest, asOfTrial,
                    spec -> Ranking.crews(Lists.rows(race, spec, facts.crews(), results, Integer.MAX_VALUE), race.points()));
            err.printf("round   %s, route revision %d, as of %s: %s, %d crews, digest %s%n", bundle.header().raceId(),
                    bundle.header().revision(), bundle.header().asOf(), body.status(), body.crews().size(), digest);
            out.println(json.writeValueAsString(new Round(Round.FORMAT, RaceResults.TYPE, 1, bundle.header().raceId(), bundle.header().asOf(), body)));
            if (!digest.equals(bundle.header().digest())) {
                err.println("MISMATCH the bundle says its facts have digest " + bundle.header().digest()
                        + ": the facts in it are not those it was exported with");
                return 1;
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("cannot read " + file.getFileName() + " as a race's results bundle (GET /api/races/{id}/export): " + e.getMessage());
            return 2;
        }
    }

    /** The crews whose rank, score or state in the list differ from what the facts give; true when none do. */
    private boolean compare(RaceFacts facts, Map<Integer, CrewResult> results, Published list) {
        Map<String, String> p = list.params();
        ListSpec spec = ListSpec.of(p.getOrDefault("list", "overall"), p.get("leg") == null ? null : Integer.valueOf(p.get("leg")),
                Boolean.parseBoolean(p.getOrDefault("cumulative", "false")), p.get("category"), p.get("trophy"));
        RaceDefinition race = facts.race();
        int upTo = Integer.MAX_VALUE;
        if (p.get("afterTrial") != null) {
            upTo = race.trialsInRouteOrder().stream().filter(t -> t.trial().id().equals(p.get("afterTrial"))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the race has no trial " + p.get("afterTrial"))).routeIndex();
        }
        boolean points = race.points();
        Map<Integer, Line> expected = new LinkedHashMap<>();
        if (spec.kind() == ListSpec.Kind.TEAMS) {
            throw new IllegalArgumentException("the teams' list is verified through the overall list it is made from");
        }
        Ranking.crews(Lists.rows(race, spec, facts.crews(), results, upTo), points)
                .forEach(placed -> expected.put(placed.entry().crew().car(), new Line(placed.rank(), placed.entry().score(), placed.entry().state())));
        out.printf("list    %s: %d crews published, %d from the facts%n", describe(p), list.lines().size(), expected.size());
        List<String> differences = new ArrayList<>();
        for (var entry : expected.entrySet()) {
            Line published = list.lines().get(entry.getKey());
            Line computed = entry.getValue();
            if (published == null) {
                differences.add("car " + entry.getKey() + ": not in the list; the facts give " + show(computed));
            } else if (!same(published, computed)) {
                differences.add("car " + entry.getKey() + ": the list says " + show(published) + "; the facts give " + show(computed));
            }
        }
        list.lines().keySet().stream().filter(car -> !expected.containsKey(car))
                .forEach(car -> differences.add("car " + car + ": in the list, but not a crew of this list in the facts"));
        differences.forEach(d -> out.println("DIFFERS " + d));
        if (!differences.isEmpty()) {
            out.println(differences.size() + " crew(s) differ");
        }
        return differences.isEmpty();
    }

    private static boolean same(Line a, Line b) {
        return Objects.equals(a.rank(), b.rank()) && Objects.equals(a.state(), b.state())
                && (a.score() == null ? b.score() == null : b.score() != null && a.score().compareTo(b.score()) == 0);
    }

    private static String show(Line l) {
        return (l.rank() == null ? "no rank" : "rank " + l.rank()) + ", score "
                + (l.score() == null ? "-" : l.score().setScale(2, RoundingMode.HALF_UP).toPlainString()) + ", " + l.state();
    }

    private static String describe(Map<String, String> p) {
        StringBuilder s = new StringBuilder(p.getOrDefault("list", "overall"));
        for (String k : new String[] { "leg", "cumulative", "category", "trophy", "afterTrial" }) {
            if (p.get(k) != null) {
                s.append(' ').append(k).append('=').append(p.get(k));
            }
        }
        return s.toString();
    }

    private void print(RaceFacts facts, Map<Integer, CrewResult> results) {
        List<Placed<Lists.Row>> entries = Ranking.crews(Lists.rows(facts.race(), ListSpec.of("overall", null, false, null, null),
                facts.crews(), results, Integer.MAX_VALUE), facts.race().points());
        out.println("overall, from the facts (first 10 of " + entries.size() + "):");
        entries.stream().limit(10).forEach(p -> out.printf("  %4s  car %4d  %-28s %12s  %s%n", p.rank() == null ? "-" : p.rank(),
                p.entry().crew().car(), p.entry().crew().crewName(), p.entry().score().toPlainString(), p.entry().state()));
    }

    /** A list as the service published it: its JSON (GET …/standings), or its CSV with the list named on the command line. */
    private Published read(Path file, String[] args) throws IOException {
        Map<String, String> params = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq > 0) {
                params.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
        }
        Map<Integer, Line> lines = new LinkedHashMap<>();
        String text;
        try (InputStream in = Bundles.open(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String start = text.stripLeading();
        if (start.startsWith("<")) {
            throw new IllegalArgumentException(file.getFileName() + " is a web page, not a list: save the list itself (GET "
                    + "…/standings with Accept: application/json, or …/standings.csv)");
        }
        if (start.startsWith("{") || start.startsWith("[")) {
            JsonNode list = json.readTree(text);
            if (list.has("title") && list.has("status") && !list.has("entries")) {
                throw new IllegalArgumentException(file.getFileName() + " is an error the service answered (" + list.path("status").asText()
                        + " " + list.path("title").asText() + ": " + list.path("detail").asText("") + "), not a list");
            }
            if (!list.isObject() || !list.path("entries").isArray() || !list.has("list")) {
                throw new IllegalArgumentException(file.getFileName() + " is JSON but not a list of crews (GET …/standings gives "
                        + "one: an object with list, digest and entries)");
            }
            for (String k : new String[] { "list", "leg", "cumulative", "category", "trophy", "afterTrial" }) {
                if (list.hasNonNull(k)) {
                    params.put(k, list.get(k).asText());
                }
            }
            list.path("entries").forEach(e -> lines.put(e.path("car").asInt(), new Line(e.hasNonNull("rank") ? e.get("rank").asInt() : null,
                    e.hasNonNull("score") ? e.get("score").decimalValue() : null, e.path("state").asText(null))));
            if (list.path("total").asInt(lines.size()) > lines.size()) {
                int total = list.path("total").asInt();
                throw new IllegalArgumentException("the list holds " + lines.size() + " of its " + total + " crews: "
                        + (total > Paging.MAX_SIZE ? "a JSON page stops at " + Paging.MAX_SIZE + ", so verify it from the CSV, which "
                                + "holds them all (GET …/standings.csv, with list=… and digest=… from its X-Results-Digest header)"
                                : "save it whole (size=" + Paging.MAX_SIZE + ")"));
            }
            return new Published(params, list.hasNonNull("digest") ? list.get("digest").asText() : null,
                    list.hasNonNull("revision") ? list.get("revision").asLong() : null, lines);
        }
        List<List<String>> rows = Csv.records(text); // a byte-order mark (standings.csv has one) is dropped there
        List<String> header = rows.get(0);
        int car = header.indexOf("car");
        int rank = header.indexOf("rank");
        int score = header.indexOf("score");
        int state = header.indexOf("state");
        if (car < 0 || score < 0) {
            throw new IllegalArgumentException("a CSV list needs the columns car and score (standings.csv of a list of crews)");
        }
        for (List<String> cells : rows.subList(1, rows.size())) {
            if (cells.size() <= Math.max(car, score)) {
                continue;
            }
            lines.put(Integer.valueOf(cells.get(car)), new Line(rank < 0 || cells.get(rank).isEmpty() ? null : Integer.valueOf(cells.get(rank)),
                    new BigDecimal(cells.get(score)), state < 0 ? null : cells.get(state)));
        }
        return new Published(params, params.get("digest"), null, lines);
    }
}
