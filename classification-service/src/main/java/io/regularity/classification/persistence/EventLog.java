package io.regularity.classification.persistence;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bookkeeping of consumed events: the ids of those already applied (so a redelivery changes nothing) and those
 * that could not be read or applied, kept with the reason for the operator. Every method runs on the caller's
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
}
