package io.regularity.championship.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.championship.events.RaceResults;
import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/** Each race's latest results as race-results carried them: the rounds every championship reads. */
@ApplicationScoped
public class RoundStore {

    private final DataSource ds;
    private final ObjectMapper json;

    public RoundStore(DataSource ds, ObjectMapper json) {
        this.ds = ds;
        this.json = json;
    }

    /** Keeps a race's results, replacing those it had: the topic brings each race's in order, the latest last. */
    public void put(RaceResults results, String text) {
        Jdbc.update(ds, """
                insert into round_result (race_id, status, revision, digest, results, received_at) values (?, ?, ?, ?, ?::jsonb, ?)
                on conflict (race_id) do update set status = excluded.status, revision = excluded.revision, digest = excluded.digest,
                    results = excluded.results, received_at = excluded.received_at
                """, (c, s) -> {
            s.setString(1, results.raceId());
            s.setString(2, results.results().status());
            s.setLong(3, results.results().revision());
            s.setString(4, results.results().digest());
            s.setString(5, text);
            s.setTimestamp(6, Timestamp.from(Instant.now()));
        });
    }

    /** The results of these races that arrived, by race. */
    public Map<String, RaceResults> results(List<String> races) {
        Map<String, RaceResults> found = new LinkedHashMap<>();
        Jdbc.query(ds, "select race_id, results::text from round_result where race_id = any(?)",
                (c, s) -> s.setArray(1, c.createArrayOf("text", races.toArray())), rs -> {
                    try {
                        found.put(rs.getString(1), json.readValue(rs.getString(2), RaceResults.class));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("stored results of " + rs.getString(1) + " unreadable", e);
                    }
                    return 0;
                });
        return found;
    }

    /** Whether the system has results of this race: a race of the system, that a championship may name. */
    public boolean known(String race) {
        return !Jdbc.query(ds, "select 1 from round_result where race_id = ?", (c, s) -> s.setString(1, race), rs -> 1).isEmpty();
    }
}
