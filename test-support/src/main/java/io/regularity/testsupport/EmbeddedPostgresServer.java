package io.regularity.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's embedded binaries from Maven Central, no Docker) with helpers to
 * give each service its own database and user, as in production.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private EmbeddedPostgres postgres;
    private final Path dataDir;
    private final boolean keepData;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, boolean keepData) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.keepData = keepData;
    }

    /**
     * Starts PostgreSQL with its data under {@code dataDir} ({@code port} 0 for a free one). With
     * {@code keepData} an existing data directory is reused, as the local stack does across runs.
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean keepData) {
        if (!keepData) {
            delete(dataDir);
        }
        return new EmbeddedPostgresServer(launch(dataDir, port), dataDir, keepData);
    }

    /** Starts on {@code dataDir}, initialising it if empty; stopping never deletes it (close() may, see there). */
    private static EmbeddedPostgres launch(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            Path binaries = Path.of(System.getProperty("user.home"), ".cache", "regularity", "embedded-pg");
            Files.createDirectories(binaries);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on")
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates a database owned by a user of the same name (password = name) unless it exists. */
    public void createDatabase(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            createOwnedDatabase(c, name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /** Drops a database and everything in it, as a lost disk would (connections to it are ended). */
    public void dropDatabase(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("drop database if exists \"" + name + "\" with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop database " + name, e);
        }
    }

    /** On a superuser's connection: a database owned by a user of the same name (password = name), unless it exists. */
    static void createOwnedDatabase(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + name + "'")) {
                if (!rs.next()) {
                    s.execute("create role \"" + name + "\" login password '" + name + "'");
                }
            }
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (!rs.next()) {
                    s.execute("create database \"" + name + "\" owner \"" + name + "\"");
                }
            }
        }
    }

    /** Stops the server, as a crash or a maintenance would, keeping its data. */
    public synchronized void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts it again on the same port with the same data. */
    public synchronized void startAgain() {
        postgres = launch(dataDir, port());
    }

    /** Stops the server; a server started without {@code keepData} also takes its data away. */
    @Override
    public void close() {
        stop();
        if (!keepData) {
            delete(dataDir);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("could not delete " + dir, e);
        }
    }
}
