package io.regularity.championship.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A championship's bundle ({@code GET /api/championships/{id}/export}): its definition as race direction saved it (its
 * revision and its decisions on people included) and, round by round, the race's results it holds (revision, status,
 * digest of facts): with the rounds' own bundles, everything its lists follow from, for {@code deploy/verify-results}.
 * {@code digest} is the digest of its lists by the final rounds, {@code provisionalDigest} with the provisional ones too.
 */
public record ChampionshipBundle(String format, String championship, Instant exportedAt, long revision, Instant savedAt, String savedBy,
        Championship definition, List<HeldRound> rounds, String digest, String provisionalDigest) {

    public static final String FORMAT = "regularity-championship-bundle/1";

    /** A round whose results the championship holds: the race's definition revision, FINAL or PROVISIONAL, the digest of its facts. */
    public record HeldRound(String race, long revision, String status, String digest) {

        static HeldRound of(RoundResult r) {
            return new HeldRound(r.race(), r.revision(), r.isFinal() ? "FINAL" : "PROVISIONAL", r.digest());
        }
    }

    /** The bundle of a definition at a revision and the rounds' results that arrived (provisional ones too), in round order. */
    public static ChampionshipBundle of(Championship definition, long revision, Instant savedAt, String savedBy, Map<String, RoundResult> arrived,
            Instant exportedAt) {
        Championship c = definition.withDefaults();
        Map<String, RoundResult> finals = new LinkedHashMap<>(arrived);
        finals.values().removeIf(r -> !r.isFinal());
        List<HeldRound> rounds = c.rounds().stream().map(Championship.Round::race).filter(arrived::containsKey).map(arrived::get).map(HeldRound::of)
                .toList();
        return new ChampionshipBundle(FORMAT, definition.id(), exportedAt, revision, savedAt, savedBy, definition, rounds,
                ChampionshipDigest.of(definition.id(), revision, c, finals), ChampionshipDigest.of(definition.id(), revision, c, arrived));
    }
}
