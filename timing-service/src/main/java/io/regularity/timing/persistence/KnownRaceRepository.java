package io.regularity.timing.persistence;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.logging.Log;
import io.regularity.support.persistence.Jdbc;
import io.regularity.timing.domain.GpsLine;
import io.regularity.timing.domain.RaceRoute;
import io.regularity.timing.domain.RaceRoute.Leg;
import jakarta.enterprise.context.ApplicationScoped;

/** timing-service's own replica of the races, learnt from route-events: which exist, which points they have. */
@ApplicationScoped
public class KnownRaceRepository {

    /** How long a race's timing points are served from memory before the table is read again. */
    static final Duration CACHED_FOR = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final ObjectMapper json;
    /** A short-lived copy of the table (another instance may have learnt a new revision): never the truth. */
    private final Cache<String, KnownRace> cache = Caffeine.newBuilder().expireAfterWrite(CACHED_FOR).maximumSize(1000).build();
    /** Each race's virtual lines as last read (the stream processor asks for them with every fix). */
    private final Map<String, Lines> lines = new ConcurrentHashMap<>();

    /** What timing knows of a race: its timing points, and the day of its first leg (null when the definition has none). */
    public record KnownRace(Set<String> points, LocalDate firstDay) {
    }

    public KnownRaceRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** A known race. */
    public Optional<KnownRace> find(String raceId) {
        KnownRace cached = cache.getIfPresent(raceId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<KnownRace> loaded = Jdbc.first(dataSource, "select timing_points, first_day from known_race where id = ?",
                (c, s) -> s.setString(1, raceId), rs -> {
                    Date firstDay = rs.getDate(2);
                    return new KnownRace(Collections.unmodifiableSet(read(rs.getString(1), new TypeReference<HashSet<String>>() {
                    })), firstDay == null ? null : firstDay.toLocalDate());
                });
        loaded.ifPresent(race -> cache.put(raceId, race));
        return loaded;
    }

    /**
     * Stores a race's revision unless a newer one is already known (events may come again, or late); returns whether it
     * was stored.
     */
    public boolean upsert(RaceRoute route, long revision, Set<String> timingPoints, LocalDate firstDay, List<GpsLine> gpsLines) {
        boolean stored = Jdbc.update(dataSource, """
                insert into known_race (id, revision, timing_points, first_day, name, legs, time_zone, gps_lines)
                values (?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?::jsonb)
                on conflict (id) do update set revision = excluded.revision, timing_points = excluded.timing_points,
                    first_day = excluded.first_day, name = excluded.name, legs = excluded.legs, time_zone = excluded.time_zone,
                    gps_lines = excluded.gps_lines
                where known_race.revision < excluded.revision
                """, (c, s) -> {
            s.setString(1, route.id());
            s.setLong(2, revision);
            s.setString(3, write(timingPoints));
            s.setObject(4, firstDay);
            s.setString(5, route.name());
            s.setString(6, write(route.legs()));
            s.setString(7, route.timeZone());
            s.setString(8, write(gpsLines));
        }) == 1;
        cache.invalidate(route.id());
        lines.remove(route.id());
        return stored;
    }

    /** A race's virtual lines as stored now (none for a race timing does not know). */
    public List<GpsLine> storedGpsLines(String raceId) {
        return Jdbc.first(dataSource, "select gps_lines from known_race where id = ?", (c, s) -> s.setString(1, raceId),
                rs -> read(rs.getString(1), new TypeReference<List<GpsLine>>() {
                })).orElse(List.of());
    }

    /** A race's lines as last read, and when. */
    private record Lines(List<GpsLine> lines, long readAtNanos) {
    }

    /**
     * A race's virtual lines, for the stream processor: read again at most every {@link #CACHED_FOR} (another instance may
     * have learnt a new revision); while the database is away the last ones read go on serving for as long again, then the
     * read fails (the stream thread is replaced and takes the fixes again from its last commit). So no instance measures
     * fixes against lines more than twice {@link #CACHED_FOR} old: a line changed is re-processed from
     * {@code regularity.gps.replay-settle} (10 s) after, by then every instance's processor has it.
     */
    public List<GpsLine> gpsLines(String raceId) {
        Lines known = lines.get(raceId);
        if (known != null && System.nanoTime() - known.readAtNanos() < CACHED_FOR.toNanos()) {
            return known.lines();
        }
        try {
            List<GpsLine> read = storedGpsLines(raceId);
            lines.put(raceId, new Lines(read, System.nanoTime()));
            return read;
        } catch (RuntimeException e) {
            if (known == null || System.nanoTime() - known.readAtNanos() >= 2 * CACHED_FOR.toNanos()) {
                throw e; // the stream thread is replaced and goes on from its last commit, with the lines once they read
            }
            Log.warnf("the virtual lines of race %s could not be read again (%s); going on with those read before", raceId, e.getMessage());
            return known.lines();
        }
    }

    /** Every known race with its legs and timing points, by id. */
    public List<RaceRoute> routes() {
        return Jdbc.query(dataSource, "select id, name, coalesce(time_zone, 'Europe/Rome'), legs from known_race order by id", Jdbc.NONE,
                rs -> new RaceRoute(rs.getString(1), rs.getString(2), rs.getString(3), read(rs.getString(4), new TypeReference<List<Leg>>() {
                })));
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not read the race replica", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not store the race replica", e);
        }
    }
}
