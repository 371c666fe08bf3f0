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

    /** How long a race's timing points are served from memory before the table is read again. */
    static final long CACHE_NANOS = 5_000_000_000L;

    private final DataSource dataSource;
    private final ObjectMapper json;
    /** A short-lived copy of the table (another instance may have learnt a new revision): never the truth. */
    private final java.util.Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(Set<String> points, long loadedAt) {
    }

    public KnownRaceRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The timing point ids of a known race. */
    public Optional<Set<String>> timingPoints(String raceId) {
        Cached cached = cache.get(raceId);
        if (cached != null && System.nanoTime() - cached.loadedAt() < CACHE_NANOS) {
            return Optional.of(cached.points());
        }
        Optional<Set<String>> loaded = load(raceId);
        loaded.ifPresent(points -> cache.put(raceId, new Cached(java.util.Collections.unmodifiableSet(points), System.nanoTime())));
        return loaded;
    }

    private Optional<Set<String>> load(String raceId) {
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
            cache.remove(raceId);
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not store the race replica", e);
        }
    }
}
