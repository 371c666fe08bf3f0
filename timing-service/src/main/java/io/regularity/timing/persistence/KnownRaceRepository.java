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

import io.regularity.timing.domain.RaceRoute;
import io.regularity.timing.domain.RaceRoute.Leg;
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

    /** What timing knows of a race: its timing points, and the day of its first leg (null when the definition has none). */
    public record KnownRace(Set<String> points, java.time.LocalDate firstDay) {
    }

    private record Cached(KnownRace race, long loadedAt) {
    }

    public KnownRaceRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** A known race. */
    public Optional<KnownRace> find(String raceId) {
        Cached cached = cache.get(raceId);
        if (cached != null && System.nanoTime() - cached.loadedAt() < CACHE_NANOS) {
            return Optional.of(cached.race());
        }
        Optional<KnownRace> loaded = load(raceId);
        loaded.ifPresent(race -> cache.put(raceId, new Cached(race, System.nanoTime())));
        return loaded;
    }

    private Optional<KnownRace> load(String raceId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select timing_points, first_day from known_race where id = ?")) {
            s.setString(1, raceId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Set<String> points = json.readValue(rs.getString(1), new TypeReference<HashSet<String>>() {
                });
                java.sql.Date firstDay = rs.getDate(2);
                return Optional.of(new KnownRace(java.util.Collections.unmodifiableSet(points),
                        firstDay == null ? null : firstDay.toLocalDate()));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not read the race replica", e);
        }
    }

    /** Stores a race's revision unless a newer one is already known (events may come again, or late). */
    public void upsert(RaceRoute route, long revision, Set<String> timingPoints, java.time.LocalDate firstDay) {
        String sql = """
                insert into known_race (id, revision, timing_points, first_day, name, legs) values (?, ?, ?::jsonb, ?, ?, ?::jsonb)
                on conflict (id) do update set revision = excluded.revision, timing_points = excluded.timing_points,
                    first_day = excluded.first_day, name = excluded.name, legs = excluded.legs
                where known_race.revision < excluded.revision
                """;
        String raceId = route.id();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, raceId);
            s.setLong(2, revision);
            s.setString(3, json.writeValueAsString(timingPoints));
            s.setObject(4, firstDay);
            s.setString(5, route.name());
            s.setString(6, json.writeValueAsString(route.legs()));
            s.executeUpdate();
            cache.remove(raceId);
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not store the race replica", e);
        }
    }

    /** Every known race with its legs and timing points, by id. */
    public java.util.List<RaceRoute> routes() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select id, name, legs from known_race order by id");
                ResultSet rs = s.executeQuery()) {
            java.util.List<RaceRoute> routes = new java.util.ArrayList<>();
            while (rs.next()) {
                routes.add(new RaceRoute(rs.getString(1), rs.getString(2), json.readValue(rs.getString(3),
                        new TypeReference<java.util.List<Leg>>() {
                        })));
            }
            return routes;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not read the race replica", e);
        }
    }
}
