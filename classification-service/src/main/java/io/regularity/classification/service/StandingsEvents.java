package io.regularity.classification.service;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Tells listeners (the SSE streams) that a race's standings changed, once the transaction that
 * changed them has committed, never before, on every instance: the change is a PostgreSQL
 * {@code NOTIFY} inside that transaction, and each instance {@code LISTEN}s on a connection of its own.
 * So a dashboard connected to one instance sees the crews another instance scores.
 */
@ApplicationScoped
public class StandingsEvents {

    private static final AttributeKey<String> RACE = AttributeKey.stringKey("regularity.race");

    static final String CHANNEL = "standings_changed";

    private final DataSource dataSource;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Set<Consumer<String>> listeners = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile Connection listening;

    public StandingsEvents(DataSource dataSource, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.dataSource = dataSource;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** {@code listener} gets a race id when that race changed, or null when changes may have been missed (all races). */
    public void listen(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<String> listener) {
        listeners.remove(listener);
    }

    /**
     * Within a transaction: every instance hears of it once the transaction commits. The span scoring it (a batch of
     * passages, a ruling's request) says so: an event {@code standings changed} naming the race.
     */
    public void changed(String raceId) {
        Span.current().addEvent("standings changed", Attributes.of(RACE, raceId));
        Jdbc.query(dataSource, "select pg_notify(?, ?)", (c, s) -> {
            s.setString(1, CHANNEL);
            s.setString(2, raceId);
        }, rs -> 0);
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        Thread thread = new Thread(this::listenLoop, "standings-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        close(listening);
    }

    /** Listens until shutdown; after a lost connection, reconnects and tells listeners that anything may have changed. */
    private void listenLoop() {
        boolean reconnected = false;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, user.orElse(null), password.orElse(null))) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + CHANNEL);
                }
                if (reconnected) {
                    listeners.forEach(l -> l.accept(null));
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            listeners.forEach(l -> l.accept(n.getParameter()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    Log.warnf("standings notifications interrupted (%s); listening again in a second", e.getMessage());
                    reconnected = true;
                    sleep(1000);
                }
            }
        }
    }

    private static void close(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException e) {
            // closing anyway
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
