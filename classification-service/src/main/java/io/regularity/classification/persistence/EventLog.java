package io.regularity.classification.persistence;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bookkeeping of consumed events: the ids of those already applied (so a redelivery changes nothing), how far each
 * partition of a topic was applied (where a restart reads on from), and the events that could not be read or applied,
 * kept with the reason for the operator. Every method runs on the caller's
 * transaction.
 */
@ApplicationScoped
public class EventLog {

    /** Longer payloads are cut when set aside: the reason and the start say enough, the event is on passages-dlq whole. */
    static final int MAX_KEPT = 100_000;

    private final DataSource ds;

    public EventLog(DataSource ds) {
        this.ds = ds;
    }

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
    public int forgetProcessedBefore(Duration keep) {
        return Jdbc.update(ds, "delete from processed_event where processed_at < now() - ? * interval '1 second'",
                (c, s) -> s.setLong(1, keep.toSeconds()));
    }

    /** Keeps an event that could not be read or applied, with the reason. */
    public void reject(String topic, String payload, String reason) {
        Jdbc.update(ds, "insert into rejected_event (topic, payload, reason) values (?, ?, ?)", (c, s) -> {
            s.setString(1, topic);
            s.setString(2, payload.length() > MAX_KEPT ? payload.substring(0, MAX_KEPT) : payload);
            s.setString(3, reason);
        });
    }

    /** Where each partition of {@code topic} was applied to: the offset to read next. */
    public Map<Integer, Long> positions(String topic) {
        return Jdbc.query(ds, "select partition, next_offset from consumer_position where topic = ?", (c, s) -> s.setString(1, topic),
                rs -> Map.entry(rs.getInt(1), rs.getLong(2))).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Records that {@code topic} was applied up to these offsets (never moving a partition back). */
    public void advance(String topic, Map<Integer, Long> nextOffsets) {
        // in the order of the partitions: two consumers that held the same partition for a moment (a rebalance) lock its
        // row in the same order as every other, and never wait for each other in a circle
        new TreeMap<>(nextOffsets).forEach((partition, next) -> Jdbc.update(ds, """
                insert into consumer_position (topic, partition, next_offset) values (?, ?, ?)
                on conflict (topic, partition) do update set next_offset = greatest(consumer_position.next_offset, excluded.next_offset)
                """, (c, s) -> {
            s.setString(1, topic);
            s.setInt(2, partition);
            s.setLong(3, next);
        }));
    }
}
