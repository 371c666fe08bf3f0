package io.regularity.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where Docker exists (a laptop, a hosted CI runner), the images docker-compose runs in production instead of the
 * embedded servers: {@code ./mvnw verify -Pcontainers} sets {@code test-servers=containers}, and
 * {@link RealServers} then points every service's tests at one PostgreSQL and one Kafka container per test JVM.
 * Without Docker it says so and the embedded servers stand in. The default build never touches this class.
 */
public final class ContainerServers {

    /** The images of deploy/docker-compose.yml (a test keeps them equal). */
    public static final String POSTGRES_IMAGE = "postgres:18";
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    private static PostgreSQLContainer postgres;
    private static KafkaContainer kafka;
    private static Boolean active;

    private ContainerServers() {
    }

    /** Whether the build asked for containers ({@code -Pcontainers}). */
    static boolean wanted() {
        return "containers".equals(System.getProperty("test-servers"));
    }

    /** Asked for and possible: Docker answers. Says once why not, when asked for and not possible. */
    public static synchronized boolean active() {
        if (active == null) {
            active = wanted() && DockerClientFactory.instance().isDockerAvailable();
            if (wanted() && !active) {
                System.err.println("[real-servers] -Pcontainers asked for the images " + POSTGRES_IMAGE + " and " + KAFKA_IMAGE
                        + ", but no Docker answers here: the embedded PostgreSQL and Kafka stand in");
            }
        }
        return active;
    }

    public static synchronized String bootstrapServers() {
        if (kafka == null) {
            kafka = new KafkaContainer(KAFKA_IMAGE);
            kafka.start();
        }
        return kafka.getBootstrapServers();
    }

    private static synchronized PostgreSQLContainer postgres() {
        if (postgres == null) {
            postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withUsername("postgres").withPassword("postgres");
            postgres.start();
        }
        return postgres;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres().getHost() + ":" + postgres().getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + database;
    }

    /** A database owned by a user of the same name (password = name), as the embedded server makes them. */
    public static void createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(postgres().getJdbcUrl(), "postgres", "postgres")) {
            EmbeddedPostgresServer.createOwnedDatabase(c, name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " in the " + POSTGRES_IMAGE + " container", e);
        }
    }
}
