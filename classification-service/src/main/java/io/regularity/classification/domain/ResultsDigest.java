package io.regularity.classification.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The digest of everything a race's lists depend on: SHA-256 over a canonical text of the facts, so
 * anyone holding the facts can recompute it, and the same facts give the same digest whatever order
 * they arrived in. docs/results.md gives the form exactly; in short, UTF-8 lines ending in {@code \n},
 * fields separated by a tab, text as a JSON string, instants in epoch milliseconds:
 *
 * <pre>
 * regularity-results-digest 1
 * race  "id"  revision
 * crew  car  coefficient(2 decimals)  "driver"  driverFemale  "codriver"|null  codriverFemale  "carModel"|null  carYear|null  "category"|null  "team"|null   (by car)
 * licence  car  "driverLicence"|null  "codriverLicence"|null   (after its crew, only when it has one)
 * band  car  "band"   (after its crew, only when it has one)
 * passages  car  leg  hex(SHA-256(passage lines of that crew on that leg))   (by car, leg; only crews on the entry list, only legs with passages)
 * ruling  id  type  car  "trial"|null  points|null  at   (rulings that count, by id)
 * </pre>
 *
 * and a passage line is {@code id  "point"  officialTime  COUNTS|VOIDED}, the lines sorted by id. The
 * per-leg digests let live scoring keep the digest as it goes: it hashes a crew's leg when it scores it.
 */
public final class ResultsDigest {

    static final String HEADER = "regularity-results-digest 1\n";

    private ResultsDigest() {
    }

    /** The digest of one crew's passages on one leg (hex), or null when there are none. */
    public static String passages(List<PassageFact> passages) {
        if (passages.isEmpty()) {
            return null;
        }
        // each line starts with its passage's id and the id's text has a fixed length: sorting the lines sorts them by id
        // (the id written once, not at every comparison: this runs for every leg scored)
        String[] lines = new String[passages.size()];
        for (int i = 0; i < lines.length; i++) {
            PassageFact p = passages.get(i);
            lines[i] = p.id() + "\t" + quote(p.point()) + "\t" + p.officialTime().toEpochMilli() + "\t" + (p.voided() ? "VOIDED" : "COUNTS")
                    + "\n";
        }
        Arrays.sort(lines);
        StringBuilder text = new StringBuilder(passages.size() * 72);
        for (String line : lines) {
            text.append(line);
        }
        return HexFormat.of().formatHex(sha256(text.toString()));
    }

    /**
     * The digest of a race's facts, {@code "sha256:<64 hex>"}.
     *
     * @param legDigests by car, then leg: {@link #passages} of that crew's passages on that leg (null or absent: none)
     * @param rulings the rulings that count
     */
    public static String of(String raceId, long revision, List<Crew> crews, Map<Integer, ? extends SortedMap<Integer, String>> legDigests,
            List<Ruling> rulings) {
        StringBuilder text = new StringBuilder(HEADER);
        text.append("race\t").append(quote(raceId)).append('\t').append(revision).append('\n');
        List<Crew> byCar = crews.stream().sorted(Comparator.comparingInt(Crew::car)).toList();
        for (Crew c : byCar) {
            BigDecimal coefficient = c.coefficient() == null ? BigDecimal.ONE : c.coefficient();
            text.append("crew\t").append(c.car()).append('\t').append(coefficient.setScale(2, RoundingMode.HALF_UP).toPlainString())
                    .append('\t').append(quote(c.driver() == null ? null : c.driver().name())).append('\t')
                    .append(c.driver() != null && c.driver().isFemale()).append('\t')
                    .append(quote(c.codriver() == null ? null : c.codriver().name())).append('\t')
                    .append(c.codriver() != null && c.codriver().isFemale()).append('\t').append(quote(c.carModel())).append('\t')
                    .append(c.carYear()).append('\t').append(quote(c.category())).append('\t').append(quote(c.team())).append('\n');
            if (c.licensed()) { // only when given: a list without licences keeps the digest it had
                text.append("licence\t").append(c.car()).append('\t').append(quote(c.driver() == null ? null : c.driver().licence()))
                        .append('\t').append(quote(c.codriver() == null ? null : c.codriver().licence())).append('\n');
            }
            if (c.band() != null) { // only when given, as the licences: a list without bands keeps the digest it had
                text.append("band\t").append(c.car()).append('\t').append(quote(c.band())).append('\n');
            }
        }
        for (Crew c : byCar) {
            SortedMap<Integer, String> legs = legDigests.get(c.car());
            if (legs != null) {
                legs.forEach((leg, digest) -> {
                    if (digest != null) {
                        text.append("passages\t").append(c.car()).append('\t').append(leg).append('\t').append(digest).append('\n');
                    }
                });
            }
        }
        rulings.stream().sorted(Comparator.comparingLong(Ruling::id)).forEach(r -> text.append("ruling\t").append(r.id()).append('\t')
                .append(r.type()).append('\t').append(r.car()).append('\t').append(quote(r.trial())).append('\t').append(r.points())
                .append('\t').append(r.at().toEpochMilli()).append('\n'));
        return "sha256:" + HexFormat.of().formatHex(sha256(text.toString()));
    }

    /** Text as a JSON string: {@code "} and {@code \} escaped, characters below U+0020 as {@code \}u00xx; null as {@code null}. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
