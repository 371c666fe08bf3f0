package io.regularity.timing.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The re-processings of the fixes asked for a line defined or moved after fixes were sent (recovery/LineReplays): each
 * stays until done, so an instance that stops mid-way leaves it to the next.
 */
@ApplicationScoped
public class LineReplayRepository {

    /** A re-processing: of which race's point, for which line (GpsLine's JSON), and how far it got. */
    public record LineReplay(long id, String raceId, String point, String line, Instant requestedAt, Instant startedAt, Instant doneAt,
            long fixesRead, int crossings) {
    }

    private final DataSource dataSource;

    public LineReplayRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void request(String raceId, String point, String line, Instant at) {
        Jdbc.update(dataSource, "insert into line_replay (race_id, point, line, requested_at) values (?, ?, ?::jsonb, ?)", (c, s) -> {
            s.setString(1, raceId);
            s.setString(2, point);
            s.setString(3, line);
            s.setTimestamp(4, Timestamp.from(at));
        });
    }

    /**
     * Takes the re-processings nobody is at of the race whose request is the oldest, asked for at least {@code settle} ago:
     * never started, or started more than {@code abandoned} ago and not done (its instance stopped). Every line of that
     * race waiting then is taken at once, so that one reading of the fixes serves them all. Empty when there is none.
     */
    public List<LineReplay> claim(Instant now, Duration settle, Duration abandoned) {
        // the race: the oldest ready request nobody holds; then its ready requests, locked, each condition checked again on
        // the row as locked (a request another instance took in between is no longer ready, and is skipped)
        return Jdbc.query(dataSource, """
                update line_replay set started_at = ?, fixes_read = 0, crossings = 0
                where id in (select id from line_replay
                             where done_at is null and requested_at <= ? and (started_at is null or started_at < ?)
                               and race_id = (select race_id from line_replay
                                              where done_at is null and requested_at <= ? and (started_at is null or started_at < ?)
                                              order by id limit 1 for update skip locked)
                             for update skip locked)
                returning id, race_id, point, line::text, requested_at, started_at, done_at, fixes_read, crossings
                """, (c, s) -> {
            Timestamp settled = Timestamp.from(now.minus(settle));
            Timestamp left = Timestamp.from(now.minus(abandoned));
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, settled);
            s.setTimestamp(3, left);
            s.setTimestamp(4, settled);
            s.setTimestamp(5, left);
        }, LineReplayRepository::read).stream().sorted(Comparator.comparingLong(LineReplay::id)).toList();
    }

    /** How far it got; keeps it claimed. */
    public void progress(long id, long fixesRead, int crossings, Instant now) {
        Jdbc.update(dataSource, "update line_replay set fixes_read = ?, crossings = ?, started_at = ? where id = ?", (c, s) -> {
            s.setLong(1, fixesRead);
            s.setInt(2, crossings);
            s.setTimestamp(3, Timestamp.from(now));
            s.setLong(4, id);
        });
    }

    /** Lets a request go, for any instance to take again at once (its re-processing failed). */
    public void release(long id) {
        Jdbc.update(dataSource, "update line_replay set started_at = null where id = ? and done_at is null", (c, s) -> s.setLong(1, id));
    }

    public void done(long id, long fixesRead, int crossings, Instant now) {
        Jdbc.update(dataSource, "update line_replay set fixes_read = ?, crossings = ?, done_at = ? where id = ?", (c, s) -> {
            s.setLong(1, fixesRead);
            s.setInt(2, crossings);
            s.setTimestamp(3, Timestamp.from(now));
            s.setLong(4, id);
        });
    }

    /** A race's re-processings, newest first. */
    public List<LineReplay> of(String raceId) {
        return Jdbc.query(dataSource, """
                select id, race_id, point, line::text, requested_at, started_at, done_at, fixes_read, crossings
                from line_replay where race_id = ? order by id desc limit 100
                """, (c, s) -> s.setString(1, raceId), LineReplayRepository::read);
    }

    private static LineReplay read(ResultSet rs) throws SQLException {
        return new LineReplay(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getLong(8), rs.getInt(9));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
