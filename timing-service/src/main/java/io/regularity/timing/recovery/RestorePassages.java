package io.regularity.timing.recovery;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
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

    /** The command's settings, from the options and then the environment. */
    record Settings(String jdbcUrl, String user, String password, Map<String, Object> kafka, String topic, Instant since,
            String routeEventsGroup, boolean dryRun) {
    }

    /** A problem the operator has to solve; its message says which and how. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    public int run(String[] args, Map<String, String> env) {
        Settings settings;
        try {
            settings = settings(args, env);
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

    static Settings settings(String[] args, Map<String, String> env) {
        Map<String, Object> kafka = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                kafka.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        String jdbcUrl = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        String user = env.get("QUARKUS_DATASOURCE_USERNAME");
        String password = env.get("QUARKUS_DATASOURCE_PASSWORD");
        String topic = "passages";
        Instant since = null;
        String group = "timing-service";
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--dry-run" -> dryRun = true;
                case "--keep-route-events-offsets" -> group = null;
                case "--jdbc-url", "--user", "--password", "--bootstrap-servers", "--topic", "--since", "--kafka", "--route-events-group" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (arg) {
                        case "--jdbc-url" -> jdbcUrl = value;
                        case "--user" -> user = value;
                        case "--password" -> password = value;
                        case "--bootstrap-servers" -> kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, value);
                        case "--topic" -> topic = value;
                        case "--since" -> since = instant(value);
                        case "--route-events-group" -> group = value;
                        default -> {
                            int at = value.indexOf('=');
                            if (at <= 0) {
                                throw new IllegalArgumentException("--kafka takes NAME=VALUE, e.g. --kafka security.protocol=SASL_SSL");
                            }
                            kafka.put(value.substring(0, at), value.substring(at + 1));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("which database? --jdbc-url, or QUARKUS_DATASOURCE_JDBC_URL");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("which database user? --user, or QUARKUS_DATASOURCE_USERNAME");
        }
        if (kafka.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("which Kafka? --bootstrap-servers, or KAFKA_BOOTSTRAP_SERVERS");
        }
        return new Settings(jdbcUrl, user, password == null ? "" : password, kafka, topic, since, group, dryRun);
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since takes an instant with its offset, e.g. 2027-06-12T07:00:00Z or "
                    + "2027-06-12T09:00:00+02:00, not " + value);
        }
    }

    private int restore(Settings settings) {
        long started = System.nanoTime();
        String kafkaAt = String.valueOf(settings.kafka().get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        Map<String, Object> consumerConfig = consumerConfig(settings.kafka());
        Duration patience = Duration.ofMillis(Long.parseLong(String.valueOf(consumerConfig.get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG))));
        try (Connection connection = connect(settings);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
                Admin admin = Admin.create(adminConfig(settings.kafka()))) {
            List<TopicPartition> partitions = partitions(consumer, settings.topic(), kafkaAt);
            if (settings.routeEventsGroup() != null) {
                groupIsIdle(admin, settings.routeEventsGroup());
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            String from = seek(consumer, partitions, end, settings.since());
            long toRead = 0;
            for (TopicPartition p : partitions) {
                toRead += end.get(p) - consumer.position(p);
            }
            out.printf("restore-passages: %s (user %s); Kafka %s, topic %s: %d partitions, %d records %s up to the end at start%n",
                    settings.jdbcUrl(), settings.user(), kafkaAt, settings.topic(), partitions.size(), toRead, from);

            PassageRepository repository = new PassageRepository(new OneConnection(connection));
            TopicRestore restore = new TopicRestore(repository);
            long readStarted = System.nanoTime();
            read(consumer, partitions, end, restore, patience);
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
                    rewind(admin, settings.routeEventsGroup());
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

    private static Connection connect(Settings settings) {
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

    /** A plain consumer: no group, nothing committed, every record as it is, only what producers committed. */
    static Map<String, Object> consumerConfig(Map<String, Object> kafka) {
        Map<String, Object> config = only(kafka, ConsumerConfig.configNames());
        config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "restore-passages");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    static Map<String, Object> adminConfig(Map<String, Object> kafka) {
        Map<String, Object> config = only(kafka, AdminClientConfig.configNames());
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        // a request may not outlast the call it belongs to
        long call = Long.parseLong(String.valueOf(config.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)));
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(10000, call));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "restore-passages-admin");
        return config;
    }

    /** The settings a client knows (the environment holds KAFKA_HOME, KAFKA_OPTS and such too). */
    private static Map<String, Object> only(Map<String, Object> kafka, Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (names.contains(name)) {
                config.put(name, value);
            }
        });
        return config;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic, String kafkaAt) {
        List<PartitionInfo> found;
        try {
            found = consumer.partitionsFor(topic);
        } catch (TimeoutException e) {
            throw new Failure("cannot reach Kafka at " + kafkaAt + ": " + e.getMessage());
        }
        if (found == null || found.isEmpty()) {
            throw new Failure("topic " + topic + " does not exist on Kafka at " + kafkaAt);
        }
        return found.stream().map(p -> new TopicPartition(topic, p.partition())).sorted((a, b) -> a.partition() - b.partition()).toList();
    }

    /** Seeks every partition to the beginning, or to the first record at or after {@code since}; says which. */
    private static String seek(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end,
            Instant since) {
        if (since == null) {
            consumer.seekToBeginning(partitions);
            return "from the beginning";
        }
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(p -> at.put(p, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp offset = found.get(p);
            consumer.seek(p, offset == null ? end.get(p) : offset.offset());
        }
        return "published since " + since;
    }

    /** Polls until every partition reached the end offset it had at start; records beyond it are left for another day. */
    private static void read(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end,
            TopicRestore restore, Duration patience) {
        List<TopicPartition> pending = new ArrayList<>(partitions);
        pending.removeIf(p -> consumer.position(p) >= end.get(p));
        long lastProgress = System.nanoTime();
        while (!pending.isEmpty()) {
            List<ConsumerRecord<String, String>> batch = new ArrayList<>();
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    batch.add(record);
                }
            }
            if (!batch.isEmpty()) {
                restore.accept(batch);
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > patience.toNanos()) {
                throw new Failure("Kafka gave no records for " + patience.toSeconds() + " s with " + pending.size()
                        + " partitions not read to their end (" + pending + "); nothing was written");
            }
            pending.removeIf(p -> consumer.position(p) >= end.get(p));
        }
    }

    /** timing-service must not be running: its group's offsets can be moved only while it has no member. */
    private static void groupIsIdle(Admin admin, String group) {
        try {
            ConsumerGroupDescription described = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
            if (!described.members().isEmpty()) {
                throw new Failure("consumer group " + group + " has " + described.members().size() + " members: timing-service is "
                        + "running; stop it first (kubectl -n regularity scale deployment/timing-service --replicas=0), or pass "
                        + "--keep-route-events-offsets");
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new Failure("cannot describe consumer group " + group + ": " + e.getCause().getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }

    /** Sets the group's offsets on route-events to each partition's first offset (a compacted topic: every race's latest). */
    private static void rewind(Admin admin, String group) {
        try {
            TopicDescription topic = admin.describeTopics(List.of("route-events")).allTopicNames().get().get("route-events");
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            topic.partitions().forEach(p -> earliest.put(new TopicPartition("route-events", p.partition()), OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            admin.listOffsets(earliest).all().get().forEach((p, info) -> offsets.put(p, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, offsets).all().get();
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof UnknownTopicOrPartitionException ? "topic route-events does not exist"
                    : e.getCause().getMessage();
            throw new Failure("the passages are restored, but consumer group " + group + " could not be set back to the beginning of "
                    + "route-events (" + why + "): do it by hand before timing starts (docs/operations.md)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
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
