package io.regularity.championship.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.championship.domain.Championship;
import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/** Every revision of every championship's definition: the latest is the championship, the others its history. */
@ApplicationScoped
public class ChampionshipStore {

    /** One revision of a definition: what race direction saved, when and who. */
    public record Saved(Championship championship, long revision, Instant savedAt, String savedBy) {
    }

    private final DataSource ds;
    private final ObjectMapper json;

    public ChampionshipStore(DataSource ds, ObjectMapper json) {
        this.ds = ds;
        this.json = json;
    }

    /** Saves a definition as the championship's next revision (1 for a new one), in the caller's transaction. */
    public Saved save(Championship championship, String by) {
        String text;
        try {
            text = json.writeValueAsString(championship);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("definition not written as JSON", e);
        }
        Instant now = Instant.now();
        long revision = Jdbc.query(ds, """
                insert into championship (id, revision, definition, saved_at, saved_by)
                select ?, coalesce(max(revision), 0) + 1, ?::jsonb, ?, ? from championship where id = ?
                returning revision
                """, (c, s) -> {
            s.setString(1, championship.id());
            s.setString(2, text);
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, by);
            s.setString(5, championship.id());
        }, rs -> rs.getLong(1)).get(0);
        return new Saved(championship, revision, now, by);
    }

    /** Keeps a revision read back from the championships topic, unless the database has it already. */
    public void restore(io.regularity.championship.events.ChampionshipDefined defined) {
        String text;
        try {
            text = json.writeValueAsString(defined.definition());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("definition not written as JSON", e);
        }
        Jdbc.update(ds, """
                insert into championship (id, revision, definition, saved_at, saved_by) values (?, ?, ?::jsonb, ?, ?)
                on conflict (id, revision) do nothing
                """, (c, s) -> {
            s.setString(1, defined.id());
            s.setLong(2, defined.revision());
            s.setString(3, text);
            s.setTimestamp(4, Timestamp.from(defined.savedAt()));
            s.setString(5, defined.savedBy());
        });
    }

    public Optional<Saved> latest(String id) {
        return Jdbc.query(ds, SAVED + "where id = ? order by revision desc limit 1", (c, s) -> s.setString(1, id), this::saved).stream().findFirst();
    }

    /** The latest revision of every championship, by id. */
    public List<Saved> all() {
        return Jdbc.query(ds, SAVED + "where (id, revision) in (select id, max(revision) from championship group by id) order by id",
                Jdbc.NONE, this::saved);
    }

    /** The championships whose latest definition has {@code race} among its rounds. */
    public List<String> withRound(String race) {
        return all().stream().filter(s -> s.championship().rounds() != null
                && s.championship().rounds().stream().anyMatch(r -> r != null && race.equals(r.race()))).map(s -> s.championship().id()).toList();
    }

    private static final String SAVED = "select definition::text, revision, saved_at, saved_by from championship ";

    private Saved saved(java.sql.ResultSet rs) throws java.sql.SQLException {
        try {
            return new Saved(json.readValue(rs.getString(1), Championship.class), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getString(4));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored definition unreadable", e);
        }
    }
}
