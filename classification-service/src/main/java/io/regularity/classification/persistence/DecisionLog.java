package io.regularity.classification.persistence;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Classification's own facts as they travel on Kafka: a race's decisions (its rows of crew, ruling and
 * anomaly_handled, as JSON in the tables' own columns) with the version of their last publication, and how far each
 * partition of a topic was applied. Every method runs on the caller's transaction.
 */
@ApplicationScoped
public class DecisionLog {

    /** The tables a race's decisions live in: all of them are published, and restored, together. */
    static final String[] TABLES = { "crew", "ruling", "anomaly_handled" };

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

    /** Where each partition of {@code topic} was applied to: the offset to read next. */
    public Map<Integer, Long> positions(String topic) {
        return Jdbc.query(ds, "select partition, next_offset from consumer_position where topic = ?", (c, s) -> s.setString(1, topic),
                rs -> Map.entry(rs.getInt(1), rs.getLong(2))).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Records that {@code topic} was applied up to these offsets (never moving a partition back). */
    public void advance(String topic, Map<Integer, Long> nextOffsets) {
        // in the order of the partitions: two consumers that held the same partition for a moment (a rebalance) lock its
        // row in the same order as every other, and never wait for each other in a circle
        new TreeMap<>(nextOffsets).forEach((partition, next) -> Jdbc.update(ds, """
                insert into consumer_position (topic, partition, next_offset) values (?, ?, ?)
                on conflict (topic, partition) do update set next_offset = greatest(consumer_position.next_offset, excluded.next_offset)
                """, (c, s) -> {
            s.setString(1, topic);
            s.setInt(2, partition);
            s.setLong(3, next);
        }));
    }
}
