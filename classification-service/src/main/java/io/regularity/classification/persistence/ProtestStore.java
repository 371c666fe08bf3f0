package io.regularity.classification.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.regularity.classification.domain.Protest;
import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The crews' protests (published with the race's other decisions: {@link DecisionLog}) and the protest windows this
 * service closed. Every method runs on the caller's transaction.
 */
@ApplicationScoped
public class ProtestStore {

    private static final String COLUMNS = "id, car, lodged_by, subject, trial, leg, lodged_at, recorded_by, recorded_at, outcome, reason, "
            + "ruling_ids, decided_by, decided_at";

    private final DataSource ds;

    public ProtestStore(DataSource ds) {
        this.ds = ds;
    }

    public void add(String raceId, Protest p) {
        Jdbc.update(ds, """
                insert into protest (race_id, id, car, lodged_by, subject, trial, leg, lodged_at, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setObject(2, p.id());
            s.setInt(3, p.car());
            s.setString(4, p.by());
            s.setString(5, p.subject());
            s.setString(6, p.trial());
            s.setObject(7, p.leg());
            s.setTimestamp(8, Timestamp.from(p.lodgedAt()));
            s.setString(9, p.recordedBy());
            s.setTimestamp(10, Timestamp.from(p.recordedAt()));
        });
    }

    /** A race's protests, in the order they were lodged. */
    public List<Protest> all(String raceId) {
        return Jdbc.query(ds, "select " + COLUMNS + " from protest where race_id = ? order by lodged_at, recorded_at, id",
                (c, s) -> s.setString(1, raceId), ProtestStore::protest);
    }

    public Optional<Protest> find(String raceId, UUID id) {
        return Jdbc.first(ds, "select " + COLUMNS + " from protest where race_id = ? and id = ?", (c, s) -> {
            s.setString(1, raceId);
            s.setObject(2, id);
        }, ProtestStore::protest);
    }

    /** Records the decision of an open protest; false when it was decided already. */
    public boolean decide(String raceId, UUID id, Protest.Outcome outcome, String reason, List<Long> rulings, String by, Instant at) {
        return Jdbc.update(ds, """
                update protest set outcome = ?, reason = ?, ruling_ids = ?, decided_by = ?, decided_at = ?
                where race_id = ? and id = ? and outcome is null
                """, (c, s) -> {
            s.setString(1, outcome.name());
            s.setString(2, reason);
            s.setString(3, rulings.isEmpty() ? null : rulings.stream().map(String::valueOf).collect(Collectors.joining(",")));
            s.setString(4, by);
            s.setTimestamp(5, Timestamp.from(at));
            s.setString(6, raceId);
            s.setObject(7, id);
        }) == 1;
    }

    /**
     * Records that a posting's protest window was closed here (the list made official): true the first time, false when
     * it was closed before (by this instance or another).
     */
    public boolean closeWindow(String raceId, String posting, long postedRevision, Instant at) {
        return Jdbc.update(ds, """
                insert into protest_window_closed (race_id, posting, posted_revision, closed_at) values (?, ?, ?, ?)
                on conflict do nothing
                """, (c, s) -> {
            s.setString(1, raceId);
            s.setString(2, posting);
            s.setLong(3, postedRevision);
            s.setTimestamp(4, Timestamp.from(at));
        }) == 1;
    }

    /** When a posting's window was closed here, if it was. */
    public Optional<Instant> windowClosed(String raceId, String posting, long postedRevision) {
        return Jdbc.first(ds, "select closed_at from protest_window_closed where race_id = ? and posting = ? and posted_revision = ?",
                (c, s) -> {
                    s.setString(1, raceId);
                    s.setString(2, posting);
                    s.setLong(3, postedRevision);
                }, rs -> rs.getTimestamp(1).toInstant());
    }

    private static Protest protest(ResultSet rs) throws SQLException {
        String outcome = rs.getString(10);
        String rulings = rs.getString(12);
        return new Protest(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                (Integer) rs.getObject(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getTimestamp(9).toInstant(),
                outcome == null ? null : Protest.Outcome.valueOf(outcome), rs.getString(11),
                rulings == null ? List.of() : Arrays.stream(rulings.split(",")).map(Long::valueOf).toList(), rs.getString(13),
                rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toInstant());
    }
}
