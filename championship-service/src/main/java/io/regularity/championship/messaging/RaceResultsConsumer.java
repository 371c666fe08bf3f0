package io.regularity.championship.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.logging.Log;
import io.regularity.championship.events.RaceResults;
import io.regularity.championship.persistence.ChampionshipStore;
import io.regularity.championship.persistence.RoundStore;
import io.regularity.championship.service.ChampionshipEvents;
import io.regularity.support.messaging.DatabaseRetry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps each race's latest results from {@code race-results}, read from the beginning at every start (the topic is
 * compacted: each race's latest): what this service holds of the rounds is rebuilt from Kafka alone.
 */
@ApplicationScoped
public class RaceResultsConsumer {

    private final ObjectReader reader;
    private final RoundStore rounds;
    private final ChampionshipStore championships;
    private final ChampionshipEvents events;
    private final DatabaseRetry retry;

    public RaceResultsConsumer(ObjectMapper json, RoundStore rounds, ChampionshipStore championships, ChampionshipEvents events,
            DatabaseRetry retry) {
        this.reader = json.readerFor(RaceResults.class);
        this.rounds = rounds;
        this.championships = championships;
        this.events = events;
        this.retry = retry;
    }

    @Incoming("race-results")
    @Blocking
    public void consume(String payload) {
        RaceResults results;
        try {
            results = reader.readValue(payload);
        } catch (Exception e) {
            Log.errorf("skipped a race-results record: %s: %.200s", e.getMessage(), payload);
            return;
        }
        if (!"RaceResults".equals(results.type()) || results.raceId() == null || results.results() == null) {
            Log.errorf("skipped a race-results record that is no RaceResults: %.200s", payload);
            return;
        }
        retry.run("keep the results of " + results.raceId(), () -> rounds.put(results, payload));
        events.changed(championships.withRound(results.raceId()));
    }
}
