package io.regularity.timing.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

/** timing-service's own replica of the races, learnt from route-events: which exist, which points they have. */
@ApplicationScoped
public class KnownRaceRepository {

    private final DataSource dataSource;
    private final ObjectMapper json;

    public KnownRaceRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The timing point ids of a known race. */
    public Optional<Set<String>> timingPoints(String raceId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select timing_points from known_race where id = ?")) {
            s.setString(1, raceId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(json.readValue(rs.getString(1), new TypeReference<HashSet<String>>() {
                }));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not read the race replica", e);
        }
    }

    /** Stores a race's revision unless a newer one is already known (events may come again, or late). */
    public void upsert(String raceId, long revision, Set<String> timingPoints) {
        String sql = """
                insert into known_race (id, revision, timing_points) values (?, ?, ?::jsonb)
                on conflict (id) do update set revision = excluded.revision, timing_points = excluded.timing_points
                where known_race.revision < excluded.revision
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, raceId);
            s.setLong(2, revision);
            s.setString(3, json.writeValueAsString(timingPoints));
            s.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not store the race replica", e);
        }
    }
}
