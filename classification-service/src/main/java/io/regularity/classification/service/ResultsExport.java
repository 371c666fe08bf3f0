package io.regularity.classification.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.regularity.classification.domain.ResultsBundle;
import io.regularity.classification.persistence.PassageStore;
import io.regularity.classification.persistence.RaceStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A race's facts at a moment as one self-contained bundle ({@link ResultsBundle}): what the offline verifier scores
 * again. The passages are streamed from a database cursor, never held whole.
 */
@ApplicationScoped
public class ResultsExport {

    private final Facts facts;
    private final RaceStore races;
    private final PassageStore passages;
    private final ObjectMapper json;

    public ResultsExport(Facts facts, RaceStore races, PassageStore passages, ObjectMapper json) {
        this.facts = facts;
        this.races = races;
        this.passages = passages;
        this.json = json;
    }

    /** The facts as of {@code at} and the header that names them; empty for a race this service does not know. */
    public Optional<Prepared> prepare(String raceId, Instant at) {
        return facts.whole(raceId, at, false).map(whole -> new Prepared(whole,
                new ResultsBundle.Header(raceId, Instant.now(), at, whole.race().revision(), whole.digest())));
    }

    public record Prepared(Facts.Whole facts, ResultsBundle.Header header) {
    }

    /** Writes the bundle of prepared facts; the passages are those received by the header's asOf. */
    public void write(Prepared prepared, OutputStream out) {
        String raceId = prepared.header().raceId();
        Instant at = prepared.header().asOf();
        String definition = races.definitionText(raceId, prepared.header().revision())
                .orElseThrow(() -> new IllegalStateException("race " + raceId + " has no stored definition"));
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                ResultsBundle.write(json, out, prepared.header(), definition, prepared.facts().crews(), prepared.facts().rulings(),
                        sink -> passages.passageRecords(raceId, null, at, p -> sink.accept(new ResultsBundle.Passage(p.id(), p.car(), p.point(),
                                p.time(), p.clockOffsetMs(), p.officialTime(), p.device(), p.source(), p.receivedAt(),
                                p.voided() == null ? "COUNTS" : "VOIDED",
                                p.voided() == null ? null : new ResultsBundle.Voided(p.voided().reason(), p.voided().by(), p.voided().at()),
                                p.precisionMs(), p.clockUncertaintyMs(), p.evidence()))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
