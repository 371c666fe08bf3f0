package io.regularity.championship.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The digest of what a championship's list follows from: the definition's revision and, round by round, the race's
 * revision, status and digest of facts (docs/results.md). The same definition and the same rounds give the same digest;
 * any round published again changes it.
 */
public final class ChampionshipDigest {

    private ChampionshipDigest() {
    }

    public static String of(String id, long revision, Championship championship, Map<String, RoundResult> rounds) {
        StringBuilder text = new StringBuilder("regularity-championship-digest 1\n");
        text.append("championship\t").append(id).append('\t').append(revision).append('\n');
        for (Championship.Round round : championship.rounds()) {
            RoundResult r = rounds.get(round.race());
            if (r != null) {
                text.append("round\t").append(round.race()).append('\t').append(r.revision()).append('\t')
                        .append(r.isFinal() ? "FINAL" : "PROVISIONAL").append('\t').append(r.digest()).append('\n');
            }
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
