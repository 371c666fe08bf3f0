package io.regularity.championship.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.championship.domain.Championship;
import io.regularity.championship.domain.ChampionshipBundle;
import io.regularity.championship.domain.ChampionshipDigest;
import io.regularity.championship.domain.ListSpec;
import io.regularity.championship.domain.RoundResult;
import io.regularity.championship.domain.Standings;
import io.regularity.championship.events.RaceResults;
import io.regularity.support.Bundles;

/**
 * {@code deploy/verify-results CHAMPIONSHIP.json [STANDINGS.json] ROUND…}: recomputes a championship's list offline with the
 * service's own rules ({@link Standings}, {@link ChampionshipDigest}), no server and no database, from its bundle
 * ({@code GET /api/championships/{id}/export}) and its rounds' results, each made from the round's own bundle by
 * classification's verifier ({@code verify-results --round}); checks that each round's results are those the championship
 * counted (race, revision, status, digest of facts), and, given a published list ({@code GET …/standings}), that it follows:
 * the same digest, and for each person the same rank, points, rounds started, classification and round by round the same
 * position, points and whether they count. Exit 0 when everything matches, 1 when something does not, 2 when an input
 * cannot be read or a round the list counts was not given.
 */
public final class VerifyChampionship {

    public static final String ROUND_FORMAT = "regularity-round-results/1";

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public VerifyChampionship(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new VerifyChampionship(System.out).run(args));
    }

    /** Why the inputs cannot be verified: exit 2. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    public int run(String... args) {
        if (args.length < 1 || args[0].startsWith("-")) {
            out.println("usage: VerifyChampionship CHAMPIONSHIP.json [STANDINGS.json] ROUND.json…  (ROUND: verify-results --round "
                    + "BUNDLE; or, through deploy/verify-results, the rounds' bundles themselves)");
            return 2;
        }
        try {
            ChampionshipBundle bundle = bundle(Path.of(args[0]));
            JsonNode standings = null;
            Map<String, RoundResult> given = new LinkedHashMap<>();
            for (int i = 1; i < args.length; i++) {
                Path file = Path.of(args[i]);
                JsonNode node = read(file);
                if (isRound(node)) {
                    RoundResult round = json.treeToValue(node, RaceResults.class).round();
                    if (given.put(round.race(), round) != null) {
                        throw new Unreadable("two results of round " + round.race() + " given");
                    }
                } else if (node.isObject() && node.has("championship") && node.path("entries").isArray()) {
                    if (standings != null) {
                        throw new Unreadable("two published lists given: verify one at a time");
                    }
                    standings = node;
                } else {
                    throw new Unreadable(file.getFileName() + " is " + what(node) + ", neither a championship's list (GET …/standings) nor "
                            + "a round's results (verify-results --round BUNDLE)");
                }
            }
            return verify(bundle, standings, given) ? 0 : 1;
        } catch (Unreadable | IOException | IllegalArgumentException e) {
            out.println("cannot verify: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) { // a file of the right kind with something missing inside: unreadable, not a mismatch
            out.println("cannot verify: " + e);
            return 2;
        }
    }

    private boolean verify(ChampionshipBundle bundle, JsonNode standings, Map<String, RoundResult> given) {
        Championship definition = bundle.definition().withDefaults();
        String id = bundle.championship();
        boolean ok = true;
        out.printf("championship  %s, revision %d (saved %s by %s): %d rounds, %d with results%n", id, bundle.revision(), bundle.savedAt(),
                bundle.savedBy(), definition.rounds().size(), bundle.rounds().size());
        boolean provisional = standings != null && standings.path("provisional").asBoolean(false);
        ListSpec list = standings == null ? ListSpec.OVERALL : new ListSpec(ListSpec.Kind.of(standings.path("list").asText("overall")),
                standings.hasNonNull("category") ? standings.get("category").asText() : null,
                standings.hasNonNull("trophy") ? standings.get("trophy").asText() : null);

        // each round the championship holds: its results given, the same as those it counted
        Map<String, RoundResult> counted = new LinkedHashMap<>();
        for (ChampionshipBundle.HeldRound round : bundle.rounds()) {
            boolean counts = "FINAL".equals(round.status()) || provisional;
            RoundResult r = given.get(round.race());
            if (r == null) {
                if (counts) {
                    throw new Unreadable("the results of round " + round.race() + " (revision " + round.revision() + ", " + round.status()
                            + ") are not given: export its bundle (GET /api/races/" + round.race() + "/export) and give it too");
                }
                out.printf("round         %s: %s, not counted by this list, not given%n", round.race(), round.status());
                continue;
            }
            String status = r.isFinal() ? "FINAL" : "PROVISIONAL";
            List<String> differs = new ArrayList<>();
            if (r.revision() != round.revision()) {
                differs.add("revision " + r.revision() + ", the championship counted revision " + round.revision());
            }
            if (!status.equals(round.status())) {
                differs.add(status + ", the championship counted it " + round.status());
            }
            if (!Objects.equals(r.digest(), round.digest())) {
                differs.add("facts with digest " + r.digest() + ", the championship counted " + round.digest());
            }
            if (differs.isEmpty()) {
                out.printf("round         %s: revision %d, %s, digest %s: the one the championship counted%n", round.race(), r.revision(),
                        status, r.digest());
            } else {
                differs.forEach(d -> out.println("MISMATCH round " + round.race() + ": its results are of " + d));
                ok = false;
            }
            if (counts) {
                counted.put(round.race(), r);
            }
        }
        given.keySet().stream().filter(race -> bundle.rounds().stream().noneMatch(r -> r.race().equals(race)))
                .forEach(race -> out.println("note          " + race + " is not a round whose results the championship held: left out"));

        // the list and its digest, from the definition and the rounds' results
        Standings.Table table = Standings.of(definition, list, counted);
        String digest = ChampionshipDigest.of(id, bundle.revision(), definition, counted);
        out.println("digest        " + digest + " (recomputed from the definition and the rounds' results)");
        String exported = provisional ? bundle.provisionalDigest() : bundle.digest();
        if (!digest.equals(exported)) {
            out.println("MISMATCH the championship's bundle says its " + (provisional ? "provisional " : "") + "lists have digest " + exported);
            ok = false;
        }
        if (standings == null) {
            print(table);
            out.println(ok ? "OK      the rounds' digests are those the championship counted (their positions as given: made from the "
                    + "rounds' bundles by deploy/verify-results, they are the facts'; a published list is then held against them)"
                    : "FAILED  the rounds' results are not those the championship counted");
            return ok;
        }
        if (!id.equals(standings.path("championship").asText())) {
            out.println("MISMATCH the list is of championship " + standings.path("championship").asText() + ", the bundle of " + id);
            ok = false;
        }
        if (standings.hasNonNull("revision") && standings.get("revision").asLong() != bundle.revision()) {
            out.println("MISMATCH the list was computed from the definition's revision " + standings.get("revision").asLong()
                    + ", the bundle holds revision " + bundle.revision());
            ok = false;
        }
        if (!standings.hasNonNull("digest")) {
            out.println("MISMATCH the list says no digest: what it was computed from cannot be told");
            ok = false;
        } else if (!standings.get("digest").asText().equals(digest)) {
            out.println("MISMATCH the list was computed from what has digest " + standings.get("digest").asText()
                    + ", not from this definition and these rounds");
            ok = false;
        } else {
            out.println("digest        the list's digest is the recomputed one");
        }
        ok &= compare(table, standings);
        out.println(ok ? "OK      the list follows from the definition and the rounds" : "FAILED  the list does not follow from the definition and the rounds");
        return ok;
    }

    /** A person's line as the verifier compares it. */
    record Line(Integer rank, BigDecimal points, int started, boolean classified, List<String> rounds) {
        String show() {
            return (rank == null ? "no rank" : "rank " + rank) + ", " + points.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " points, "
                    + started + " started" + (classified ? "" : ", not classified") + ", rounds " + rounds;
        }

        boolean same(Line o) {
            return Objects.equals(rank, o.rank) && points.compareTo(o.points) == 0 && started == o.started && classified == o.classified
                    && rounds.equals(o.rounds);
        }
    }

    private static String round(String race, Integer position, BigDecimal points, Object why) {
        return race + " " + (position == null ? "-" : position) + " " + points.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " " + why;
    }

    private boolean compare(Standings.Table table, JsonNode standings) {
        Map<String, Line> expected = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Standings.Row r : table.rows()) {
            expected.put(r.key(), new Line(r.rank(), r.points(), r.started(), r.classified(),
                    r.rounds().stream().map(l -> round(l.race(), l.position(), l.points(), l.why())).toList()));
            names.put(r.key(), r.who().name());
        }
        Map<String, Line> published = new LinkedHashMap<>();
        for (JsonNode e : standings.get("entries")) {
            List<String> rounds = new ArrayList<>();
            e.path("rounds").forEach(l -> rounds.add(round(l.path("race").asText(), l.hasNonNull("position") ? l.get("position").asInt() : null,
                    l.path("points").decimalValue(), l.path("why").asText())));
            published.put(e.path("key").asText(), new Line(e.hasNonNull("rank") ? e.get("rank").asInt() : null, e.path("points").decimalValue(),
                    e.path("started").asInt(), e.path("classified").asBoolean(), rounds));
            names.putIfAbsent(e.path("key").asText(), e.at("/person/name").asText());
        }
        out.printf("list          %s: %d published, %d recomputed%n", describe(table.list()), published.size(), expected.size());
        List<String> differences = new ArrayList<>();
        expected.forEach((key, line) -> {
            Line p = published.get(key);
            if (p == null) {
                differences.add(names.get(key) + " (" + key + "): not in the list; recomputed " + line.show());
            } else if (!p.same(line)) {
                differences.add(names.get(key) + " (" + key + "): the list says " + p.show() + "; recomputed " + line.show());
            }
        });
        published.keySet().stream().filter(k -> !expected.containsKey(k))
                .forEach(k -> differences.add(names.get(k) + " (" + k + "): in the list, but nobody the rounds give"));
        differences.forEach(d -> out.println("DIFFERS " + d));
        if (!differences.isEmpty()) {
            out.println(differences.size() + " person(s) differ");
        }
        return differences.isEmpty();
    }

    private static String describe(ListSpec list) {
        return list.kind().json() + (list.category() != null ? " " + list.category() : "") + (list.trophy() != null ? " " + list.trophy() : "");
    }

    private void print(Standings.Table table) {
        out.println(describe(table.list()) + ", recomputed (first 10 of " + table.rows().size() + "):");
        table.rows().stream().limit(10).forEach(r -> out.printf("  %4s  %-32s %10s  %d started%n", r.rank() == null ? "-" : r.rank(),
                r.who().name(), r.points().toPlainString(), r.started()));
    }

    private ChampionshipBundle bundle(Path file) throws IOException {
        JsonNode node = read(file);
        if (!ChampionshipBundle.FORMAT.equals(node.path("format").asText())) {
            throw new Unreadable(file.getFileName() + " is " + what(node) + ", not a championship's bundle (GET /api/championships/{id}/export)");
        }
        ChampionshipBundle bundle = json.treeToValue(node, ChampionshipBundle.class);
        if (bundle.championship() == null || bundle.definition() == null || bundle.rounds() == null || bundle.definition().rounds() == null) {
            throw new Unreadable(file.getFileName() + " is not a complete championship's bundle: championship, definition and rounds are needed");
        }
        return bundle;
    }

    private static boolean isRound(JsonNode node) {
        return node.isObject() && (ROUND_FORMAT.equals(node.path("format").asText()) || "RaceResults".equals(node.path("type").asText()))
                && node.path("results").isObject() && node.hasNonNull("raceId");
    }

    /** What a file that is not what was wanted is, in a word. */
    private static String what(JsonNode node) {
        if (node == null) {
            return "not JSON";
        }
        if (node.has("title") && node.has("status") && !node.has("entries")) {
            return "an error the service answered (" + node.path("status").asText() + " " + node.path("title").asText() + ")";
        }
        if ("regularity-results-bundle/1".equals(node.path("format").asText())) {
            return "a race's bundle (give it through deploy/verify-results, which makes the round's results from it)";
        }
        return "JSON of another shape";
    }

    private JsonNode read(Path file) throws IOException {
        String text;
        try (InputStream in = Bundles.open(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (text.stripLeading().startsWith("<")) {
            throw new Unreadable(file.getFileName() + " is a web page, not JSON");
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new Unreadable(file.getFileName() + " is not JSON: " + e.getMessage().split("\n")[0]);
        }
    }
}
