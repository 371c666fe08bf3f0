package io.regularity.timing.recovery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The settings of {@link RestorePassages}, from its options and then from the service's own environment variables
 * ({@code QUARKUS_DATASOURCE_*}, and every {@code KAFKA_*} as a Kafka client setting), so that the command runs against
 * production as the service does.
 */
record RestoreSettings(String jdbcUrl, String user, String password, Map<String, Object> kafka, String topic, Instant since,
        String routeEventsGroup, boolean dryRun) {

    /** The settings the arguments and the environment say; null for {@code --help}; wrong arguments throw, saying why. */
    static RestoreSettings parse(String[] args, Map<String, String> env) {
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
        return new RestoreSettings(jdbcUrl, user, password == null ? "" : password, kafka, topic, since, group, dryRun);
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since takes an instant with its offset, e.g. 2027-06-12T07:00:00Z or "
                    + "2027-06-12T09:00:00+02:00, not " + value);
        }
    }

    /** The Kafka settings a client knows (the environment holds KAFKA_HOME, KAFKA_OPTS and such too). */
    Map<String, Object> kafkaFor(Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (names.contains(name)) {
                config.put(name, value);
            }
        });
        return config;
    }
}
