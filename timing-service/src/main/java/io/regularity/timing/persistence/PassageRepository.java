package io.regularity.timing.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.regularity.timing.domain.Passage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The passage store, in plain SQL: a whole batch is one insert statement and one outbox statement,
 * so a batch of 1,000 passages costs a handful of round trips. Call inside a transaction.
 */
@ApplicationScoped
public class PassageRepository {

    private final DataSource dataSource;

    public PassageRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored passage with what the server added to it. */
    public record StoredPassage(String raceId, Passage passage, Instant receivedAt, String status, String voidReason,
            String voidedBy, Instant voidedAt) {
    }

    /** Inserts the passages whose id is new; returns the ids actually inserted. */
    public Set<UUID> insertNew(String raceId, List<Passage> passages, Instant receivedAt) {
        if (passages.isEmpty()) {
            return Set.of();
        }
        int n = passages.size();
        Object[] ids = new Object[n], cars = new Object[n], points = new Object[n], times = new Object[n],
                devices = new Object[n], sources = new Object[n], offsets = new Object[n];
        for (int i = 0; i < n; i++) {
            Passage p = passages.get(i);
            ids[i] = p.id();
            cars[i] = p.car();
            points[i] = p.point();
            times[i] = p.time().toString();
            devices[i] = p.device();
            sources[i] = p.source();
            offsets[i] = p.clockOffsetMs();
        }
        String sql = """
                insert into passage (id, race_id, car, point, time, device, source, clock_offset_ms, received_at)
                select u.id, ?, u.car, u.point, u.time::timestamptz, u.device, u.source, u.off, ?
                from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])
                     as u(id, car, point, time, device, source, off)
                on conflict (id) do nothing
                returning id
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, raceId);
            s.setTimestamp(2, Timestamp.from(receivedAt));
            s.setArray(3, c.createArrayOf("uuid", ids));
            s.setArray(4, c.createArrayOf("int4", cars));
            s.setArray(5, c.createArrayOf("text", points));
            s.setArray(6, c.createArrayOf("text", times));
            s.setArray(7, c.createArrayOf("text", devices));
            s.setArray(8, c.createArrayOf("text", sources));
            s.setArray(9, c.createArrayOf("int8", offsets));
            Set<UUID> inserted = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getObject(1, UUID.class));
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store passages", e);
        }
    }

    /** Queues events on the outbox, in the given order, in the caller's transaction. */
    public void enqueue(String topic, List<String> keys, List<String> payloads) {
        if (keys.isEmpty()) {
            return;
        }
        String sql = """
                insert into outbox (topic, message_key, payload)
                select ?, t.k, t.p from unnest(?::text[], ?::text[]) with ordinality as t(k, p, n) order by t.n
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, topic);
            s.setArray(2, c.createArrayOf("text", keys.toArray()));
            s.setArray(3, c.createArrayOf("text", payloads.toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not queue events", e);
        }
    }

    public Map<UUID, StoredPassage> findByIds(String raceId, Collection<UUID> ids) {
        Map<UUID, StoredPassage> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(SELECT + " where id = any(?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    StoredPassage p = read(rs);
                    found.put(p.passage().id(), p);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read passages", e);
        }
        return found;
    }

    public Optional<StoredPassage> find(String raceId, UUID id) {
        return Optional.ofNullable(findByIds(raceId, List.of(id)).get(id)).filter(p -> p.raceId().equals(raceId));
    }

    /** A page of a race's passages, newest received first, optionally for one car and/or one point. */
    public List<StoredPassage> list(String raceId, Integer car, String point, String status, int page, int size) {
        String sql = SELECT + FILTER + " order by received_at desc, time desc, id limit ? offset ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bindFilter(s, raceId, car, point, status);
            s.setInt(8, size);
            s.setLong(9, (long) page * size);
            List<StoredPassage> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(read(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list passages", e);
        }
    }

    public long count(String raceId, Integer car, String point, String status) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from passage" + FILTER)) {
            bindFilter(s, raceId, car, point, status);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count passages", e);
        }
    }

    /** Marks a passage voided unless it already is; returns whether it changed. */
    public boolean markVoided(String raceId, UUID id, String reason, String by, Instant at) {
        String sql = "update passage set status = 'VOIDED', void_reason = ?, voided_by = ?, voided_at = ?"
                + " where race_id = ? and id = ? and status <> 'VOIDED'";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, reason);
            s.setString(2, by);
            s.setTimestamp(3, Timestamp.from(at));
            s.setString(4, raceId);
            s.setObject(5, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not void passage", e);
        }
    }

    /** A race's passages, optionally of one car and/or at one point: parameters 1 to 5. */
    private static final String FILTER = " where race_id = ? and (?::int is null or car = ?::int)"
            + " and (?::text is null or point = ?::text) and (?::text is null or status = ?::text)";

    private static void bindFilter(PreparedStatement s, String raceId, Integer car, String point, String status) throws SQLException {
        s.setString(1, raceId);
        s.setObject(2, car);
        s.setObject(3, car);
        s.setString(4, point);
        s.setString(5, point);
        s.setString(6, status);
        s.setString(7, status);
    }

    /** Counts a voided passage again; false when it was not voided. */
    public boolean markRestored(String raceId, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update passage set status = 'RECORDED' where race_id = ? and id = ? and status = 'VOIDED'")) {
            s.setString(1, raceId);
            s.setObject(2, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not restore passage", e);
        }
    }

    /** A void or a restore, with who, when and why. */
    public record Change(UUID passageId, int car, String kind, String reason, String by, Instant at) {
    }

    public void recordChange(String raceId, Change change) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into passage_change (race_id, passage_id, car, kind, reason, changed_by, changed_at) values (?, ?, ?, ?, ?, ?, ?)
                """)) {
            s.setString(1, raceId);
            s.setObject(2, change.passageId());
            s.setInt(3, change.car());
            s.setString(4, change.kind());
            s.setString(5, change.reason());
            s.setString(6, change.by());
            s.setTimestamp(7, Timestamp.from(change.at()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a passage change", e);
        }
    }

    /** Every void and restore of a race's passages, in the order they were made. */
    public List<Change> changes(String raceId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select passage_id, car, kind, reason, changed_by, changed_at from passage_change where race_id = ? order by id")) {
            s.setString(1, raceId);
            List<Change> changes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    changes.add(new Change(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
            return changes;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read passage changes", e);
        }
    }

    private static final String SELECT = "select id, race_id, car, point, time, device, source, clock_offset_ms,"
            + " received_at, status, void_reason, voided_by, voided_at from passage";

    private static StoredPassage read(ResultSet rs) throws SQLException {
        Passage p = new Passage(rs.getObject(1, UUID.class), rs.getInt(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                rs.getString(6), rs.getString(7), rs.getLong(8));
        Timestamp voidedAt = rs.getTimestamp(13);
        return new StoredPassage(rs.getString(2), p, rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getString(11),
                rs.getString(12), voidedAt == null ? null : voidedAt.toInstant());
    }
}
