package io.regularity.classification.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.domain.Evidence;
import io.regularity.classification.domain.Passage;
import io.regularity.classification.domain.PassageFact;
import io.regularity.classification.domain.PassageRecord;
import io.regularity.classification.domain.PassageVoid;
import io.regularity.classification.domain.CheckRegister.VoidRecord;
import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The passages timing-service recorded, each with the leg its point is on, and race direction's voids of them (a
 * void is kept when undone, marked restored). Every method runs on the caller's transaction.
 */
@ApplicationScoped
public class PassageStore {

    private final DataSource ds;
    private final ObjectMapper json;

    public PassageStore(DataSource ds, ObjectMapper json) {
        this.ds = ds;
        this.json = json;
    }

    /** A passage a batch added, with its race and leg. */
    public record Added(String raceId, int leg, PassageFact passage) {
    }

    private static final String[] COLUMNS = { "uuid", "text", "int4", "text", "text", "int8", "text", "text", "text", "int4", "float8",
        "float8", "text" };

    /**
     * Stores new passages; {@code legOf} gives each one's leg (null while its race is unknown). Returns the passages
     * really added (not those stored before) that have a leg, as scoring sees them (a void that came first applied).
     */
    public List<Added> insertPassages(List<Passage> passages, Function<Passage, Integer> legOf) {
        if (passages.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = passages.stream().map(p -> new Object[] { p.id(), p.raceId(), p.car(), p.point(), p.time().toString(),
                p.clockOffsetMs(), p.device(), p.source(), p.receivedAt() == null ? null : p.receivedAt().toString(), legOf.apply(p),
                p.precisionMs(), p.clockUncertaintyMs(), evidenceText(p.evidence()) })
                .toList();
        return Jdbc.query(ds, """
                with added as (
                    insert into passage (id, race_id, car, point, time, clock_offset_ms, official_time, device, source,
                                         received_at, leg, precision_ms, clock_uncertainty_ms, evidence)
                    select u.id, u.race, u.car, u.point, u.t::timestamptz, u.off,
                           u.t::timestamptz + u.off * interval '1 millisecond', u.device, u.source, u.received::timestamptz, u.leg,
                           u.prec, u.unc, u.ev::jsonb
                    from unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],
                                ?::text[], ?::int[], ?::float8[], ?::float8[], ?::text[])
                         as u(id, race, car, point, t, off, device, source, received, leg, prec, unc, ev)
                    on conflict (id) do nothing
                    returning id, race_id, car, point, official_time, leg)
                select a.id, a.car, a.point, a.official_time,
                       exists (select 1 from passage_void v where v.passage_id = a.id and v.restored_at is null), a.leg, a.race_id
                from added a where a.leg is not null
                """, (c, s) -> Jdbc.columns(c, s, 1, COLUMNS, rows), rs -> new Added(rs.getString(7), rs.getInt(6), fact(rs)));
    }

    /** Sets every passage's leg from a (new) definition: {@code legs} maps point → leg; other points get 0. */
    public void assignLegs(String raceId, Map<String, Integer> legs) {
        Jdbc.update(ds, """
                update passage p set leg = m.leg from unnest(?::text[], ?::int[]) as m(point, leg)
                where p.race_id = ? and p.point = m.point and p.leg is distinct from m.leg
                """, (c, s) -> {
            s.setArray(1, c.createArrayOf("text", legs.keySet().toArray()));
            s.setArray(2, c.createArrayOf("int4", legs.values().toArray()));
            s.setString(3, raceId);
        });
        Jdbc.update(ds, "update passage set leg = 0 where race_id = ? and leg is distinct from 0 and not point = any(?)", (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("text", legs.keySet().toArray()));
        });
    }

    /** A stored passage's car and leg. */
    public record CarLeg(int car, int leg) {
    }

    /** The car and leg of stored passages, by id (for voids). */
    public Map<UUID, CarLeg> carAndLeg(Collection<UUID> ids) {
        Map<UUID, CarLeg> found = new HashMap<>();
        if (!ids.isEmpty()) {
            Jdbc.each(ds, "select id, car, leg from passage where id = any(?) and leg is not null", 0,
                    (c, s) -> s.setArray(1, c.createArrayOf("uuid", ids.toArray())),
                    rs -> found.put(rs.getObject(1, UUID.class), new CarLeg(rs.getInt(2), rs.getInt(3))));
        }
        return found;
    }

    /** A void (kept, and the passage no longer counts), or its undoing (the passage counts again; the void stays, marked). */
    public void insertVoid(PassageVoid v) {
        if (v.restore()) {
            Jdbc.update(ds, "update passage_void set restored_at = ?, restored_by = ?, restore_reason = ? where passage_id = ?", (c, s) -> {
                s.setTimestamp(1, Timestamp.from(v.at() == null ? Instant.now() : v.at()));
                s.setString(2, v.by());
                s.setString(3, v.reason());
                s.setObject(4, v.passageId());
            });
            return;
        }
        Jdbc.update(ds, """
                insert into passage_void (passage_id, race_id, car, reason, voided_by, voided_at) values (?, ?, ?, ?, ?, ?)
                on conflict (passage_id) do update set reason = excluded.reason, voided_by = excluded.voided_by,
                    voided_at = excluded.voided_at, restored_at = null, restored_by = null, restore_reason = null
                where passage_void.restored_at is not null
                """, (c, s) -> {
            s.setObject(1, v.passageId());
            s.setString(2, v.raceId());
            s.setInt(3, v.car());
            s.setString(4, v.reason());
            s.setString(5, v.by());
            s.setTimestamp(6, v.at() == null ? null : Timestamp.from(v.at()));
        });
    }

    /** Every void of a race, restored ones too, with the passage's point and official time when it is here (the register of checks). */
    public List<VoidRecord> voids(String raceId) {
        return Jdbc.query(ds, """
                select v.passage_id, v.car, p.point, p.official_time, v.reason, v.voided_by, v.voided_at, v.restored_at, v.restored_by,
                       v.restore_reason
                from passage_void v left join passage p on p.id = v.passage_id
                where v.race_id = ? order by v.voided_at nulls last, v.passage_id
                """, (c, s) -> s.setString(1, raceId), rs -> new VoidRecord(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                instant(rs.getTimestamp(4)), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                rs.getString(9), rs.getString(10)));
    }

    /** The passages of some cars of a race on some legs, voids applied, by car and leg. */
    public Map<Integer, Map<Integer, List<PassageFact>>> passagesByLeg(String raceId, Collection<Integer> cars, Collection<Integer> legs) {
        return passagesByLeg(PASSAGES_BY_LEG + " and p.car = any(?) and p.leg = any(?)", (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("int4", cars.toArray()));
            s.setArray(3, c.createArrayOf("int4", legs.toArray()));
        });
    }

    /** The latest leg on which a passage of the race was recorded (by official time), if any. */
    public Optional<Integer> latestLeg(String raceId) {
        return Jdbc.first(ds, "select leg from passage where race_id = ? and leg is not null order by official_time desc limit 1",
                (c, s) -> s.setString(1, raceId), rs -> rs.getInt(1));
    }

    /** How many passages of a car a race has received, voided or not. */
    public long passageCount(String raceId, int car) {
        return Jdbc.first(ds, "select count(*) from passage where race_id = ? and car = ?", (c, s) -> {
            s.setString(1, raceId);
            s.setInt(2, car);
        }, rs -> rs.getLong(1)).orElse(0L);
    }

    private static final String PASSAGES_BY_LEG = """
            select p.id, p.car, p.point, p.official_time, v.passage_id is not null, p.leg
            from passage p left join passage_void v on v.passage_id = p.id and v.restored_at is null
            where p.race_id = ?""";

    private Map<Integer, Map<Integer, List<PassageFact>>> passagesByLeg(String sql, Jdbc.Binder binder) {
        Map<Integer, Map<Integer, List<PassageFact>>> byCarAndLeg = new HashMap<>();
        Jdbc.each(ds, sql, 0, binder, rs -> byCarAndLeg.computeIfAbsent(rs.getInt(2), k -> new HashMap<>())
                .computeIfAbsent(rs.getInt(6), k -> new ArrayList<>()).add(fact(rs)));
        return byCarAndLeg;
    }

    /**
     * The passages of some cars received by {@code asOf} (null: every passage), each voided or not as it stood then
     * (null: now), by car.
     */
    public Map<Integer, List<PassageFact>> passagesAsOf(String raceId, Instant asOf, Collection<Integer> cars) {
        Timestamp at = asOf == null ? null : Timestamp.from(asOf);
        Map<Integer, List<PassageFact>> byCar = new HashMap<>();
        Jdbc.each(ds, """
                select p.id, p.car, p.point, p.official_time, v.passage_id is not null
                """ + VOID_AS_OF + """
                where p.race_id = ? and p.car = any(?) and (?::timestamptz is null or p.received_at is null or p.received_at <= ?)
                """, 0, (c, s) -> {
            for (int i = 1; i <= 4; i++) {
                s.setTimestamp(i, at);
            }
            s.setString(5, raceId);
            s.setArray(6, c.createArrayOf("int4", cars.toArray()));
            s.setTimestamp(7, at);
            s.setTimestamp(8, at);
        }, rs -> {
            PassageFact p = fact(rs);
            byCar.computeIfAbsent(p.car(), k -> new ArrayList<>()).add(p);
        });
        return byCar;
    }

    /**
     * The void of a passage as it stood at a moment (four parameters, the moment each time; null: now): made by then
     * and not undone by then.
     */
    private static final String VOID_AS_OF = """
            from passage p left join passage_void v on v.passage_id = p.id
                 and (?::timestamptz is null and v.restored_at is null
                      or ?::timestamptz is not null and (v.voided_at is null or v.voided_at <= ?)
                         and (v.restored_at is null or v.restored_at > ?))
            """;

    /**
     * Every passage of one car (null: of the race), with its void as it stood at {@code asOf} (null: now), by car and
     * time; through a cursor inside a transaction, so a whole race is never held in memory.
     */
    public void passageRecords(String raceId, Integer car, Instant asOf, Consumer<PassageRecord> each) {
        Timestamp at = asOf == null ? null : Timestamp.from(asOf);
        Jdbc.each(ds, """
                select p.id, p.car, p.point, p.time, p.clock_offset_ms, p.official_time, p.device, p.source, p.received_at,
                       v.passage_id is not null, v.reason, v.voided_by, v.voided_at, p.precision_ms, p.clock_uncertainty_ms,
                       p.evidence::text
                """ + VOID_AS_OF + """
                where p.race_id = ? and (?::int is null or p.car = ?)
                  and (?::timestamptz is null or p.received_at is null or p.received_at <= ?)
                order by p.car, p.official_time, p.id
                """, 2000, (c, s) -> {
            for (int i = 1; i <= 4; i++) {
                s.setTimestamp(i, at);
            }
            s.setString(5, raceId);
            s.setObject(6, car, Types.INTEGER);
            s.setObject(7, car, Types.INTEGER);
            s.setTimestamp(8, at);
            s.setTimestamp(9, at);
        }, rs -> each.accept(record(rs)));
    }

    /** A passage record from the columns of {@link #passageRecords}. */
    private PassageRecord record(ResultSet rs) throws SQLException {
        return new PassageRecord(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getLong(5), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8), instant(rs.getTimestamp(9)),
                rs.getBoolean(10) ? new PassageRecord.Voided(rs.getString(11), rs.getString(12), instant(rs.getTimestamp(13))) : null,
                (Double) rs.getObject(14), (Double) rs.getObject(15), evidence(rs.getString(16)));
    }

    /** Evidence as stored (jsonb), null for none. */
    private String evidenceText(Evidence evidence) {
        try {
            return evidence == null ? null : json.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("evidence cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    private Evidence evidence(String text) {
        try {
            return text == null ? null : json.readValue(text, Evidence.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evidence cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** Some passages of a race with all timing said about them and their void as it stands, by id (the ids not found left out). */
    public Map<UUID, PassageRecord> passageRecords(String raceId, Collection<UUID> ids) {
        Map<UUID, PassageRecord> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Jdbc.query(ds, """
                select p.id, p.car, p.point, p.time, p.clock_offset_ms, p.official_time, p.device, p.source, p.received_at,
                       v.passage_id is not null, v.reason, v.voided_by, v.voided_at, p.precision_ms, p.clock_uncertainty_ms,
                       p.evidence::text
                """ + VOID_AS_OF + """
                where p.race_id = ? and p.id = any(?)
                """, (c, s) -> {
            for (int i = 1; i <= 4; i++) {
                s.setTimestamp(i, null);
            }
            s.setString(5, raceId);
            s.setArray(6, c.createArrayOf("uuid", ids.toArray()));
        }, this::record).forEach(p -> found.put(p.id(), p));
        return found;
    }

    /** The void timing makes of a GPS crossing at a backup line (docs/events.md): by "gps", its reason starting "GPS backup". */
    public static final String GPS_VOIDER = "gps";
    public static final String GPS_BACKUP_REASON = "GPS backup";

    /**
     * The GPS crossings at backup lines to suggest to race direction (docs/rules.md, A hose that missed): GPS passages of
     * entered cars at a known point, voided by timing as a backup line's and not restored, where the car has no counted
     * passage at that point; on a circuit leg ({@code circuitLegs}), none within {@code windowMs} of the GPS crossing (the
     * same crossing; the point's other laps have their own). By car and time.
     */
    public List<PassageFact> gpsSuggestions(String raceId, Collection<Integer> circuitLegs, long windowMs) {
        return Jdbc.query(ds, """
                select g.id, g.car, g.point, g.official_time, true
                from passage_void v join passage g on g.id = v.passage_id
                where v.race_id = ? and v.restored_at is null and v.voided_by = ? and v.reason like ? || '%'
                  and g.race_id = v.race_id and g.source = 'GPS' and g.leg is not null and g.leg > 0
                  and exists (select 1 from crew c where c.race_id = g.race_id and c.car = g.car)
                  and not exists (select 1 from passage p where p.race_id = g.race_id and p.car = g.car and p.point = g.point
                                  and p.id <> g.id
                                  and not exists (select 1 from passage_void w where w.passage_id = p.id and w.restored_at is null)
                                  and (g.leg <> all(?::int[])
                                       or abs(extract(epoch from p.official_time - g.official_time)) * 1000 <= ?))
                order by g.car, g.official_time, g.id
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setString(2, GPS_VOIDER);
            s.setString(3, GPS_BACKUP_REASON);
            s.setArray(4, c.createArrayOf("int4", circuitLegs.toArray()));
            s.setLong(5, windowMs);
        }, PassageStore::fact);
    }

    /** Passages of cars that have no crew in the race: the UNKNOWN_CAR anomalies. */
    public List<PassageFact> passagesOfUnknownCars(String raceId) {
        return Jdbc.query(ds, """
                select p.id, p.car, p.point, p.official_time, false from passage p
                where p.race_id = ? and not exists (select 1 from crew c where c.race_id = p.race_id and c.car = p.car)
                  and not exists (select 1 from passage_void v where v.passage_id = p.id and v.restored_at is null)
                order by p.car, p.official_time
                """, (c, s) -> s.setString(1, raceId), PassageStore::fact);
    }

    /** A passage from columns id, car, point, official time, voided (the point's name shared: there are few). */
    private static PassageFact fact(ResultSet rs) throws SQLException {
        return new PassageFact(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3).intern(), rs.getTimestamp(4).toInstant(),
                rs.getBoolean(5));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
