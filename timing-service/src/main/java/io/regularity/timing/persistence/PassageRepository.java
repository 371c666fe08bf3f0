package io.regularity.timing.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.regularity.support.persistence.Jdbc;
import io.regularity.timing.domain.Passage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The passage store, in plain SQL: a whole batch is one insert statement, so a batch of 1,000 passages costs a
 * handful of round trips. Call inside a transaction.
 */
@ApplicationScoped
public class PassageRepository {

    private final DataSource dataSource;

    public PassageRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A stored passage with what the server added to it; {@code evidence} a GPS passage's (GpsEvidence, as JSON), null for
     * a post's.
     */
    public record StoredPassage(String raceId, Passage passage, Instant receivedAt, String status, String voidReason,
            String voidedBy, Instant voidedAt, String evidence) {

        /** A post's passage: no evidence. */
        public StoredPassage(String raceId, Passage passage, Instant receivedAt, String status, String voidReason, String voidedBy,
                Instant voidedAt) {
            this(raceId, passage, receivedAt, status, voidReason, voidedBy, voidedAt, null);
        }
    }

    /** Inserts a GPS crossing's passage with its evidence (JSON) unless its id is stored; returns whether it was inserted. */
    public boolean insertGps(String raceId, Passage p, String evidence, Instant receivedAt) {
        return Jdbc.update(dataSource, """
                insert into passage (id, race_id, car, point, time, device, source, clock_offset_ms, received_at, precision_ms,
                                     clock_uncertainty_ms, evidence)
                values (?, ?, ?, ?, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?::jsonb)
                on conflict (id) do nothing
                """, (c, s) -> {
            s.setObject(1, p.id());
            s.setString(2, raceId);
            s.setInt(3, p.car());
            s.setString(4, p.point());
            s.setString(5, p.time().toString());
            s.setString(6, p.device());
            s.setString(7, p.source());
            s.setLong(8, p.clockOffsetMs());
            s.setTimestamp(9, Timestamp.from(receivedAt));
            s.setObject(10, p.precisionMs());
            s.setObject(11, p.clockUncertaintyMs());
            s.setString(12, evidence);
        }) == 1;
    }

    /** The race's GPS passages at a point, voided or not. */
    public List<StoredPassage> gpsAt(String raceId, String point) {
        return Jdbc.query(dataSource, SELECT + " where race_id = ? and point = ? and source = 'GPS' and evidence is not null", (c, s) -> {
            s.setString(1, raceId);
            s.setString(2, point);
        }, PassageRepository::read);
    }

    private static final String[] COLUMNS = { "uuid", "int4", "text", "text", "text", "text", "int8", "float8", "float8" };

    /** Inserts the passages whose id is new; returns the ids actually inserted. */
    public Set<UUID> insertNew(String raceId, List<Passage> passages, Instant receivedAt) {
        if (passages.isEmpty()) {
            return Set.of();
        }
        List<Object[]> rows = passages.stream().map(p -> new Object[] { p.id(), p.car(), p.point(), p.time().toString(), p.device(),
                p.source(), p.clockOffsetMs(), p.precisionMs(), p.clockUncertaintyMs() }).toList();
        return new HashSet<>(Jdbc.query(dataSource, """
                insert into passage (id, race_id, car, point, time, device, source, clock_offset_ms, received_at, precision_ms,
                                     clock_uncertainty_ms)
                select u.id, ?, u.car, u.point, u.time::timestamptz, u.device, u.source, u.off, ?, u.prec, u.unc
                from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::float8[], ?::float8[])
                     as u(id, car, point, time, device, source, off, prec, unc)
                on conflict (id) do nothing
                returning id
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setTimestamp(2, Timestamp.from(receivedAt));
            Jdbc.columns(c, s, 3, COLUMNS, rows);
        }, rs -> rs.getObject(1, UUID.class)));
    }

    private static final String[] STORED_COLUMNS = { "uuid", "text", "int4", "text", "text", "text", "text", "int8", "text", "float8",
            "float8", "text" };

    /**
     * Inserts passages as they were stored once, each with its own race and {@code receivedAt} (the recovery from Kafka,
     * {@code recovery/RestorePassages}), status RECORDED; an id already stored is left alone. Returns the ids inserted.
     * The times go through the same text cast as {@link #insertNew}, so the row is the one the post made.
     */
    public Set<UUID> insertStored(List<StoredPassage> passages) {
        if (passages.isEmpty()) {
            return Set.of();
        }
        List<Object[]> rows = passages.stream().map(s -> {
            Passage p = s.passage();
            return new Object[] { p.id(), s.raceId(), p.car(), p.point(), p.time().toString(), p.device(), p.source(), p.clockOffsetMs(),
                    s.receivedAt().toString(), p.precisionMs(), p.clockUncertaintyMs(), s.evidence() };
        }).toList();
        return new HashSet<>(Jdbc.query(dataSource, """
                insert into passage (id, race_id, car, point, time, device, source, clock_offset_ms, received_at, precision_ms,
                                     clock_uncertainty_ms, evidence)
                select u.id, u.race, u.car, u.point, u.time::timestamptz, u.device, u.source, u.off, u.received::timestamptz, u.prec, u.unc,
                       u.evidence::jsonb
                from unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[],
                            ?::float8[], ?::float8[], ?::text[])
                     as u(id, race, car, point, time, device, source, off, received, prec, unc, evidence)
                on conflict (id) do nothing
                returning id
                """, (c, s) -> Jdbc.columns(c, s, 1, STORED_COLUMNS, rows), rs -> rs.getObject(1, UUID.class)));
    }

    public Map<UUID, StoredPassage> findByIds(String raceId, Collection<UUID> ids) {
        Map<UUID, StoredPassage> found = new HashMap<>();
        if (!ids.isEmpty()) {
            Jdbc.query(dataSource, SELECT + " where id = any(?)", (c, s) -> s.setArray(1, c.createArrayOf("uuid", ids.toArray())),
                    PassageRepository::read).forEach(p -> found.put(p.passage().id(), p));
        }
        return found;
    }

    public Optional<StoredPassage> find(String raceId, UUID id) {
        return Optional.ofNullable(findByIds(raceId, List.of(id)).get(id)).filter(p -> p.raceId().equals(raceId));
    }

    /** A page of a race's passages, newest received first, optionally for one car and/or one point. */
    public List<StoredPassage> list(String raceId, Integer car, String point, String status, int page, int size) {
        return Jdbc.query(dataSource, SELECT + FILTER + " order by received_at desc, time desc, id limit ? offset ?", (c, s) -> {
            bindFilter(s, raceId, car, point, status);
            s.setInt(8, size);
            s.setLong(9, (long) page * size);
        }, PassageRepository::read);
    }

    public long count(String raceId, Integer car, String point, String status) {
        return Jdbc.query(dataSource, "select count(*) from passage" + FILTER, (c, s) -> bindFilter(s, raceId, car, point, status),
                rs -> rs.getLong(1)).get(0);
    }

    /** Marks a passage voided unless it already is; returns whether it changed. */
    public boolean markVoided(String raceId, UUID id, String reason, String by, Instant at) {
        return Jdbc.update(dataSource, """
                update passage set status = 'VOIDED', void_reason = ?, voided_by = ?, voided_at = ?
                where race_id = ? and id = ? and status <> 'VOIDED'
                """, (c, s) -> {
            s.setString(1, reason);
            s.setString(2, by);
            s.setTimestamp(3, Timestamp.from(at));
            s.setString(4, raceId);
            s.setObject(5, id);
        }) == 1;
    }

    /** A race's passages, optionally of one car and/or at one point: parameters 1 to 7. */
    private static final String FILTER = " where race_id = ? and (?::int is null or car = ?::int)"
            + " and (?::text is null or point = ?::text) and (?::text is null or status = ?::text)";

    private static void bindFilter(PreparedStatement s, String raceId, Integer car, String point, String status)
            throws SQLException {
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
        return Jdbc.update(dataSource, "update passage set status = 'RECORDED' where race_id = ? and id = ? and status = 'VOIDED'",
                (c, s) -> {
                    s.setString(1, raceId);
                    s.setObject(2, id);
                }) == 1;
    }

    /** A void or a restore, with who, when and why. */
    public record Change(UUID passageId, int car, String kind, String reason, String by, Instant at) {
    }

    public void recordChange(String raceId, Change change) {
        Jdbc.update(dataSource, """
                insert into passage_change (race_id, passage_id, car, kind, reason, changed_by, changed_at) values (?, ?, ?, ?, ?, ?, ?)
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setObject(2, change.passageId());
            s.setInt(3, change.car());
            s.setString(4, change.kind());
            s.setString(5, change.reason());
            s.setString(6, change.by());
            s.setTimestamp(7, Timestamp.from(change.at()));
        });
    }

    /** Every void and restore of these passages, in the order they were made. */
    public List<Change> changesOf(Collection<UUID> passageIds) {
        if (passageIds.isEmpty()) {
            return List.of();
        }
        return Jdbc.query(dataSource,
                "select passage_id, car, kind, reason, changed_by, changed_at from passage_change where passage_id = any(?) order by id",
                (c, s) -> s.setArray(1, c.createArrayOf("uuid", passageIds.toArray())), PassageRepository::readChange);
    }

    /** Every void and restore of a race's passages, in the order they were made. */
    public List<Change> changes(String raceId) {
        return Jdbc.query(dataSource,
                "select passage_id, car, kind, reason, changed_by, changed_at from passage_change where race_id = ? order by id",
                (c, s) -> s.setString(1, raceId), PassageRepository::readChange);
    }

    private static Change readChange(ResultSet rs) throws SQLException {
        return new Change(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant());
    }

    /**
     * A device's clock as its passages tell it: how many, from when to when, the offset and uncertainty of its last
     * passage, the worst uncertainty it sent, how its offset drifted over the race (the least-squares slope of offset
     * against time, in ms per hour; null while it measured one offset only) and the coarsest resolution of its times.
     */
    public record DeviceClock(String device, long passages, Instant first, Instant last, long offsetMs, Double clockUncertaintyMs,
            Double worstClockUncertaintyMs, Double driftMsPerHour, Double precisionMs) {
    }

    public List<DeviceClock> clocks(String raceId) {
        return Jdbc.query(dataSource, """
                select device, count(*), min(time), max(time),
                       (array_agg(clock_offset_ms order by time desc, received_at desc))[1],
                       (array_agg(clock_uncertainty_ms order by time desc, received_at desc))[1],
                       max(clock_uncertainty_ms),
                       case when count(distinct clock_offset_ms) > 1
                            then regr_slope(clock_offset_ms, extract(epoch from time)) * 3600 end,
                       max(precision_ms)
                from passage where race_id = ? group by device order by device
                """, (c, s) -> s.setString(1, raceId), rs -> new DeviceClock(rs.getString(1), rs.getLong(2),
                rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), rs.getLong(5), (Double) rs.getObject(6),
                (Double) rs.getObject(7), (Double) rs.getObject(8), (Double) rs.getObject(9)));
    }

    private static final String SELECT = "select id, race_id, car, point, time, device, source, clock_offset_ms,"
            + " received_at, status, void_reason, voided_by, voided_at, precision_ms, clock_uncertainty_ms, evidence::text from passage";

    private static StoredPassage read(ResultSet rs) throws SQLException {
        Passage p = new Passage(rs.getObject(1, UUID.class), rs.getInt(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                rs.getString(6), rs.getString(7), rs.getLong(8), (Double) rs.getObject(14), (Double) rs.getObject(15));
        Timestamp voidedAt = rs.getTimestamp(13);
        return new StoredPassage(rs.getString(2), p, rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getString(11),
                rs.getString(12), voidedAt == null ? null : voidedAt.toInstant(), rs.getString(16));
    }
}
