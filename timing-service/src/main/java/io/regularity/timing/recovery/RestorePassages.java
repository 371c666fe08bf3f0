package io.regularity.timing.recovery;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.regularity.timing.persistence.PassageRepository;

/**
 * {@code deploy/restore-passages}: after timing's database was restored from a backup older than its last passage,
 * puts back every passage, void and restore that the {@code passages} topic holds and the database does not, as the
 * service stored them (see {@link TopicRestore}), without publishing anything: the events are on Kafka already. It
 * reads the topic with a plain consumer, assigned to every partition from the beginning (or from {@code --since}) up
 * to the end offsets taken at start, in no consumer group and committing nothing, and writes in one transaction. Then
 * it sets timing's own consumer group back to the beginning of {@code route-events}, so that timing reads again the
 * races and the device revocations the old backup lacks.
 *
 * <p>The database and Kafka come from the options or from the service's own environment variables, so it runs against
 * production as the service does. Exit 0: done; 1: failed or incomplete, saying what; 2: wrong arguments.
 */
public final class RestorePassages {

    static final String USAGE = """
            usage: restore-passages [--jdbc-url URL] [--user NAME] [--password SECRET] [--bootstrap-servers HOST:PORT,...]
                                    [--since 2027-06-12T07:00:00Z] [--topic passages] [--kafka NAME=VALUE]...
                                    [--route-events-group timing-service | --keep-route-events-offsets] [--dry-run]
              Puts back into timing's database the passages, voids and restores of the passages topic it lacks (after a
              restore from an old backup), publishing nothing. Stop timing-service first. Defaults: the service's own
              QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD, KAFKA_BOOTSTRAP_SERVERS
              and every other KAFKA_* variable (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_JAAS_CONFIG, ...), as the service reads
              them; --kafka sets any other Kafka client setting. Exit 0: done; 1: failed or incomplete; 2: wrong arguments.""";

    private final PrintStream out;

    public RestorePassages(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        // the jars log through the JBoss LogManager (the Kafka clients' warnings too): to stderr, warnings and errors only,
        // one line each, so that stdout is the report
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s: %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        ConsoleHandler stderr = new ConsoleHandler();
        stderr.setLevel(Level.WARNING);
        root.addHandler(stderr);
        System.exit(new RestorePassages(System.out).run(args, System.getenv()));
    }

    /** A problem the operator has to solve; its message says which and how. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    public int run(String[] args, Map<String, String> env) {
        RestoreSettings settings;
        try {
            settings = RestoreSettings.parse(args, env);
        } catch (IllegalArgumentException e) {
            out.println("restore-passages: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        if (settings == null) {
            out.println(USAGE);
            return 0;
        }
        try {
            return restore(settings);
        } catch (Failure e) {
            out.println("restore-passages: " + e.getMessage());
            return 1;
        }
    }

    private int restore(RestoreSettings settings) {
        long started = System.nanoTime();
        String kafkaAt = String.valueOf(settings.kafka().get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        Map<String, Object> consumerConfig = TopicScan.consumerConfig(settings);
        Duration patience = Duration.ofMillis(Long.parseLong(String.valueOf(consumerConfig.get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG))));
        try (Connection connection = connect(settings);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
                Admin admin = Admin.create(RouteEventsGroup.adminConfig(settings))) {
            List<TopicPartition> partitions = TopicScan.partitions(consumer, settings.topic(), kafkaAt);
            if (settings.routeEventsGroup() != null) {
                RouteEventsGroup.requireIdle(admin, settings.routeEventsGroup());
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            String from = TopicScan.seek(consumer, partitions, end, settings.since());
            long toRead = 0;
            for (TopicPartition p : partitions) {
                toRead += end.get(p) - consumer.position(p);
            }
            out.printf("restore-passages: %s (user %s); Kafka %s, topic %s: %d partitions, %d records %s up to the end at start%n",
                    settings.jdbcUrl(), settings.user(), kafkaAt, settings.topic(), partitions.size(), toRead, from);

            PassageRepository repository = new PassageRepository(new OneConnection(connection));
            TopicRestore restore = new TopicRestore(repository);
            long readStarted = System.nanoTime();
            TopicScan.read(consumer, partitions, end, restore, patience);
            TopicRestore.Counts counts = restore.finish();
            double readSeconds = (System.nanoTime() - readStarted) / 1e9;
            try {
                if (settings.dryRun()) {
                    connection.rollback();
                } else {
                    connection.commit();
                }
            } catch (SQLException e) {
                throw new Failure("could not commit, nothing was written: " + e.getMessage());
            }
            report(counts, readSeconds, settings.dryRun());

            List<String> problems = new ArrayList<>();
            if (settings.routeEventsGroup() != null) {
                if (settings.dryRun()) {
                    out.printf("route-events: consumer group %s left as it is (a dry run)%n", settings.routeEventsGroup());
                } else {
                    RouteEventsGroup.rewind(admin, settings.routeEventsGroup());
                    out.printf("route-events: consumer group %s set back to the beginning: timing reads every race and device "
                            + "revocation again when it starts%n", settings.routeEventsGroup());
                }
            }
            if (!counts.unreadable().isEmpty()) {
                problems.add(counts.unreadable().size() + " records could not be read (nothing was made of them): "
                        + String.join("; ", counts.unreadable().subList(0, Math.min(10, counts.unreadable().size()))));
            }
            if (!counts.orphans().isEmpty()) {
                problems.add(counts.orphans().size() + " voids or restores not applied: their passage is not in the database (run "
                        + "again with an earlier --since, or without it), or it is in that state already without its journal saying "
                        + "so (look at it by hand): "
                        + String.join("; ", counts.orphans().subList(0, Math.min(10, counts.orphans().size()))));
            }
            out.printf("done in %.1f s%n", (System.nanoTime() - started) / 1e9);
            if (!problems.isEmpty()) {
                problems.forEach(p -> out.println("restore-passages: INCOMPLETE: " + p));
                return 1;
            }
            return 0;
        } catch (SQLException e) {
            throw new Failure("timing's database failed: " + e.getMessage());
        } catch (KafkaException e) {
            throw new Failure("Kafka at " + kafkaAt + " failed, nothing was written: " + e.getMessage());
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException) {
                throw new Failure("timing's database refused a write, nothing was written: " + e.getCause().getMessage());
            }
            throw e;
        }
    }

    private static Connection connect(RestoreSettings settings) {
        Connection c = null;
        try {
            c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select to_regclass('passage') is not null and to_regclass('passage_change') is not null")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    c.close();
                    throw new Failure(settings.jdbcUrl() + " has no passage tables: not timing's database, or not migrated yet "
                            + "(start timing-service on it once, taking no traffic, so that its migrations make them)");
                }
            }
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (SQLException ignored) {
                // the first failure is the one to tell
            }
            throw new Failure("cannot reach timing's database " + settings.jdbcUrl() + " as " + settings.user() + ": " + e.getMessage());
        }
    }

    private void report(TopicRestore.Counts c, double seconds, boolean dryRun) {
        out.printf("read %d events in %.1f s (%.0f events/s): %d PassageRecorded, %d PassageVoided, %d PassageRestored, %d of other "
                + "types%n", c.events(), seconds, seconds > 0 ? c.events() / seconds : 0, c.recorded(), c.voids(), c.restores(),
                c.otherTypes());
        out.printf("%s %d passages, %d voids, %d restores; already present: %d passages, %d voids or restores%n",
                dryRun ? "would restore" : "restored", c.passagesRestored(), c.voidsApplied(), c.restoresApplied(), c.passagesPresent(),
                c.changesPresent());
        if (dryRun) {
            out.println("dry run: rolled back, nothing written");
        }
    }
}
