package io.regularity.classification.persistence;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.Passage;
import io.regularity.classification.domain.PassageFact;
import io.regularity.classification.domain.PassageVoid;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.RaceFacts;
import io.regularity.classification.domain.Ruling;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The facts classification works from: races, crews, passages, voids, rulings and the ids of the
 * events already applied. Every method runs on the caller's transaction.
 */
@ApplicationScoped
public class FactStore {

    private final DataSource ds;
    private final ObjectMapper json;
    /** Parsed definitions by race, replaced when a newer revision is read: a cache of the table, nothing more. */
    private final Map<String, RaceDefinition> definitions = new ConcurrentHashMap<>();

    public FactStore(DataSource ds, ObjectMapper json) {
        this.ds = ds;
        this.json = json;
    }

    // ---- processed events

    /** Records event ids as applied; returns those that were not applied before. */
    public Set<UUID> markProcessed(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(Jdbc.query(ds, """
                insert into processed_event (event_id) select unnest(?::uuid[]) on conflict do nothing returning event_id
                """, (c, s) -> s.setArray(1, c.createArrayOf("uuid", eventIds.toArray())), rs -> rs.getObject(1, UUID.class)));
    }

    /** Forgets the ids of events applied more than {@code keep} ago; how many. */
    public int forgetProcessedBefore(java.time.Duration keep) {
        return Jdbc.update(ds, "delete from processed_event where processed_at < now() - ? * interval '1 second'",
                (c, s) -> s.setLong(1, keep.toSeconds()));
    }

    public void reject(String topic, String payload, String reason) {
        Jdbc.update(ds, "insert into rejected_event (topic, payload, reason) values (?, ?, ?)", (c, s) -> {
            s.setString(1, topic);
            s.setString(2, payload.length() > 100_000 ? payload.substring(0, 100_000) : payload);
            s.setString(3, reason);
        });
    }

    // ---- races

    /**
     * Stores a definition unless a newer revision is already stored; returns whether it was stored. Every revision
     * is also kept with the time it was made ({@code definedAt}, null if unknown), for lists as of a past moment.
     */
    public boolean putRace(String raceId, long revision, String definition, java.time.Instant definedAt) {
        Jdbc.update(ds, """
                insert into race_revision (race_id, revision, definition, defined_at) values (?, ?, ?::jsonb, ?)
                on conflict do nothing
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setLong(2, revision);
            s.setString(3, definition);
            s.setTimestamp(4, definedAt == null ? null : Timestamp.from(definedAt));
        });
        return Jdbc.update(ds, """
                insert into race (id, revision, definition) values (?, ?, ?::jsonb)
                on conflict (id) do update set revision = excluded.revision, definition = excluded.definition
                where race.revision < excluded.revision
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setLong(2, revision);
            s.setString(3, definition);
        }) == 1;
    }

    public Optional<RaceDefinition> race(String raceId) {
        List<Long> revisions = Jdbc.query(ds, "select revision from race where id = ?", (c, s) -> s.setString(1, raceId),
                rs -> rs.getLong(1));
        if (revisions.isEmpty()) {
            return Optional.empty();
        }
        long revision = revisions.get(0);
        RaceDefinition cached = definitions.get(raceId);
        if (cached != null && cached.revision() == revision) {
            return Optional.of(cached); // the definition itself is read only when its revision is new here
        }
        List<String> texts = Jdbc.query(ds, "select definition from race where id = ? and revision = ?", (c, s) -> {
            s.setString(1, raceId);
            s.setLong(2, revision);
        }, rs -> rs.getString(1));
        if (texts.isEmpty()) {
            return race(raceId); // replaced meanwhile by a newer revision
        }
        RaceDefinition parsed = parse(raceId, revision, texts.get(0));
        definitions.put(raceId, parsed);
        return Optional.of(parsed);
    }

    private RaceDefinition parse(String raceId, long revision, String text) {
        try {
            return RaceDefinition.read(json, raceId, revision, text);
        } catch (Exception e) {
            throw new IllegalStateException("stored definition of race " + raceId + " is unreadable", e);
        }
    }

    /**
     * The definition in force at a moment: the last revision made by then (revisions of unknown time count as the
     * earliest), or the first one when the race had none yet. Empty for a race this service does not know.
     */
    public Optional<RaceDefinition> raceAsOf(String raceId, java.time.Instant asOf) {
        List<Object[]> rows = Jdbc.query(ds, """
                select revision, definition::text from race_revision where race_id = ?
                order by case when defined_at is null or defined_at <= ? then 0 else 1 end,
                         case when defined_at is null or defined_at <= ? then -revision else revision end
                limit 1
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setTimestamp(2, Timestamp.from(asOf));
            s.setTimestamp(3, Timestamp.from(asOf));
        }, rs -> new Object[] { rs.getLong(1), rs.getString(2) });
        if (rows.isEmpty()) {
            return race(raceId);
        }
        return Optional.of(parse(raceId, (Long) rows.get(0)[0], (String) rows.get(0)[1]));
    }

    /** The definition of a race at a revision, as route-service sent it (JSON). */
    public Optional<String> definitionText(String raceId, long revision) {
        return Jdbc.query(ds, "select definition::text from race_revision where race_id = ? and revision = ?", (c, s) -> {
            s.setString(1, raceId);
            s.setLong(2, revision);
        }, rs -> rs.getString(1)).stream().findFirst().or(() -> Jdbc.query(ds, "select definition::text from race where id = ? and revision = ?",
                (c, s) -> {
                    s.setString(1, raceId);
                    s.setLong(2, revision);
                }, rs -> rs.getString(1)).stream().findFirst());
    }

    // ---- facts at a moment

    /**
     * A race's facts as they stood at {@code asOf} (null: now), for some cars (null: every crew): passages received
     * by then, voids made and not yet undone by then, rulings made and not yet revoked by then, with the definition
     * in force. The entry list is today's (crews have no history). Empty for a race this service does not know.
     */
    public Optional<RaceFacts> facts(String raceId, java.time.Instant asOf, Collection<Integer> cars) {
        Optional<RaceDefinition> race = asOf == null ? race(raceId) : raceAsOf(raceId, asOf);
        if (race.isEmpty()) {
            return Optional.empty();
        }
        List<Crew> crews = cars == null ? crews(raceId) : crews(raceId, cars);
        Timestamp at = asOf == null ? null : Timestamp.from(asOf);
        Object[] carArray = crews.stream().map(Crew::car).toArray();
        Map<Integer, List<PassageFact>> passages = passages("""
                select p.id, p.car, p.point, p.official_time, v.passage_id is not null
                """ + VOID_AS_OF + """
                where p.race_id = ? and p.car = any(?) and (?::timestamptz is null or p.received_at is null or p.received_at <= ?)
                """, (c, s) -> {
            for (int i : new int[] { 1, 2, 3, 4 }) {
                s.setTimestamp(i, at);
            }
            s.setString(5, raceId);
            s.setArray(6, c.createArrayOf("int4", carArray));
            s.setTimestamp(7, at);
            s.setTimestamp(8, at);
        });
        List<Ruling> rulings = Jdbc.query(ds, """
                select id, type, car, trial, points, reason, ruled_by, ruled_at from ruling
                where race_id = ? and car = any(?) and (?::timestamptz is null and revoked_at is null
                      or ?::timestamptz is not null and ruled_at <= ? and (revoked_at is null or revoked_at > ?))
                order by id
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("int4", carArray));
            for (int i : new int[] { 3, 4, 5, 6 }) {
                s.setTimestamp(i, at);
            }
        }, FactStore::ruling);
        return Optional.of(new RaceFacts(race.get(), crews, passages, rulings));
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

    /** A passage with all timing-service said about it, and its void, if it is voided (now or at the moment asked). */
    public record PassageRecord(UUID id, int car, String point, java.time.Instant time, long clockOffsetMs,
            java.time.Instant officialTime, String device, String source, java.time.Instant receivedAt, Voided voided) {
    }

    public record Voided(String reason, String by, java.time.Instant at) {
    }

    /** Every passage of one car (null: of the race), with its void as it stood at {@code asOf} (null: now), by car and time. */
    public void passageRecords(String raceId, Integer car, java.time.Instant asOf, java.util.function.Consumer<PassageRecord> each) {
        Timestamp at = asOf == null ? null : Timestamp.from(asOf);
        try (var c = ds.getConnection(); var s = c.prepareStatement("""
                select p.id, p.car, p.point, p.time, p.clock_offset_ms, p.official_time, p.device, p.source, p.received_at,
                       v.passage_id is not null, v.reason, v.voided_by, v.voided_at
                """ + VOID_AS_OF + """
                where p.race_id = ? and (?::int is null or p.car = ?)
                  and (?::timestamptz is null or p.received_at is null or p.received_at <= ?)
                order by p.car, p.official_time, p.id
                """)) {
            boolean autoCommit = c.getAutoCommit();
            for (int i : new int[] { 1, 2, 3, 4 }) {
                s.setTimestamp(i, at);
            }
            s.setString(5, raceId);
            s.setObject(6, car, java.sql.Types.INTEGER);
            s.setObject(7, car, java.sql.Types.INTEGER);
            s.setTimestamp(8, at);
            s.setTimestamp(9, at);
            s.setFetchSize(autoCommit ? 0 : 2000); // a cursor, inside a transaction: a whole race is not held in memory
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    each.accept(new PassageRecord(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getLong(5), rs.getTimestamp(6).toInstant(), rs.getString(7),
                            rs.getString(8), rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(),
                            rs.getBoolean(10) ? new Voided(rs.getString(11), rs.getString(12),
                                    rs.getTimestamp(13) == null ? null : rs.getTimestamp(13).toInstant()) : null));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    /** Every race this service knows, by id. */
    public List<RaceDefinition> races() {
        return Jdbc.query(ds, "select id from race order by id", (c, s) -> {
        }, rs -> rs.getString(1)).stream().map(id -> race(id).orElseThrow()).toList();
    }

    // ---- crews

    public void putCrews(String raceId, List<Crew> crews) {
        for (Crew crew : crews) {
            Jdbc.update(ds, """
                    insert into crew (race_id, car, driver_name, driver_female, codriver_name, codriver_female, car_model,
                                      car_year, coefficient, category, team)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (race_id, car) do update set driver_name = excluded.driver_name,
                        driver_female = excluded.driver_female, codriver_name = excluded.codriver_name,
                        codriver_female = excluded.codriver_female, car_model = excluded.car_model,
                        car_year = excluded.car_year, coefficient = excluded.coefficient, category = excluded.category,
                        team = excluded.team
                    """, (c, s) -> {
                s.setString(1, raceId);
                s.setInt(2, crew.car());
                s.setString(3, crew.driver().name());
                s.setBoolean(4, crew.driver().isFemale());
                s.setString(5, crew.codriver() == null ? null : crew.codriver().name());
                s.setBoolean(6, crew.codriver() != null && crew.codriver().isFemale());
                s.setString(7, crew.carModel());
                s.setObject(8, crew.carYear());
                s.setBigDecimal(9, crew.coefficient());
                s.setString(10, crew.category());
                s.setString(11, crew.team());
            });
        }
    }

    /** Every crew of a race, by car number. */
    public List<Crew> crews(String raceId) {
        return Jdbc.query(ds, CREWS + "where race_id = ? order by car", (c, s) -> s.setString(1, raceId), FactStore::crew);
    }

    /** Those crews of a race that exist, by car number. */
    public List<Crew> crews(String raceId, Collection<Integer> cars) {
        return Jdbc.query(ds, CREWS + "where race_id = ? and car = any(?) order by car", (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("int4", cars.toArray()));
        }, FactStore::crew);
    }

    private static final String CREWS = """
            select car, driver_name, driver_female, codriver_name, codriver_female, car_model, car_year, coefficient,
                   category, team
            from crew
            """;

    /** A crew from the columns of {@link #CREWS}, in that order. */
    static Crew crew(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Crew(rs.getInt(1), new Crew.Person(rs.getString(2), rs.getBoolean(3)),
                rs.getString(4) == null ? null : new Crew.Person(rs.getString(4), rs.getBoolean(5)), rs.getString(6),
                (Integer) rs.getObject(7), rs.getBigDecimal(8), rs.getString(9), rs.getString(10));
    }

    // ---- passages and voids

    /**
     * Stores new passages; {@code legOf} gives each one's leg (null while its race is unknown). Returns the passages
     * really added (not those stored before) that have a leg, as scoring sees them (a void that came first applied).
     */
    public List<Added> insertPassages(List<Passage> rows, java.util.function.Function<Passage, Integer> legOf) {
        if (rows.isEmpty()) {
            return List.of();
        }
        int n = rows.size();
        Object[] ids = new Object[n], races = new Object[n], cars = new Object[n], points = new Object[n],
                times = new Object[n], offsets = new Object[n], devices = new Object[n], sources = new Object[n],
                received = new Object[n], legs = new Object[n];
        for (int i = 0; i < n; i++) {
            Passage p = rows.get(i);
            ids[i] = p.id();
            races[i] = p.raceId();
            cars[i] = p.car();
            points[i] = p.point();
            times[i] = p.time().toString();
            offsets[i] = p.clockOffsetMs();
            devices[i] = p.device();
            sources[i] = p.source();
            received[i] = p.receivedAt() == null ? null : p.receivedAt().toString();
            legs[i] = legOf.apply(p);
        }
        return Jdbc.query(ds, """
                with added as (
                    insert into passage (id, race_id, car, point, time, clock_offset_ms, official_time, device, source,
                                         received_at, leg)
                    select u.id, u.race, u.car, u.point, u.t::timestamptz, u.off,
                           u.t::timestamptz + u.off * interval '1 millisecond', u.device, u.source, u.received::timestamptz, u.leg
                    from unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],
                                ?::text[], ?::int[])
                         as u(id, race, car, point, t, off, device, source, received, leg)
                    on conflict (id) do nothing
                    returning id, race_id, car, point, official_time, leg)
                select a.id, a.car, a.point, a.official_time,
                       exists (select 1 from passage_void v where v.passage_id = a.id and v.restored_at is null), a.leg, a.race_id
                from added a where a.leg is not null
                """, (c, s) -> {
            s.setArray(1, c.createArrayOf("uuid", ids));
            s.setArray(2, c.createArrayOf("text", races));
            s.setArray(3, c.createArrayOf("int4", cars));
            s.setArray(4, c.createArrayOf("text", points));
            s.setArray(5, c.createArrayOf("text", times));
            s.setArray(6, c.createArrayOf("int8", offsets));
            s.setArray(7, c.createArrayOf("text", devices));
            s.setArray(8, c.createArrayOf("text", sources));
            s.setArray(9, c.createArrayOf("text", received));
            s.setArray(10, c.createArrayOf("int4", legs));
        }, rs -> new Added(rs.getString(7), rs.getInt(6), fact(rs)));
    }

    /** A passage a batch added, with its race and leg. */
    public record Added(String raceId, int leg, PassageFact passage) {
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

    /** The car and leg of stored passages, by id (for voids). */
    public Map<UUID, int[]> carAndLeg(Collection<UUID> ids) {
        Map<UUID, int[]> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Jdbc.query(ds, "select id, car, leg from passage where id = any(?) and leg is not null",
                (c, s) -> s.setArray(1, c.createArrayOf("uuid", ids.toArray())),
                rs -> new Object[] { rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3) })
                .forEach(r -> found.put((UUID) r[0], new int[] { (Integer) r[1], (Integer) r[2] }));
        return found;
    }

    /** A void (kept, and the passage no longer counts), or its undoing (the passage counts again; the void stays, marked). */
    public void insertVoid(PassageVoid v) {
        if (v.restore()) {
            Jdbc.update(ds, "update passage_void set restored_at = ?, restored_by = ?, restore_reason = ? where passage_id = ?", (c, s) -> {
                s.setTimestamp(1, v.at() == null ? Timestamp.from(java.time.Instant.now()) : Timestamp.from(v.at()));
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

    /** The passages of some cars of a race on some legs, voids applied, by car and leg. */
    public Map<Integer, Map<Integer, List<PassageFact>>> passagesByLeg(String raceId, Collection<Integer> cars,
            Collection<Integer> legs) {
        return passagesByLeg(PASSAGES_BY_LEG + " and p.car = any(?) and p.leg = any(?)", (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("int4", cars.toArray()));
            s.setArray(3, c.createArrayOf("int4", legs.toArray()));
        });
    }

    /** Every passage of a race that has a leg, voids applied, by car and leg (one scan, for a rebuild). */
    public Map<Integer, Map<Integer, List<PassageFact>>> passagesByLeg(String raceId) {
        return passagesByLeg(PASSAGES_BY_LEG + " and p.leg is not null", (c, s) -> s.setString(1, raceId));
    }

    private static final String PASSAGES_BY_LEG = """
            select p.id, p.car, p.point, p.official_time, v.passage_id is not null, p.leg
            from passage p left join passage_void v on v.passage_id = p.id and v.restored_at is null
            where p.race_id = ?""";

    private Map<Integer, Map<Integer, List<PassageFact>>> passagesByLeg(String sql, Jdbc.Binder binder) {
        Map<Integer, Map<Integer, List<PassageFact>>> byCarAndLeg = new HashMap<>();
        Jdbc.query(ds, sql, binder, rs -> {
            PassageFact p = fact(rs);
            byCarAndLeg.computeIfAbsent(p.car(), k -> new HashMap<>()).computeIfAbsent(rs.getInt(6), k -> new ArrayList<>()).add(p);
            return p;
        });
        return byCarAndLeg;
    }

    /** A passage from columns id, car, point, official time, voided (the point's name shared: there are few). */
    private static PassageFact fact(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PassageFact(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3).intern(), rs.getTimestamp(4).toInstant(),
                rs.getBoolean(5));
    }

    /** Passages (columns as {@link #fact} reads them) by car. */
    private Map<Integer, List<PassageFact>> passages(String sql, Jdbc.Binder binder) {
        Map<Integer, List<PassageFact>> byCar = new HashMap<>();
        Jdbc.query(ds, sql, binder, FactStore::fact).forEach(p -> byCar.computeIfAbsent(p.car(), k -> new ArrayList<>()).add(p));
        return byCar;
    }

    /** Passages of cars that have no crew in the race: the UNKNOWN_CAR anomalies. */
    public List<PassageFact> passagesOfUnknownCars(String raceId) {
        return Jdbc.query(ds, """
                select p.id, p.car, p.point, p.official_time, false from passage p
                where p.race_id = ? and not exists (select 1 from crew c where c.race_id = p.race_id and c.car = p.car)
                  and not exists (select 1 from passage_void v where v.passage_id = p.id and v.restored_at is null)
                order by p.car, p.official_time
                """, (c, s) -> s.setString(1, raceId), FactStore::fact);
    }

    // ---- rulings

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
        Map<Integer, List<Ruling>> byCar = new HashMap<>();
        Jdbc.query(ds, """
                select id, type, car, trial, points, reason, ruled_by, ruled_at from ruling
                where race_id = ? and car = any(?) and revoked_at is null order by id
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("int4", cars.toArray()));
        }, FactStore::ruling).forEach(r -> byCar.computeIfAbsent(r.car(), k -> new ArrayList<>()).add(r));
        return byCar;
    }

    /** A ruling from the columns id, type, car, trial, points, reason, ruled_by, ruled_at, in that order. */
    private static Ruling ruling(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Ruling(rs.getLong(1), Ruling.Type.valueOf(rs.getString(2)), rs.getInt(3), rs.getString(4),
                (Integer) rs.getObject(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant());
    }

    /** Each crew's passage digest by leg, as live scoring last wrote them ({@code ResultsDigest.passages}). */
    public Map<Integer, java.util.SortedMap<Integer, String>> legDigests(String raceId) {
        Map<Integer, java.util.SortedMap<Integer, String>> digests = new HashMap<>();
        Jdbc.query(ds, "select car, leg, passages_digest from crew_leg_result where race_id = ? and passages_digest is not null",
                (c, s) -> s.setString(1, raceId), rs -> digests.computeIfAbsent(rs.getInt(1), k -> new java.util.TreeMap<>())
                        .put(rs.getInt(2), rs.getString(3)));
        return digests;
    }

    /** A ruling as race direction sees it: with its revocation, if it was revoked. */
    public record RulingRecord(Ruling ruling, java.time.Instant revokedAt, String revokedBy, String revokeReason) {
    }

    /** Every ruling of a race, revoked ones too, in the order they were made. */
    public List<RulingRecord> allRulings(String raceId) {
        return Jdbc.query(ds, """
                select id, type, car, trial, points, reason, ruled_by, ruled_at, revoked_at, revoked_by, revoke_reason from ruling
                where race_id = ? order by id
                """, (c, s) -> s.setString(1, raceId), rs -> new RulingRecord(new Ruling(rs.getLong(1), Ruling.Type.valueOf(rs.getString(2)),
                rs.getInt(3), rs.getString(4), (Integer) rs.getObject(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()),
                rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getString(11)));
    }

    /** Revokes a ruling that counts; false when there is no such ruling or it was revoked already. */
    public boolean revokeRuling(String raceId, long id, String by, String reason, java.time.Instant at) {
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

    /** An anomaly race direction has marked handled. */
    public record Handled(String note, String by, java.time.Instant at) {
    }

    public Map<String, Handled> handledAnomalies(String raceId) {
        Map<String, Handled> handled = new HashMap<>();
        Jdbc.query(ds, "select anomaly_id, note, handled_by, handled_at from anomaly_handled where race_id = ?",
                (c, s) -> s.setString(1, raceId), rs -> handled.put(rs.getString(1), new Handled(rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant())));
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

    /** Serialises work on one race across threads and instances, until the transaction ends. */
    public void lockRace(String raceId) {
        Jdbc.query(ds, "select pg_advisory_xact_lock(hashtext(?))", (c, s) -> s.setString(1, raceId), rs -> 0);
    }
}
