package io.regularity.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.regularity.testsupport.EmbeddedKafka;
import io.regularity.testsupport.EmbeddedPostgresServer;
import io.regularity.testsupport.FreePorts;
import io.regularity.testsupport.Tokens;
import io.regularity.testsupport.Topics;

/**
 * The whole system on one machine without Docker: one PostgreSQL with a database and user per
 * service, one Kafka broker (KRaft) with the topics as production defines them, and the three
 * packaged services as processes.
 */
public final class Stack implements AutoCloseable {

    public static final List<String> SERVICES = List.of("route-service", "timing-service", "classification-service", "championship-service");

    /**
     * Where things listen: fixed ports for the local stack, free ones (0) for tests. Each service has its API port and its
     * management port (health, metrics, OpenAPI), as its application.properties sets them: route 8081 and 9081, and so on.
     */
    public record Ports(int postgres, int kafka, int route, int timing, int classification, int championship, int routeManagement,
            int timingManagement, int classificationManagement, int championshipManagement) {
        public static Ports local() {
            return new Ports(15432, 19092, 8081, 8082, 8083, 8084, 9081, 9082, 9083, 9084);
        }

        public static Ports free() {
            return new Ports(0, 0, freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        }
    }

    /**
     * How many of each thing run: Kafka nodes (topics are replicated on up to three) and instances of
     * classification-service, which share one consumer group and one database.
     */
    public record Topology(int kafkaNodes, int classificationInstances) {
        public static Topology single() {
            return new Topology(1, 1);
        }
    }

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafka kafka;
    private final Tokens tokens;
    private final Path tokenDir;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<String, Map<String, String>> environments = new HashMap<>();
    private Path root;
    private Path logDir;

    private Stack(EmbeddedPostgresServer postgres, EmbeddedKafka kafka, Tokens tokens, Path tokenDir) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.tokens = tokens;
        this.tokenDir = tokenDir;
    }

    /**
     * Starts the servers, then the services, and waits until every service is ready. The services
     * trust the development key pair kept in {@code tokenDir}, made on first start; a race-direction
     * token and a timekeeper token for every race are written there.
     */
    public static Stack start(Path root, Path dataDir, Ports ports, boolean keepData, Path tokenDir) throws IOException {
        return start(root, dataDir, ports, keepData, tokenDir, Topology.single());
    }

    public static Stack start(Path root, Path dataDir, Ports ports, boolean keepData, Path tokenDir, Topology topology)
            throws IOException {
        Tokens tokens = Tokens.loadOrCreate(tokenDir);
        Files.writeString(tokenDir.resolve("race-direction.jwt"), tokens.raceDirection("race-direction-dev") + "\n");
        Files.writeString(tokenDir.resolve("timekeeper.jwt"), tokens.timekeeper("timekeeper-dev", "*", "*") + "\n");
        log("starting PostgreSQL (data in " + dataDir.resolve("postgres") + ")");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), ports.postgres(), keepData);
        EmbeddedKafka kafka = null;
        try {
            log("starting Kafka (KRaft, " + topology.kafkaNodes() + " node(s), data in " + dataDir.resolve("kafka") + ")");
            kafka = topology.kafkaNodes() == 1 ? EmbeddedKafka.start(dataDir.resolve("kafka"), ports.kafka())
                    : EmbeddedKafka.startCluster(dataDir.resolve("kafka"), topology.kafkaNodes());
            Topics.create(kafka);
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            postgres.close();
            throw e;
        }
        Stack stack = new Stack(postgres, kafka, tokens, tokenDir);
        stack.root = root;
        stack.logDir = dataDir.resolve("logs");
        try {
            int[] httpPorts = { ports.route(), ports.timing(), ports.classification(), ports.championship() };
            int[] managementPorts = { ports.routeManagement(), ports.timingManagement(), ports.classificationManagement(),
                    ports.championshipManagement() };
            for (int i = 0; i < SERVICES.size(); i++) {
                String name = SERVICES.get(i);
                String db = name.substring(0, name.indexOf('-'));
                postgres.createDatabase(db);
                log("starting " + name + " on port " + httpPorts[i]);
                Map<String, String> environment = new HashMap<>(Map.of(
                        "SMALLRYE_JWT_SIGN_KEY", tokens.privateKeyPem(),
                        "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(db),
                        "QUARKUS_DATASOURCE_USERNAME", db,
                        "QUARKUS_DATASOURCE_PASSWORD", db,
                        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                        "MP_JWT_VERIFY_PUBLICKEY", tokens.publicKeyPem(),
                        "MP_JWT_VERIFY_ISSUER", Tokens.ISSUER));
                // each service its own settings only (one under regularity. that a service does not read is not its own)
                switch (name) {
                    case "route-service" -> environment.put("REGULARITY_DEVICES_TIMING_URL", "http://localhost:" + httpPorts[1]);
                    case "classification-service" -> environment.putAll(Map.of(
                            "REGULARITY_DASHBOARD_ROUTE_URL", "http://localhost:" + httpPorts[0],
                            "REGULARITY_DASHBOARD_TIMING_URL", "http://localhost:" + httpPorts[1],
                            "REGULARITY_DASHBOARD_CHAMPIONSHIP_URL", "http://localhost:" + httpPorts[3],
                            // a race still playing moves the championship's provisional view every few seconds
                            "REGULARITY_RESULTS_PROVISIONAL_EVERY", "5s",
                            // the local stack's lists become official within a few seconds of their protest window
                            "REGULARITY_PROTESTS_CHECK_EVERY", "2s",
                            "REGULARITY_PROTESTS_GRACE", "5s",
                            "REGULARITY_DASHBOARD_TILES", "none")); // nothing from outside: the map's schematic
                    default -> {
                    }
                }
                stack.environments.put(name, Map.copyOf(environment));
                stack.services.add(ServiceProcess.start(root, name, httpPorts[i], managementPorts[i], stack.environments.get(name),
                        dataDir.resolve("logs"), heap(name)));
            }
            for (int n = 2; n <= topology.classificationInstances(); n++) {
                String name = "classification-service-" + n;
                int port = freePort();
                log("starting " + name + " on port " + port);
                stack.services.add(ServiceProcess.start(root, "classification-service", name, port, freePort(),
                        stack.environments.get("classification-service"), dataDir.resolve("logs"), heap("classification-service")));
            }
            for (ServiceProcess service : stack.services) {
                service.awaitReady(Duration.ofSeconds(120));
                log(service.name() + " ready at " + service.url());
            }
            return stack;
        } catch (RuntimeException | IOException e) {
            stack.close();
            throw e;
        }
    }

    /** Each service's heap: enough for a whole 420-crew race and its rebuild (see docs/benchmarks.md). */
    public static final String HEAP = "256m";

    /**
     * A module's heap: {@link #HEAP}, or another to try, from the environment: {@code REGULARITY_HEAP} for every service,
     * {@code REGULARITY_HEAP_CLASSIFICATION_SERVICE=192m} (and so on) for one.
     */
    public static String heap(String module) {
        String one = System.getenv("REGULARITY_HEAP_" + module.toUpperCase(Locale.ROOT).replace('-', '_'));
        String all = System.getenv("REGULARITY_HEAP");
        return one != null && !one.isBlank() ? one : all != null && !all.isBlank() ? all : HEAP;
    }

    /** Kills a service at once (as a crash would), starts it again on its port, and waits until it is ready. */
    public void crashAndRestart(String name) throws IOException {
        ServiceProcess old = service(name);
        crash(name);
        ServiceProcess fresh = ServiceProcess.start(root, old.module(), name, old.port(), old.managementPort(), environments.get(old.module()),
                logDir, heap(old.module()));
        services.set(services.indexOf(old), fresh);
        fresh.awaitReady(Duration.ofSeconds(120));
        log(name + " restarted");
    }

    /** Stops a service as an orchestrator does in a rolling update (SIGTERM, then it drains), starts it again, waits until ready. */
    public void stopAndRestart(String name) throws IOException {
        restartWith(name, Map.of());
    }

    /**
     * Stops a service as {@link #stopAndRestart} does and starts it with some of its settings changed (environment
     * variables over the stack's, e.g. {@code MP_MESSAGING_INCOMING_PASSAGES_CONCURRENCY=1}); none: as the stack started it.
     */
    public void restartWith(String name, Map<String, String> settings) throws IOException {
        ServiceProcess old = service(name);
        log(name + " stopping (SIGTERM)" + (settings.isEmpty() ? "" : ", to start with " + settings.keySet()));
        old.close();
        Map<String, String> environment = new HashMap<>(environments.get(old.module()));
        environment.putAll(settings);
        ServiceProcess fresh = ServiceProcess.start(root, old.module(), name, old.port(), old.managementPort(), environment, logDir,
                heap(old.module()));
        services.set(services.indexOf(old), fresh);
        fresh.awaitReady(Duration.ofSeconds(120));
        log(name + " restarted");
    }

    /**
     * A service's database lost: the service killed, its database dropped and created again empty, the service started
     * on it (its migrations make the tables), waiting until it is ready. What it holds then is what it reads again.
     */
    public void loseDatabaseAndRestart(String name) throws IOException {
        ServiceProcess old = service(name);
        crash(name);
        String db = old.module().substring(0, old.module().indexOf('-'));
        postgres.dropDatabase(db);
        postgres.createDatabase(db);
        log(name + "'s database " + db + " lost: an empty one in its place");
        ServiceProcess fresh = ServiceProcess.start(root, old.module(), name, old.port(), old.managementPort(), environments.get(old.module()),
                logDir, heap(old.module()));
        services.set(services.indexOf(old), fresh);
        fresh.awaitReady(Duration.ofSeconds(120));
        log(name + " restarted on an empty database");
    }

    /**
     * Looks at every service once, as the local stack does every few seconds: one whose process ended (an out-of-memory
     * error ends it) or whose liveness is DOWN (a worker thread died) is said and started again on its ports. The
     * services restarted, by name.
     */
    public List<String> watch() {
        List<String> restarted = new ArrayList<>();
        Api reader = new Api();
        for (ServiceProcess service : List.copyOf(services)) {
            String why = null;
            if (!service.alive()) {
                why = "exited with " + service.exitValue();
            } else {
                try {
                    Api.Reply live = reader.send("GET", service.managementUrl() + "/q/health/live", null);
                    if (live.status() == 503) {
                        why = "liveness DOWN: " + live.body();
                    }
                } catch (IllegalStateException busy) {
                    // no answer this time (busy, or starting): looked at again at the next watch
                }
            }
            if (why != null) {
                log(service.name() + " " + why + "; starting it again (its log: " + service.log() + ")");
                try {
                    crashAndRestart(service.name());
                    restarted.add(service.name());
                } catch (IOException | RuntimeException e) {
                    log(service.name() + " did not start again: " + e.getMessage());
                }
            }
        }
        return restarted;
    }

    /** Kills a service at once (as a crash would) and leaves it down. */
    public void crash(String name) {
        service(name).kill();
        log(name + " killed");
    }

    /** Waits until timing and classification have learnt a race from route-events. */
    public void awaitRaceKnown(String raceId) {
        Api reader = new Api();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (reader.send("GET", timingUrl() + "/api/races/" + raceId + "/passages?size=1", null).status() != 200
                || reader.send("GET", classificationUrl() + "/api/races/" + raceId + "/standings?size=1", null).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the services did not learn race " + raceId + " from route-events in time");
            }
            pause(100);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    public String routeUrl() {
        return service("route-service").url();
    }

    public String timingUrl() {
        return service("timing-service").url();
    }

    public String classificationUrl() {
        return service("classification-service").url();
    }

    public String championshipUrl() {
        return service("championship-service").url();
    }

    /** Where a service's health, metrics and OpenAPI document are (its management interface), e.g. {@code managementUrl("timing-service") + "/q/metrics"}. */
    public String managementUrl(String name) {
        return service(name).managementUrl();
    }

    /** A client for race direction's writes (route, crews, rulings). */
    public Api raceDirection() {
        return new Api(tokens.raceDirection("race-direction-dev"));
    }

    /** A client for a timing post allowed on every race. */
    public Api timekeeper() {
        return new Api(tokens.timekeeper("timekeeper-dev", "*", "*"));
    }

    /**
     * A client for a car's crew (its phone or GNSS receiver, device {@code gps-<car>}): a crew token for one race and one
     * car, as route's {@code POST …/devices {device, car}} or {@code deploy/issue-token --role crew} gives it.
     */
    public Api crew(String raceId, int car) {
        return new Api(crewToken(raceId, car));
    }

    /** The crew token of {@link #crew}. */
    public String crewToken(String raceId, int car) {
        return tokens.crew("gps-" + car, raceId, car, Duration.ofDays(7));
    }

    /** A race-direction token for a named person, for race direction's console. */
    public String directionToken(String subject) {
        return tokens.raceDirection(subject);
    }

    /** A token for one timing post's device, on every race: what race direction hands a timekeeper. */
    public String postToken(String device) {
        return tokens.timekeeper("timekeeper-" + device, device, "*");
    }

    public Path tokenDir() {
        return tokenDir;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /**
     * Waits until timing's outbox has sent everything it holds (its health says how many rows wait), then until
     * classification has consumed all of {@code passages}: only then has every acknowledged passage been scored. The
     * second alone is not enough: right after an outage the relay may not have put the last passages on the topic yet.
     */
    public void awaitScored(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Api reader = new Api();
        while (true) {
            Api.Reply health = reader.send("GET", managementUrl("timing-service") + "/q/health/well", null);
            long waiting = -1;
            for (var check : health.body().path("checks")) {
                if (check.path("name").asText().equals("outbox")) {
                    waiting = check.path("data").path("waiting").asLong(-1);
                }
            }
            if (waiting == 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timing's outbox did not empty: " + waiting + " rows waiting");
            }
            pause(200);
        }
        kafka.awaitConsumed("classification-service", "passages", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    @Override
    public void close() {
        // all at once: each leaves readiness for 5 s and drains before it stops (quarkus.shutdown.*), so one after the
        // other would keep a test JVM past the 30 s Surefire gives it to exit
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess service : List.copyOf(services)) {
            Thread t = new Thread(service::close, "stop-" + service.name());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kafka.close();
        postgres.close();
    }

    static void log(String message) {
        System.out.println("[stack] " + message);
    }

    static int freePort() {
        return FreePorts.next();
    }
}
