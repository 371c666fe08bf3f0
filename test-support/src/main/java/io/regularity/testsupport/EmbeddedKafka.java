package io.regularity.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real Kafka (KRaft) running inside this JVM, from the Apache Kafka jars the Quarkus BOM pins: one
 * node, or a cluster of several on loopback, each node broker and controller in one. A node can be
 * stopped and started again on the same ports and log directory, so tests can take a broker away and
 * give it back.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final List<Node> nodes;
    /** The address of a broker this JVM did not start (a container), or null. */
    private final String attached;

    private static final class Node {
        final int id;
        final Path logDir;
        final int brokerPort;
        final int controllerPort;
        KafkaRaftServer server;

        Node(int id, Path logDir, int brokerPort, int controllerPort) {
            this.id = id;
            this.logDir = logDir;
            this.brokerPort = brokerPort;
            this.controllerPort = controllerPort;
        }
    }

    private EmbeddedKafka(List<Node> nodes) {
        this(nodes, null);
    }

    private EmbeddedKafka(List<Node> nodes, String attached) {
        this.nodes = nodes;
        this.attached = attached;
    }

    /**
     * A broker started elsewhere (a container, {@link ContainerServers}), for what goes through its address: topics,
     * sends, consumer-group waits. Stopping or restarting it is not this class's to do.
     */
    static EmbeddedKafka attach(String bootstrapServers) {
        return new EmbeddedKafka(List.of(), bootstrapServers);
    }

    /** Formats a fresh log directory under {@code dir} and starts one broker on loopback ({@code brokerPort} 0: a free port). */
    public static EmbeddedKafka start(Path dir, int brokerPort) {
        return start(dir, List.of(brokerPort));
    }

    /** A cluster of {@code size} nodes on free loopback ports; topics it creates are replicated on up to three. */
    public static EmbeddedKafka startCluster(Path dir, int size) {
        return start(dir, Collections.nCopies(size, 0));
    }

    /**
     * Starts the nodes; when they fail (once in some twenty starts on a loaded machine a broker missed its registration
     * with its controller), stops what started and tries once more on a fresh directory and fresh controller ports.
     * Either the cluster is up, or an exception names what failed, within about four minutes: never a JVM left alive on
     * a half-started controller.
     */
    private static EmbeddedKafka start(Path dir, List<Integer> brokerPorts) {
        IllegalStateException first = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            EmbeddedKafka kafka = null;
            try {
                Path clusterDir = dir.resolve("kraft-" + System.nanoTime());
                List<Node> nodes = new ArrayList<>();
                for (int i = 0; i < brokerPorts.size(); i++) {
                    Path logDir = clusterDir.resolve("node-" + (i + 1));
                    Files.createDirectories(logDir);
                    nodes.add(new Node(i + 1, logDir, brokerPorts.get(i) > 0 ? brokerPorts.get(i) : FreePorts.next(), FreePorts.next()));
                }
                kafka = new EmbeddedKafka(nodes);
                String clusterId = Uuid.randomUuid().toString();
                for (Node node : nodes) {
                    kafka.format(node, clusterId);
                }
                kafka.startAll();
                kafka.awaitReady(Duration.ofSeconds(90));
                return kafka;
            } catch (Exception e) {
                IllegalStateException failed = new IllegalStateException("the embedded Kafka broker did not start (attempt " + attempt
                        + " of 2): " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"), e);
                if (kafka != null) {
                    kafka.stopWithin(Duration.ofSeconds(30));
                }
                if (first != null) {
                    failed.addSuppressed(first);
                    throw failed;
                }
                System.err.println("[kafka] " + failed.getMessage() + "; trying once more");
                first = failed;
            }
        }
        throw first;
    }

    /** Starts every node at once, a thread each: the nodes of a cluster wait for each other's votes. */
    private void startAll() throws InterruptedException {
        List<Thread> starting = new ArrayList<>();
        List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
        for (Node node : nodes) {
            Thread t = new Thread(() -> {
                try {
                    startServer(node);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "kafka-start-" + node.id);
            t.start();
            starting.add(t);
        }
        for (Thread t : starting) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /** Stops every node that runs, giving up on one that does not stop within {@code limit} (its threads are daemons no more). */
    private void stopWithin(Duration limit) {
        Thread stopping = new Thread(this::stop, "kafka-stop");
        stopping.setDaemon(true);
        stopping.start();
        try {
            stopping.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every node's broker address: clients find the cluster through any one that is up. */
    public String bootstrapServers() {
        if (attached != null) {
            return attached;
        }
        return String.join(",", nodes.stream().map(n -> "127.0.0.1:" + n.brokerPort).toList());
    }

    /** How many copies of each topic's partitions this cluster keeps: three, or fewer if it has fewer nodes. */
    public short replicationFactor() {
        if (attached != null) {
            return 1;
        }
        return (short) Math.min(3, nodes.size());
    }

    private Properties serverProperties(Node node) {
        String voters = String.join(",", nodes.stream().map(n -> n.id + "@127.0.0.1:" + n.controllerPort).toList());
        String replicas = String.valueOf(replicationFactor());
        String minIsr = String.valueOf(Math.max(1, replicationFactor() - 1));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(node.id));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort + ",CONTROLLER://127.0.0.1:" + node.controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", node.logDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minIsr);
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.flush.interval.messages", "1000000");
        // a registration is one request that must be answered within the heartbeat interval, tried again until the
        // registration timeout: on a loaded two-core machine 2 s and 60 s were once too short (issue 34)
        p.put("broker.heartbeat.interval.ms", "4000");
        p.put("broker.session.timeout.ms", "18000");
        p.put("initial.broker.registration.timeout.ms", "120000");
        p.put("server.max.startup.time.ms", "150000");
        // the compaction buffer is 128 MB by default: three nodes' worth would fill a test JVM's heap
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private void format(Node node, String clusterId) throws Exception {
        new Formatter()
                .setPrintStream(System.out)
                .setClusterId(clusterId)
                .setNodeId(node.id)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(node.logDir.toString())
                .setDirectories(List.of(node.logDir.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    /**
     * Starts one node. When its broker fails, Kafka stops the broker but leaves the controller running on threads that
     * keep a JVM alive with nothing listening: it is stopped here too before the failure goes on.
     */
    private void startServer(Node node) {
        node.server = new KafkaRaftServer(new KafkaConfig(serverProperties(node), false), Time.SYSTEM);
        try {
            node.server.startup();
        } catch (RuntimeException e) {
            stop(node);
            throw e;
        }
    }

    /** Waits until the brokers that run are registered with the cluster. */
    private void awaitReady(Duration timeout) {
        long running = nodes.stream().filter(n -> n.server != null).count();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size() >= running) {
                        return;
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (Exception e) {
                    // not ready yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka not ready after " + timeout);
                }
            }
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /** Creates a topic unless it exists. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, replicationFactor()).configs(configs))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name, e);
            }
        }
    }

    /**
     * Waits until a consumer group has committed, on every partition of a topic, the topic's end
     * offset as it is now: everything sent before this call has been processed by that group.
     */
    public void awaitConsumed(String group, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            var request = new HashMap<TopicPartition, OffsetSpec>();
            partitions.forEach(p -> request.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(request).all().get();
            while (true) {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean done = partitions.stream().allMatch(p -> {
                    long end = ends.get(p).offset();
                    var c = committed.get(p);
                    return end == 0 || (c != null && c.offset() >= end);
                });
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("group " + group + " has not consumed " + topic + " within " + timeout);
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops every node; the data stays, so {@link #restart()} brings the cluster back with every record. */
    public synchronized void stop() {
        if (attached != null) {
            throw new UnsupportedOperationException("the broker at " + attached + " was not started here: stop it where it runs");
        }
        nodes.parallelStream().forEach(this::stop);
    }

    public synchronized void restart() {
        stop();
        try {
            startAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        awaitReady(Duration.ofSeconds(90));
    }

    /** Stops one node of the cluster (1-based), as an operator taking a broker away would. */
    public synchronized void stopNode(int id) {
        stop(nodes.get(id - 1));
    }

    /** Starts a stopped node again on its ports and log directory. */
    public synchronized void startNode(int id) {
        startServer(nodes.get(id - 1));
        awaitReady(Duration.ofSeconds(90));
    }

    private void stop(Node node) {
        if (node.server != null) {
            node.server.shutdown();
            node.server.awaitShutdown();
            node.server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
