package io.regularity.classification.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.domain.RaceDefinition;
import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The races classification knows: each one's current definition (from route-events), every revision it had with the
 * moment it was made (for lists as of a past moment), and the lock that serialises work on a race. Every method runs
 * on the caller's transaction.
 */
@ApplicationScoped
public class RaceStore {

    private final DataSource ds;
    private final ObjectMapper json;
    /** Parsed definitions by race, replaced when a newer revision is read: a cache of the table, nothing more. */
    private final Map<String, RaceDefinition> definitions = new ConcurrentHashMap<>();

    public RaceStore(DataSource ds, ObjectMapper json) {
        this.ds = ds;
        this.json = json;
    }

    /**
     * Stores a definition unless a newer revision is already stored; returns whether it was stored. Every revision
     * is also kept with the time it was made ({@code definedAt}, null if unknown), for lists as of a past moment.
     */
    public boolean putRace(String raceId, long revision, String definition, Instant definedAt) {
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
        Optional<Long> revision = Jdbc.first(ds, "select revision from race where id = ?", (c, s) -> s.setString(1, raceId),
                rs -> rs.getLong(1));
        if (revision.isEmpty()) {
            return Optional.empty();
        }
        RaceDefinition cached = definitions.get(raceId);
        if (cached != null && cached.revision() == revision.get()) {
            return Optional.of(cached); // the definition itself is read only when its revision is new here
        }
        Optional<String> text = Jdbc.first(ds, "select definition from race where id = ? and revision = ?", (c, s) -> {
            s.setString(1, raceId);
            s.setLong(2, revision.get());
        }, rs -> rs.getString(1));
        if (text.isEmpty()) {
            return race(raceId); // replaced meanwhile by a newer revision
        }
        RaceDefinition parsed = parse(raceId, revision.get(), text.get());
        definitions.put(raceId, parsed);
        return Optional.of(parsed);
    }

    private RaceDefinition parse(String raceId, long revision, String text) {
        try {
            return RaceDefinition.read(json, raceId, revision, text);
        } catch (Exception e) {
            throw new IllegalStateException("the definition of race " + raceId + " is unreadable: " + e.getMessage().split("\n")[0], e);
        }
    }

    /**
     * The definition in force at a moment: the last revision made by then (revisions of unknown time count as the
     * earliest), or the first one when the race had none yet. Empty for a race this service does not know.
     */
    public Optional<RaceDefinition> raceAsOf(String raceId, Instant asOf) {
        record Revision(long revision, String definition) {
        }
        Optional<Revision> found = Jdbc.first(ds, """
                select revision, definition::text from race_revision where race_id = ?
                order by case when defined_at is null or defined_at <= ? then 0 else 1 end,
                         case when defined_at is null or defined_at <= ? then -revision else revision end
                limit 1
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setTimestamp(2, Timestamp.from(asOf));
            s.setTimestamp(3, Timestamp.from(asOf));
        }, rs -> new Revision(rs.getLong(1), rs.getString(2)));
        return found.isEmpty() ? race(raceId) : Optional.of(parse(raceId, found.get().revision(), found.get().definition()));
    }

    /** The definition of a race at a revision, as route-service sent it (JSON). */
    public Optional<String> definitionText(String raceId, long revision) {
        Jdbc.Binder at = (c, s) -> {
            s.setString(1, raceId);
            s.setLong(2, revision);
        };
        return Jdbc.first(ds, "select definition::text from race_revision where race_id = ? and revision = ?", at, rs -> rs.getString(1))
                .or(() -> Jdbc.first(ds, "select definition::text from race where id = ? and revision = ?", at, rs -> rs.getString(1)));
    }

    /** Every race this service knows, by id. */
    public List<RaceDefinition> races() {
        return Jdbc.query(ds, "select id from race order by id", Jdbc.NONE, rs -> rs.getString(1)).stream()
                .map(id -> race(id).orElseThrow()).toList();
    }

    /**
     * Work on the whole race (a definition, a rebuild, a decision): alone on it, across threads and instances, until
     * the transaction ends. Waits for every {@link #shareRace} holder, and they for it.
     */
    public void lockRace(String raceId) {
        Jdbc.query(ds, "select pg_advisory_xact_lock(hashtext(?))", (c, s) -> s.setString(1, raceId), rs -> 0);
    }

    /**
     * Work on some crews of a race (a batch of passages): beside other such work, never beside {@link #lockRace}; the
     * crews themselves are then taken with {@link #lockCrews}. Until the transaction ends.
     */
    public void shareRace(String raceId) {
        Jdbc.query(ds, "select pg_advisory_xact_lock_shared(hashtext(?))", (c, s) -> s.setString(1, raceId), rs -> 0);
    }

    /**
     * Some crews of a race, each alone, until the transaction ends: two batches on different crews of one race go on
     * at once, two on the same crew one after the other. Taken in ascending order of car, so two holders never wait for
     * each other in a circle (the two-key advisory locks are apart from the race's one-key lock).
     */
    public void lockCrews(String raceId, Collection<Integer> cars) {
        if (cars.isEmpty()) {
            return;
        }
        Integer[] sorted = new TreeSet<>(cars).toArray(Integer[]::new);
        Jdbc.query(ds, "select pg_advisory_xact_lock(hashtext(?), car) from unnest(?::int[]) as car", (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("int4", sorted));
        }, rs -> 0);
    }
}
