package io.regularity.classification.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.regularity.classification.domain.Anomaly.Handled;
import io.regularity.classification.domain.Ruling;
import io.regularity.classification.domain.RulingRecord;
import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Race direction's decisions: rulings (never deleted; a revoked one stays, marked) and the anomalies it marked
 * handled. Every method runs on the caller's transaction.
 */
@ApplicationScoped
public class RulingStore {

    private final DataSource ds;

    public RulingStore(DataSource ds) {
        this.ds = ds;
    }

    public long addRuling(String raceId, Ruling r) {
        return Jdbc.query(ds, """
                insert into ruling (race_id, type, car, trial, points, reason, ruled_by, ruled_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setString(2, r.type().name());
            s.setInt(3, r.car());
            s.setString(4, r.trial());
            s.setObject(5, r.points());
            s.setString(6, r.reason());
            s.setString(7, r.by());
            s.setTimestamp(8, Timestamp.from(r.at()));
        }, rs -> rs.getLong(1)).get(0);
    }

    /** The rulings that count (not revoked) about some cars, by car. */
    public Map<Integer, List<Ruling>> rulings(String raceId, Collection<Integer> cars) {
        return byCar(rulingsAsOf(raceId, null, cars));
    }

    /** The rulings about some cars that counted at {@code asOf} (made by then, not revoked by then; null: now), in order. */
    public List<Ruling> rulingsAsOf(String raceId, Instant asOf, Collection<Integer> cars) {
        Timestamp at = asOf == null ? null : Timestamp.from(asOf);
        return Jdbc.query(ds, """
                select id, type, car, trial, points, reason, ruled_by, ruled_at from ruling
                where race_id = ? and car = any(?) and (?::timestamptz is null and revoked_at is null
                      or ?::timestamptz is not null and ruled_at <= ? and (revoked_at is null or revoked_at > ?))
                order by id
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("int4", cars.toArray()));
            for (int i = 3; i <= 6; i++) {
                s.setTimestamp(i, at);
            }
        }, RulingStore::ruling);
    }

    private static Map<Integer, List<Ruling>> byCar(List<Ruling> rulings) {
        Map<Integer, List<Ruling>> byCar = new HashMap<>();
        rulings.forEach(r -> byCar.computeIfAbsent(r.car(), k -> new ArrayList<>()).add(r));
        return byCar;
    }

    /** A ruling from the columns id, type, car, trial, points, reason, ruled_by, ruled_at, in that order. */
    private static Ruling ruling(ResultSet rs) throws SQLException {
        return new Ruling(rs.getLong(1), Ruling.Type.valueOf(rs.getString(2)), rs.getInt(3), rs.getString(4), (Integer) rs.getObject(5),
                rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant());
    }

    /** Every ruling of a race, revoked ones too, in the order they were made. */
    public List<RulingRecord> allRulings(String raceId) {
        return Jdbc.query(ds, """
                select id, type, car, trial, points, reason, ruled_by, ruled_at, revoked_at, revoked_by, revoke_reason from ruling
                where race_id = ? order by id
                """, (c, s) -> s.setString(1, raceId), rs -> new RulingRecord(ruling(rs),
                rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getString(11)));
    }

    /** Revokes a ruling that counts; false when there is no such ruling or it was revoked already. */
    public boolean revokeRuling(String raceId, long id, String by, String reason, Instant at) {
        return Jdbc.update(ds, """
                update ruling set revoked_at = ?, revoked_by = ?, revoke_reason = ? where race_id = ? and id = ? and revoked_at is null
                """, (c, s) -> {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, by);
            s.setString(3, reason);
            s.setString(4, raceId);
            s.setLong(5, id);
        }) == 1;
    }

    public Map<String, Handled> handledAnomalies(String raceId) {
        Map<String, Handled> handled = new HashMap<>();
        Jdbc.each(ds, "select anomaly_id, note, handled_by, handled_at from anomaly_handled where race_id = ?", 0,
                (c, s) -> s.setString(1, raceId),
                rs -> handled.put(rs.getString(1), new Handled(rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant())));
        return handled;
    }

    public void markHandled(String raceId, String anomalyId, Handled handled) {
        Jdbc.update(ds, """
                insert into anomaly_handled (race_id, anomaly_id, note, handled_by, handled_at) values (?, ?, ?, ?, ?)
                on conflict (race_id, anomaly_id) do update set note = excluded.note, handled_by = excluded.handled_by,
                    handled_at = excluded.handled_at
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setString(2, anomalyId);
            s.setString(3, handled.note());
            s.setString(4, handled.by());
            s.setTimestamp(5, Timestamp.from(handled.at()));
        });
    }
}
