package io.regularity.championship.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.logging.Log;
import io.regularity.championship.events.ChampionshipDefined;
import io.regularity.championship.persistence.ChampionshipStore;
import io.regularity.championship.service.ChampionshipEvents;
import io.regularity.support.messaging.DatabaseRetry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads every revision of every definition back from {@code championships} at every start: a revision the database
 * holds (its own, the usual case) changes nothing; one it lacks (a database lost, or restored from an older backup)
 * is kept as it was saved, with its revision, time and author.
 */
@ApplicationScoped
public class ChampionshipsConsumer {

    private final ObjectReader reader;
    private final ChampionshipStore championships;
    private final ChampionshipEvents events;
    private final DatabaseRetry retry;

    public ChampionshipsConsumer(ObjectMapper json, ChampionshipStore championships, ChampionshipEvents events, DatabaseRetry retry) {
        this.reader = json.readerFor(ChampionshipDefined.class);
        this.championships = championships;
        this.events = events;
        this.retry = retry;
    }

    @Incoming(ChampionshipDefined.TOPIC)
    @Blocking
    public void consume(String payload) {
        ChampionshipDefined defined;
        try {
            defined = reader.readValue(payload);
        } catch (Exception e) {
            Log.errorf("skipped a championships record: %s: %.200s", e.getMessage(), payload);
            return;
        }
        if (!ChampionshipDefined.TYPE.equals(defined.type()) || defined.id() == null || defined.definition() == null) {
            Log.errorf("skipped a championships record that is no ChampionshipDefined: %.200s", payload);
            return;
        }
        retry.run("keep revision " + defined.revision() + " of championship " + defined.id(), () -> championships.restore(defined));
        events.changed(java.util.List.of(defined.id()));
    }
}
