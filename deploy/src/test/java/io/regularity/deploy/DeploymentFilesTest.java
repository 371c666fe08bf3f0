package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * What can be checked of the deployment files without a cluster or a Docker engine: they parse, name
 * only images and variables that exist, and agree with the services' own configuration (ports,
 * topics, secrets, config maps).
 */
class DeploymentFilesTest {

    static final Path ROOT = Path.of(System.getProperty("regularity.root", "..")).toAbsolutePath().normalize();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Map<String, Integer> PORTS = Map.of("route-service", 8081, "timing-service", 8082, "classification-service", 8083,
            "championship-service", 8084);
    /** Health, metrics, info and the OpenAPI document: Quarkus' management interface, a port of each service's own. */
    static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("route-service", 9081, "timing-service", 9082, "classification-service",
            9083, "championship-service", 9084);
    static Properties properties(String service) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(ROOT.resolve(service + "/src/main/resources/application.properties"))));
        return p;
    }

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isEmpty()) {
                    docs.add(d);
                }
            });
        }
        return docs;
    }

    /** A variable a service reads: one of its properties, or a setting of an extension it has. */
    static boolean known(String service, String variable) throws IOException {
        String property = variable.toLowerCase().replace('_', '.');
        Properties props = properties(service);
        for (String name : props.stringPropertyNames()) {
            if (name.replace('-', '.').equals(property)) {
                return true;
            }
        }
        // a variable a property reads by its own name (${OTEL_SDK_DISABLED:true}), in the service's properties or in those
        // service-support gives every service
        for (Path file : List.of(ROOT.resolve(service + "/src/main/resources/application.properties"),
                ROOT.resolve("service-support/src/main/resources/META-INF/microprofile-config.properties"))) {
            if (Files.readString(file).contains("${" + variable + ":")) {
                return true;
            }
        }
        // every kafka.* setting reaches the Kafka clients (the connector's and the outbox relay's)
        if (Set.of("JAVA_OPTS_APPEND", "MALLOC_ARENA_MAX").contains(variable)) {
            return true; // read by the image's JVM launcher and by glibc, not by the application
        }
        return property.startsWith("kafka.") || Set.of("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                "quarkus.datasource.password", "mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey").contains(property)
                // the key route-service signs the posts' device tokens with (smallrye-jwt-build), a secret with no default
                || service.equals("route-service") && property.equals("smallrye.jwt.sign.key.location");
    }

    /**
     * Issue 34: an out-of-memory error once killed a service's outbox relay and left it UP, taking writes it never sent.
     * Every JVM that runs a service (or, locally, the broker) ends at the first one instead, and is started again.
     */
    @Test
    void everyLauncherEndsTheProcessAtAnOutOfMemoryError() throws IOException {
        for (String service : PORTS.keySet()) {
            String image = Files.readString(ROOT.resolve(service + "/src/main/docker/Dockerfile.jvm"));
            assertTrue(image.lines().anyMatch(l -> l.startsWith("ENV JAVA_OPTS_APPEND=") && l.contains("-XX:+ExitOnOutOfMemoryError")), service);
        }
        assertTrue(YAML.readTree(ROOT.resolve("deploy/docker-compose.yml").toFile()).path("x-service-env")
                .path("JAVA_OPTS_APPEND").asText().contains("-XX:+ExitOnOutOfMemoryError"), "compose");
        List<String> launches = Files.readAllLines(ROOT.resolve("deploy/lib/launch.sh")).stream().filter(l -> l.contains("exec java")).toList();
        assertEquals(2, launches.size(), launches.toString());
        launches.forEach(l -> assertTrue(l.contains("-XX:+ExitOnOutOfMemoryError"), l));
    }

    @Test
    void composeParsesAndAgreesWithTheServices() throws IOException {
        JsonNode compose = YAML.readTree(ROOT.resolve("deploy/docker-compose.yml").toFile());
        JsonNode services = compose.get("services");
        Set<String> names = new HashSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertTrue(names.containsAll(Set.of("kafka", "kafka-topics", "route-db", "timing-db", "classification-db", "championship-db",
                "route-service", "timing-service", "classification-service", "championship-service")), names.toString());
        String kafkaVersion = System.getProperty("kafka.version", "4.1.2");
        assertEquals("apache/kafka:" + kafkaVersion, services.get("kafka").get("image").asText(),
                "the broker image is the version the Quarkus BOM pins");
        for (var entry : PORTS.entrySet()) {
            String service = entry.getKey();
            JsonNode s = services.get(service);
            int management = MANAGEMENT_PORTS.get(service);
            assertEquals(entry.getValue(), Integer.parseInt(properties(service).getProperty("quarkus.http.port")));
            assertEquals("true", properties(service).getProperty("quarkus.management.enabled"), service + " has a management interface");
            assertEquals(management, Integer.parseInt(properties(service).getProperty("quarkus.management.port")));
            assertEquals(entry.getValue() + ":" + entry.getValue(), s.get("ports").get(0).asText());
            assertEquals("127.0.0.1:" + management + ":" + management, s.get("ports").get(1).asText(),
                    "the management port is published on the host's loopback only");
            assertEquals(2, s.get("ports").size(), s.get("ports").toString());
            assertTrue(s.get("healthcheck").get("test").toString().contains("localhost:" + management + "/q/health/ready"),
                    "the health check asks the management interface");
            Path dockerfile = ROOT.resolve(service).resolve(s.get("build").get("dockerfile").asText());
            assertTrue(Files.readString(dockerfile).contains("EXPOSE " + entry.getValue() + " " + management),
                    dockerfile + " exposes both ports");
            String db = service.substring(0, service.indexOf('-'));
            assertTrue(s.get("depends_on").has(db + "-db"), service + " waits for its own database");
            assertEquals("jdbc:postgresql://" + db + "-db:5432/" + db, s.get("environment").get("QUARKUS_DATASOURCE_JDBC_URL").asText());
            var env = s.get("environment").fieldNames();
            while (env.hasNext()) {
                String variable = env.next();
                if (!variable.equals("<<")) {
                    assertTrue(known(service, variable), service + " does not read " + variable);
                }
            }
            assertFalse(s.path("mem_limit").asText().isEmpty(), service + " has a memory limit");
            assertTrue(s.get("secrets").toString().contains("\"dev-public-key\""), service + " trusts the development key out of the box");
            for (var shared = compose.get("x-service-env").fieldNames(); shared.hasNext();) {
                String variable = shared.next();
                assertTrue(known(service, variable), service + " does not read " + variable);
            }
        }
        String topics = services.get("kafka-topics").get("command").toString();
        assertTrue(topics.contains("--topic route-events --partitions 1") && topics.contains("cleanup.policy=compact"), topics);
        assertTrue(topics.contains("--topic passages --partitions 12"), topics);
        // issue 39: the cars' fixes, keyed by car like the passages, kept a week
        assertTrue(Pattern.compile("--topic fixes\\s+--partitions 12 --replication-factor 1 --config retention.ms=604800000").matcher(topics).find(),
                topics);
        // and the crossings timing's stream processor finds in them
        assertTrue(Pattern.compile("--topic gps-crossings\\s+--partitions 12 --replication-factor 1 --config retention.ms=604800000")
                .matcher(topics).find(), topics);
        // each compacted topic a service reads from its beginning, or sends its outbox to
        for (String compacted : List.of("route-events", "race-decisions", "race-results", "championships", "protest-windows")) {
            assertTrue(Pattern.compile("--topic " + compacted + "\\s+--partitions 1 --replication-factor 1 --config cleanup.policy=compact")
                    .matcher(topics).find(), compacted + ": " + topics);
        }
        assertEquals("passages", properties("classification-service").getProperty("mp.messaging.incoming.passages.topic"));
        assertEquals("route-events", properties("timing-service").getProperty("mp.messaging.incoming.route-events.topic"));
        assertEquals("race-results", properties("championship-service").getProperty("mp.messaging.incoming.race-results.topic"));
        assertEquals("championships", properties("championship-service").getProperty("regularity.outbox.topic"));
        assertEquals("championships", properties("championship-service").getProperty("mp.messaging.incoming.championships.topic"));
        // the dashboard's browsers reach championship-service where compose publishes it
        assertEquals("${PUBLIC_CHAMPIONSHIP_URL:-http://localhost:" + PORTS.get("championship-service") + "}",
                services.at("/classification-service/environment/REGULARITY_DASHBOARD_CHAMPIONSHIP_URL").asText());
        // every variable the compose file reads is in .env.example, with a word on what it is
        String example = Files.readString(ROOT.resolve("deploy/.env.example"));
        Matcher variables = Pattern.compile("\\$\\{([A-Z_]+)").matcher(Files.readString(ROOT.resolve("deploy/docker-compose.yml")));
        Set<String> read = new TreeSet<>();
        while (variables.find()) {
            read.add(variables.group(1));
        }
        assertTrue(read.containsAll(List.of("ROUTE_DB_PASSWORD", "CHAMPIONSHIP_DB_PASSWORD", "PUBLIC_TIMING_URL", "PUBLIC_CHAMPIONSHIP_URL",
                "ISSUING_KEY_FILE")), read.toString());
        for (String variable : read) {
            assertTrue(Pattern.compile("(?m)^" + variable + "=").matcher(example).find(), "deploy/.env.example lacks " + variable);
        }
        assertTrue(Files.readString(ROOT.resolve("route-service/src/main/resources/application.properties"))
                .contains("regularity.devices.timing-url="), "PUBLIC_TIMING_URL feeds route's device links");
    }

    @Test
    void composeRefusesToStartWithoutAKeyFileInsteadOfMountingADirectory() throws IOException {
        JsonNode compose = YAML.readTree(ROOT.resolve("deploy/docker-compose.yml").toFile());
        // a short-syntax bind mount of a missing file makes an empty directory in its place; a file secret or a
        // long-syntax bind with create_host_path false makes `up` stop with the file's name
        for (var service = compose.get("services").fields(); service.hasNext();) {
            var s = service.next();
            for (JsonNode volume : s.getValue().path("volumes")) {
                if (volume.isTextual()) {
                    String source = volume.asText().split(":")[0];
                    assertFalse(source.startsWith(".") || source.startsWith("/") || source.startsWith("$"),
                            s.getKey() + " bind-mounts " + source + " in short syntax: use a secret, or a long-syntax bind with create_host_path: false");
                } else if ("bind".equals(volume.path("type").asText())) {
                    assertFalse(volume.at("/bind/create_host_path").asBoolean(true), s.getKey() + ": " + volume);
                }
            }
        }
        JsonNode secrets = compose.get("secrets");
        assertEquals("./target/tokens/dev-public.pem", secrets.at("/dev-public-key/file").asText());
        assertEquals("${ISSUING_KEY_FILE:-./target/tokens/dev-private.pem}", secrets.at("/issuing-key/file").asText());
        JsonNode route = compose.at("/services/route-service");
        assertEquals("/run/secrets/issuing-key", route.at("/environment/SMALLRYE_JWT_SIGN_KEY_LOCATION").asText());
        assertTrue(route.get("secrets").toString().contains("\"issuing-key\""), "route signs the posts' tokens with the issuing key");
        assertEquals("${JWT_PUBLICKEY_LOCATION:-/run/secrets/dev-public-key}",
                compose.at("/x-service-env/MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText());
    }

    @Test
    void composeRunsPostgresql18WithItsDataWhereTheImageKeepsIt() throws IOException {
        JsonNode compose = YAML.readTree(ROOT.resolve("deploy/docker-compose.yml").toFile());
        for (String db : List.of("route-db", "timing-db", "classification-db", "championship-db")) {
            JsonNode s = compose.at("/services/" + db);
            assertEquals("postgres:18", s.get("image").asText());
            // from 18 on the image keeps PGDATA in /var/lib/postgresql/18/docker and refuses a volume at …/data
            assertEquals(db + "-pg18:/var/lib/postgresql", s.get("volumes").get(0).asText());
            assertTrue(compose.at("/volumes").has(db + "-pg18"), db);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "route-service", "timing-service", "classification-service", "championship-service" })
    void theGeneratedManifestsAgreeWithTheServices(String service) throws IOException {
        Path file = ROOT.resolve("deploy/kubernetes/" + service + ".yml");
        assertTrue(Files.readString(file).startsWith("# GENERATED"), file + " is marked generated");
        List<JsonNode> docs = documents(file);
        JsonNode deployment = docs.stream().filter(d -> "Deployment".equals(d.path("kind").asText())).findFirst().orElseThrow();
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertTrue(container.get("image").asText().contains("regularity/" + service + ":"), container.get("image").asText());
        Map<String, Integer> ports = new HashMap<>();
        container.get("ports").forEach(p -> ports.put(p.get("name").asText(), p.get("containerPort").asInt()));
        assertEquals(Map.of("http", PORTS.get(service), "management", MANAGEMENT_PORTS.get(service)), ports);
        Map<String, JsonNode> env = new HashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), e));
        for (String variable : env.keySet()) {
            if (!variable.equals("KUBERNETES_NAMESPACE")) {
                assertTrue(known(service, variable), service + " does not read " + variable);
            }
        }
        String db = service.substring(0, service.indexOf('-')) + "-db";
        assertEquals(db + "-app", env.get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("jdbc:postgresql://" + db + "-rw:5432/app", env.get("QUARKUS_DATASOURCE_JDBC_URL").get("value").asText());
        assertEquals("regularity-kafka-bootstrap:9093", env.get("KAFKA_BOOTSTRAP_SERVERS").get("value").asText());
        assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL").get("value").asText(), "Kafka over TLS with a SCRAM user");
        assertEquals(service, env.get("KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText(),
                "the Strimzi KafkaUser's secret");
        Set<String> clusters = new HashSet<>();
        documents(ROOT.resolve("deploy/kubernetes/postgres.yml")).forEach(d -> clusters.add(d.at("/metadata/name").asText()));
        assertTrue(clusters.contains(db), "a CloudNativePG cluster " + db + " makes the secret " + db + "-app");
        Set<String> configMaps = new HashSet<>();
        documents(ROOT.resolve("deploy/kubernetes/config.yml")).forEach(d -> configMaps.add(d.at("/metadata/name").asText()));
        env.values().stream().map(e -> e.at("/valueFrom/configMapKeyRef/name").asText()).filter(n -> !n.isEmpty())
                .forEach(name -> assertTrue(configMaps.contains(name), "config map " + name + " is defined"));
        assertFalse(container.path("readinessProbe").isMissingNode(), "readiness probe from smallrye-health");
        // a new version rolls out in place of the old: no version in the selectors; images from the configured registry
        assertTrue(deployment.at("/spec/selector/matchLabels/app.kubernetes.io~1version").isMissingNode(), "no version in the selector");
        JsonNode serviceDoc = docs.stream().filter(d -> "Service".equals(d.path("kind").asText())).findFirst().orElseThrow();
        assertTrue(serviceDoc.at("/spec/selector/app.kubernetes.io~1version").isMissingNode(), "no version in the Service's selector");
        assertTrue(container.get("image").asText().startsWith("registry.regularity.example.org/"), container.get("image").asText());
        JsonNode ingress = docs.stream().filter(d -> "Ingress".equals(d.path("kind").asText())).findFirst().orElseThrow();
        assertFalse(ingress.at("/spec/rules/0/host").asText().isEmpty(), "the Ingress names its host");
        assertEquals("off", ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-buffering").asText(),
                "SSE through the Ingress is not buffered");
    }

    @Test
    void theStrimziTopicsAreWhatTheServicesExpect() throws IOException {
        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode d : documents(ROOT.resolve("deploy/kubernetes/kafka.yml"))) {
            if ("KafkaTopic".equals(d.path("kind").asText())) {
                topics.put(d.at("/metadata/name").asText(), d.get("spec"));
            }
        }
        for (JsonNode d : documents(ROOT.resolve("deploy/kubernetes/kafka.yml"))) {
            assertEquals("kafka.strimzi.io/v1", d.path("apiVersion").asText(), "Strimzi's current API: " + d.at("/metadata/name"));
        }
        assertEquals("-1", topics.get("passages").at("/config/retention.ms").asText(), "passages are the facts: kept forever");
        assertEquals(12, topics.get("passages").get("partitions").asInt());
        assertEquals(3, topics.get("passages").get("replicas").asInt());
        assertEquals(12, topics.get("fixes").get("partitions").asInt(), "fixes: keyed raceId/car like the passages");
        assertEquals("604800000", topics.get("fixes").at("/config/retention.ms").asText(), "fixes: kept a week, by time");
        assertEquals("2", topics.get("fixes").at("/config/min.insync.replicas").asText(), "a 202 stands on two replicas");
        assertFalse(topics.get("fixes").path("config").has("cleanup.policy"), "fixes are deleted by time, never compacted");
        assertEquals(12, topics.get("gps-crossings").get("partitions").asInt(), "gps-crossings: keyed raceId/car like the fixes");
        assertEquals("604800000", topics.get("gps-crossings").at("/config/retention.ms").asText());
        for (String compacted : List.of("route-events", "race-decisions", "race-results", "championships", "protest-windows")) {
            assertEquals("compact", topics.get(compacted).at("/config/cleanup.policy").asText(), compacted);
            assertEquals(1, topics.get(compacted).get("partitions").asInt(), compacted + " is read whole, in order");
        }
        Map<String, JsonNode> users = new HashMap<>();
        for (JsonNode d : documents(ROOT.resolve("deploy/kubernetes/kafka.yml"))) {
            if ("KafkaUser".equals(d.path("kind").asText())) {
                users.put(d.at("/metadata/name").asText(), d.at("/spec/authorization/acls"));
            }
        }
        assertEquals(Set.of("route-service", "timing-service", "classification-service", "championship-service", "timing-recovery"),
                users.keySet());
        assertFalse(users.get("timing-recovery").toString().contains("Write"), "the recovery drill publishes nothing");
        Map<String, Set<String>> writers = new HashMap<>();
        users.forEach((user, acls) -> acls.forEach(acl -> {
            if (acl.get("operations").toString().contains("Write")) {
                writers.computeIfAbsent(acl.at("/resource/name").asText(), k -> new HashSet<>()).add(user);
            }
        }));
        assertEquals(Set.of("timing-service"), writers.get("passages"), "only timing writes passages");
        assertEquals(Set.of("route-service"), writers.get("route-events"), "only route writes route-events");
        assertEquals(Set.of("classification-service"), writers.get("race-results"), "only classification writes race-results");
        assertEquals(Set.of("championship-service"), writers.get("championships"), "only championship writes championships");
        assertEquals(Set.of("classification-service"), writers.get("protest-windows"), "only classification closes protest windows");
        assertEquals(Set.of("timing-service"), writers.get("fixes"), "only timing writes the cars' fixes");
        assertEquals(Set.of("timing-service"), writers.get("gps-crossings"), "only timing's stream processor writes the crossings");
        // what each service reads, it may read, in its own consumer group
        Map<String, Set<String>> readers = new HashMap<>();
        users.forEach((user, acls) -> acls.forEach(acl -> {
            if (acl.get("operations").toString().contains("Read")) {
                readers.computeIfAbsent(acl.at("/resource/type").asText() + ":" + acl.at("/resource/name").asText(), k -> new HashSet<>()).add(user);
            }
        }));
        // timing's Kafka Streams application: its group (its application id), its transactions and its changelog topics
        Properties timing = properties("timing-service");
        String application = timing.getProperty("quarkus.kafka-streams.application-id");
        assertTrue(readers.getOrDefault("group:" + application, Set.of()).contains("timing-service"), "timing's stream processor's group");
        assertTrue(users.get("timing-service").toString().contains("\"transactionalId\"") && users.get("timing-service").toString()
                .contains("\"" + application + "-\""), "its transactions and changelog topics, by the prefix " + application + "-");
        for (String service : PORTS.keySet()) {
            Properties p = properties(service);
            for (String name : p.stringPropertyNames()) {
                Matcher topic = Pattern.compile("mp\\.messaging\\.incoming\\.([a-z-]+)\\.topic").matcher(name);
                if (topic.matches()) {
                    assertTrue(readers.getOrDefault("topic:" + p.getProperty(name), Set.of()).contains(service), service + " may read " + p.getProperty(name));
                    String group = p.getProperty("mp.messaging.incoming." + topic.group(1) + ".group.id", service);
                    assertTrue(readers.getOrDefault("group:" + group, Set.of()).contains(service), service + " may read in its group " + group);
                }
            }
        }
        assertEquals("3", properties("classification-service").getProperty("quarkus.kubernetes.replicas"));
    }

    @Test
    void dockerComposeConfigPassesWhereDockerComposeIsInstalled() throws Exception {
        Path binary = Path.of("/usr/bin/docker-compose");
        Assumptions.assumeTrue(Files.isExecutable(binary), "docker-compose is not installed: `docker-compose config` not run");
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-f", ROOT.resolve("deploy/docker-compose.yml").toString(),
                "--env-file", ROOT.resolve("deploy/.env.example").toString(), "config", "-q").redirectErrorStream(true);
        builder.environment().putAll(Map.of("ROUTE_DB_PASSWORD", "x", "TIMING_DB_PASSWORD", "x", "CLASSIFICATION_DB_PASSWORD", "x",
                "CHAMPIONSHIP_DB_PASSWORD", "x"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
    }
}
