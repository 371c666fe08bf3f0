package io.regularity.classification.persistence;

import java.util.Optional;

import javax.sql.DataSource;

import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Classification's own facts as they travel on Kafka: a race's decisions (its rows of crew, ruling and
 * anomaly_handled, as JSON in the tables' own columns) with the version of their last publication. Every method runs
 * on the caller's transaction.
 */
@ApplicationScoped
public class DecisionLog {

    /** The tables a race's decisions live in: all of them are published, and restored, together. */
    static final String[] TABLES = { "crew", "ruling", "anomaly_handled", "protest" };

    private final DataSource ds;

    public DecisionLog(DataSource ds) {
        this.ds = ds;
    }

    /** The next version of a race's decisions (1 for the first), counted in this transaction. */
    public long nextVersion(String raceId) {
        return Jdbc.first(ds, """
                insert into decisions_version (race_id, version) values (?, 1)
                on conflict (race_id) do update set version = decisions_version.version + 1 returning version
                """, (c, s) -> s.setString(1, raceId), rs -> rs.getLong(1)).orElseThrow();
    }

    /** A race's decisions as one JSON object: {crew: [rows], ruling: [rows], anomaly_handled: [rows]}. */
    public String snapshot(String raceId) {
        StringBuilder sql = new StringBuilder("select json_build_object(");
        for (int i = 0; i < TABLES.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("'").append(TABLES[i]).append("', coalesce((select json_agg(t order by t) from ")
                    .append(TABLES[i]).append(" t where race_id = ?), '[]'::json)");
        }
        sql.append(")::text");
        return Jdbc.first(ds, sql.toString(), (c, s) -> {
            for (int i = 1; i <= TABLES.length; i++) {
                s.setString(i, raceId);
            }
        }, rs -> rs.getString(1)).orElseThrow();
    }

    /**
     * Takes a published snapshot when it is newer than what the database holds: the race's rows are replaced by it
     * (ruling ids kept, the id sequence moved past them). False when the database holds that version or a later one.
     */
    /** Whether {@code version} is newer than the race's decisions held here (none held: it is). */
    public boolean newer(String raceId, long version) {
        Optional<Long> held = Jdbc.first(ds, "select version from decisions_version where race_id = ?", (c, s) -> s.setString(1, raceId),
                rs -> rs.getLong(1));
        return held.isEmpty() || held.get() < version;
    }

    public boolean restore(String raceId, long version, String snapshot) {
        Optional<Long> held = Jdbc.first(ds, "select version from decisions_version where race_id = ? for update",
                (c, s) -> s.setString(1, raceId), rs -> rs.getLong(1));
        if (held.isPresent() && held.get() >= version) {
            return false;
        }
        for (String table : TABLES) {
            Jdbc.update(ds, "delete from " + table + " where race_id = ?", (c, s) -> s.setString(1, raceId));
            Jdbc.update(ds, "insert into " + table + " select * from json_populate_recordset(null::" + table + ", (?::json)->'" + table
                    + "') where race_id = ?", (c, s) -> {
                        s.setString(1, snapshot);
                        s.setString(2, raceId);
                    });
        }
        Jdbc.first(ds, "select setval(pg_get_serial_sequence('ruling', 'id'), greatest((select max(id) from ruling), 1))",
                Jdbc.NONE, rs -> rs.getLong(1));
        Jdbc.update(ds, """
                insert into decisions_version (race_id, version) values (?, ?)
                on conflict (race_id) do update set version = excluded.version
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setLong(2, version);
        });
        return true;
    }
}
