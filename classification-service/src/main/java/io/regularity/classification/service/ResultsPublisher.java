package io.regularity.classification.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.regularity.classification.config.ClassificationConfig;
import io.regularity.classification.events.RaceResults;
import io.regularity.classification.service.StandingsService.RankedList;
import io.regularity.support.outbox.Outbox;
import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends each race's results to {@code race-results} (through the outbox) whenever they changed: every change a scoring
 * transaction announces ({@link StandingsEvents}) marks its race, and at most every {@code regularity.results.every}
 * the marked races are read again (a race still running at most every {@code .provisional-every}: its lists are many
 * and change with every passage) and sent when their results differ from those last sent (the table
 * {@code race_results_sent} keeps the fingerprint, so several instances send a change once and a restart sends
 * only what changed meanwhile). At its start it looks at every race: nothing is missed while it was away.
 */
@ApplicationScoped
public class ResultsPublisher {

    private final StandingsService standings;
    private final StandingsEvents events;
    private final Outbox outbox;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final long everyMs;
    private final long provisionalEveryNanos;
    private final Set<String> marked = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> provisionalReadAt = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public ResultsPublisher(StandingsService standings, StandingsEvents events, Outbox outbox, DataSource dataSource, ObjectMapper json,
            ClassificationConfig config) {
        this.standings = standings;
        this.events = events;
        this.outbox = outbox;
        this.dataSource = dataSource;
        this.json = json;
        this.everyMs = config.results().every().toMillis();
        this.provisionalEveryNanos = config.results().provisionalEvery().toNanos();
    }

    void start(@Observes StartupEvent startup) {
        events.listen(this::heard);
        heard(null);
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "race-results"));
        timer.scheduleWithFixedDelay(this::sendMarked, everyMs, everyMs, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        events.unlisten(this::heard);
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** A race changed (null: any may have): its results are read again at the next turn. */
    void heard(String raceId) {
        if (raceId != null) {
            marked.add(raceId);
        } else {
            standings.races().forEach(r -> marked.add(r.id()));
        }
    }

    void sendMarked() {
        for (String raceId : List.copyOf(marked)) {
            try {
                boolean published = standings.race(raceId).map(r -> r.published() != null && r.published().race() != null).orElse(false);
                Long readAt = provisionalReadAt.get(raceId);
                if (!published && readAt != null && System.nanoTime() - readAt < provisionalEveryNanos) {
                    continue; // a race still running: its provisional results at most every provisional-every
                }
                marked.remove(raceId);
                provisionalReadAt.put(raceId, System.nanoTime());
                send(raceId);
            } catch (RuntimeException e) { // the timer's task must never end: a failed turn is tried again at the next
                Log.warnf("race-results for %s not sent yet (%s): trying again", raceId, e.getMessage());
                marked.add(raceId);
            }
        }
    }

    /**
     * Sends the race's results when they differ from those last sent; true when it did. The race's lock is taken
     * before its results are read: of several instances, each reads after the one before it sent, so the last sent
     * is the newest read.
     */
    public boolean send(String raceId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Jdbc.query(dataSource, "select pg_advisory_xact_lock(hashtext(?))", (c, s) -> s.setString(1, "race-results:" + raceId), rs -> 0);
            Optional<RaceResults.Body> body = results(raceId);
            if (body.isEmpty()) {
                return false;
            }
            String fingerprint = fingerprint(body.get());
            boolean changed = !Jdbc.query(dataSource, """
                    insert into race_results_sent (race_id, fingerprint, sent_at) values (?, ?, now())
                    on conflict (race_id) do update set fingerprint = excluded.fingerprint, sent_at = excluded.sent_at
                    where race_results_sent.fingerprint <> excluded.fingerprint
                    returning race_id
                    """, (c, s) -> {
                s.setString(1, raceId);
                s.setString(2, fingerprint);
            }, rs -> rs.getString(1)).isEmpty();
            if (changed) {
                outbox.enqueue(RaceResults.of(raceId, body.get()));
            }
            return changed;
        });
    }

    /** The race's results as they stand: its lists' positions for every crew, its publication, its PCs ({@link RaceResults#body}). */
    public Optional<RaceResults.Body> results(String raceId) {
        Optional<RankedList> overall = standings.current(raceId, RaceResults.OVERALL);
        if (overall.isEmpty()) { // a race classification does not know (any more)
            return Optional.empty();
        }
        return Optional.of(RaceResults.body(overall.get().race(), overall.get().digest(), overall.get().asOfTrial(),
                spec -> spec.equals(RaceResults.OVERALL) ? overall.get().crews()
                        : standings.current(raceId, spec).map(RankedList::crews).orElse(List.of())));
    }

    private String fingerprint(RaceResults.Body body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("results not written as JSON", e);
        }
    }
}
