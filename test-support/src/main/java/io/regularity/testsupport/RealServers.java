package io.regularity.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one real PostgreSQL and one real Kafka broker per test JVM (held in static fields, so every
 * test class of a module shares them) and points the Quarkus application under test at them.
 * The database is named after the init argument {@code database} (default {@code app}).
 */
public class RealServers implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafka kafka;
    private String database = "app";

    /** The loggers of the embedded servers, kept here so their settings are not collected with them. */
    private static final List<Logger> SERVER_LOGGERS = new ArrayList<>();

    static {
        quietServers(); // after SERVER_LOGGERS: static initializers run in the order they are written
    }

    /**
     * The embedded broker's and PostgreSQL's own logging goes to {@code target/embedded-servers.log} (everything) and
     * to the console only from WARNING up: a test run's output is the tests', not thousands of broker lines.
     */
    static void quietServers() {
        try {
            Files.createDirectories(Path.of("target"));
            FileHandler file = new FileHandler("target/embedded-servers.log", true);
            file.setFormatter(new SimpleFormatter());
            file.setLevel(Level.ALL);
            ConsoleHandler console = new ConsoleHandler();
            console.setLevel(Level.WARNING);
            for (String name : new String[] { "kafka", "state.change.logger", "org.apache.kafka.server", "org.apache.kafka.controller",
                    "org.apache.kafka.raft", "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage",
                    "org.apache.kafka.coordinator", "io.zonky" }) {
                Logger logger = Logger.getLogger(name);
                logger.setUseParentHandlers(false);
                logger.addHandler(file);
                logger.addHandler(console);
                SERVER_LOGGERS.add(logger);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("[real-servers] the embedded servers log to the console: " + e.getMessage());
        }
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start(workDir().resolve("pg-" + ProcessHandle.current().pid()), 0, false);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
        }
        return postgres;
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null && containers()) {
            kafka = EmbeddedKafka.attach(ContainerServers.bootstrapServers());
            Topics.create(kafka);
        } else if (kafka == null) {
            kafka = EmbeddedKafka.start(workDir(), 0);
            Topics.create(kafka);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
        }
        return kafka;
    }

    private static KafkaProducer<String, String> producer;

    /** Sends one record and waits for Kafka's acknowledgement. */
    public static void send(String topic, String key, String value) {
        send(topic, key, value, Map.of());
    }

    /** Sends one record with these headers (a {@code traceparent}, say) and waits for Kafka's acknowledgement. */
    public static synchronized void send(String topic, String key, String value, Map<String, String> headers) {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", kafka().bootstrapServers(), "acks", "all", "linger.ms", 0),
                    new StringSerializer(),
                    new StringSerializer());
        }
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** "Authorization: Bearer …" for race direction in tests. */
    public static String raceDirection() {
        return "Bearer " + Tokens.forTests().raceDirection("race-director");
    }

    /** "Authorization: Bearer …" for a timekeeper allowed on these races ("*": all), for any device. */
    public static String timekeeper(String... races) {
        return "Bearer " + Tokens.forTests().timekeeper("timekeeper-1", "*", races);
    }

    /** Waits until a consumer group has processed everything sent to a topic so far. */
    public static void awaitConsumed(String group, String topic, Duration timeout) {
        kafka().awaitConsumed(group, topic, timeout);
    }

    private static Path workDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "real-servers");
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    /** {@code -Pcontainers} where Docker answers: the compose file's images instead of the embedded servers. */
    public static boolean containers() {
        // the property first: without it ContainerServers (and Testcontainers, absent from some classpaths) is never loaded
        return "containers".equals(System.getProperty("test-servers")) && ContainerServers.active();
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (containers()) {
            ContainerServers.createDatabase(database);
            config.put("quarkus.datasource.jdbc.url", ContainerServers.jdbcUrl(database));
        } else {
            EmbeddedPostgresServer pg = postgres();
            pg.createDatabase(database);
            config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        }
        config.put("quarkus.datasource.username", database);
        config.put("quarkus.datasource.password", database);
        config.put("kafka.bootstrap.servers", kafka().bootstrapServers());
        config.put("mp.jwt.verify.publickey", Tokens.forTests().publicKeyPem());
        config.put("mp.jwt.verify.issuer", Tokens.ISSUER);
        config.put("smallrye.jwt.sign.key", Tokens.forTests().privateKeyPem());
        return config;
    }

    @Override
    public void stop() {
        // the servers live as long as the test JVM: every test class of the module shares them
    }
}
