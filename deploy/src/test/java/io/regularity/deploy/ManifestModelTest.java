package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.KafkaUserTlsClientAuthentication;

/**
 * The Kubernetes manifests of deploy/kubernetes as a cluster and its operators would take them, checked where no cluster
 * is. Every document is read into the object model its API server or operator works with (fabric8's Kubernetes and
 * Prometheus-operator models, Strimzi's api module), refusing a field the model does not know and one it marks
 * deprecated (the models would otherwise keep an unknown field aside in additionalProperties and say nothing).
 * CloudNativePG and its Barman Cloud plugin publish no Java model: their documents are checked against
 * {@link #CNPG_FIELDS}. Then what a cluster would accept and never run: a secret or config map nobody makes, a
 * KafkaUser without a user operator, a probe or a Service on a port the container does not have, a pod the restricted
 * Pod Security Standard refuses, more connections than the database takes, an Ingress that reaches /q or the
 * management port or has no TLS.
 */
class ManifestModelTest {

    static final Path ROOT = DeploymentFilesTest.ROOT;
    static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes");
    static final String NAMESPACE = "regularity";
    static final List<String> SERVICES = List.of("route-service", "timing-service", "classification-service", "championship-service");
    /**
     * Services that run one instance, with no autoscaler and no disruption budget: championship-service's standings
     * streams follow what its own consumers read, and one consumer group on topics of one partition gives them to one
     * instance only (its application.properties).
     */
    static final Set<String> SINGLE_INSTANCE = Set.of("championship-service");

    /** What each kind is read into. A kind not here fails the test: add its model (or, without one, its allow-list). */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

    /**
     * CloudNativePG (1.30) and its Barman Cloud plugin (0.14) publish their CRDs, not a Java model, and no Maven artifact
     * carries them: their documents are checked against this small explicit allow-list of the fields their
     * documentation describes and these manifests use (the API reference: cloudnative-pg.io/documentation, "API
     * reference"; the plugin's "Usage" and "Retention Policies"). Add a field only after reading it there. A path
     * ending in {@code .*} allows any key below it with a string value (PostgreSQL parameters are strings). metadata's
     * name, namespace, labels and annotations are allowed everywhere.
     */
    static final Map<String, Set<String>> CNPG_FIELDS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", Set.of("spec.instances", "spec.imageName", "spec.storage.size",
                    "spec.storage.storageClass", "spec.postgresql.parameters.*", "spec.postgresql.synchronous.method",
                    "spec.postgresql.synchronous.number", "spec.postgresql.synchronous.dataDurability", "spec.plugins[].name",
                    "spec.plugins[].isWALArchiver", "spec.plugins[].parameters.barmanObjectName"),
            "postgresql.cnpg.io/v1/ScheduledBackup", Set.of("spec.schedule", "spec.cluster.name", "spec.method",
                    "spec.pluginConfiguration.name", "spec.immediate", "spec.backupOwnerReference"),
            "barmancloud.cnpg.io/v1/ObjectStore", Set.of("spec.configuration.destinationPath", "spec.configuration.endpointURL",
                    "spec.configuration.s3Credentials.accessKeyId.name", "spec.configuration.s3Credentials.accessKeyId.key",
                    "spec.configuration.s3Credentials.secretAccessKey.name", "spec.configuration.s3Credentials.secretAccessKey.key",
                    "spec.configuration.wal.compression", "spec.configuration.data.compression", "spec.retentionPolicy"));

    /** Fields CloudNativePG still reads but has deprecated, with what replaced them. */
    static final Map<String, String> CNPG_DEPRECATED = Map.of(
            "spec.backup.barmanObjectStore", "the Barman Cloud plugin (an ObjectStore and spec.plugins)",
            "spec.minSyncReplicas", "spec.postgresql.synchronous",
            "spec.maxSyncReplicas", "spec.postgresql.synchronous",
            "spec.monitoring.enablePodMonitor", "a PodMonitor of your own");

    /** Pods the manifests do not template, made by an operator from a label: the port names their metrics are on. */
    static final Map<String, String> OPERATOR_METRICS_PORTS = Map.of("strimzi.io/cluster", "tcp-prometheus", "cnpg.io/cluster", "metrics");

    /**
     * Connections a pod opens outside its pool (DriverManager), by service: classification's LISTEN connection for the
     * live standings ({@code StandingsEvents}). {@link #everyConnectionOutsideAPoolIsCounted} keeps this list honest.
     */
    static final Map<String, Integer> CONNECTIONS_OUTSIDE_THE_POOL = Map.of("classification-service", 1);

    /**
     * Connections each database keeps beside the services' pools and PostgreSQL's superuser_reserved_connections: the
     * operator's instance manager and metrics exporter, a pg_dump, a person's psql (docs/kubernetes.md).
     */
    static final int HEADROOM = 17;

    static final ObjectMapper YAML = DeploymentFilesTest.YAML;
    static final ObjectMapper STRICT = strictMapper();

    /** One document of a manifest: where it is, its tree, and its model (null for the allow-listed kinds). */
    record Doc(String file, String type, String name, JsonNode tree, Object model) {
        String kind() {
            return tree.path("kind").asText();
        }

        String namespace() {
            return tree.at("/metadata/namespace").asText();
        }

        @Override
        public String toString() {
            return file + ": " + kind() + " " + name;
        }
    }

    static List<Doc> docs;
    static String kubernetesDoc;

    @BeforeAll
    static void readEveryManifest() throws IOException {
        docs = read(MANIFESTS);
        kubernetesDoc = Files.readString(ROOT.resolve("docs/kubernetes.md"));
    }

    /** Every document of every *.yml under {@code dir}, each read into its model: an unknown or deprecated field fails. */
    static List<Doc> read(Path dir) throws IOException {
        List<Doc> read = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                for (JsonNode tree : DeploymentFilesTest.documents(file)) {
                    String type = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
                    String name = tree.at("/metadata/name").asText();
                    String where = file.getFileName() + ": " + type + " " + name;
                    Class<?> model = MODELS.get(type);
                    if (model != null) {
                        try {
                            read.add(new Doc(file.getFileName().toString(), type, name, tree, STRICT.treeToValue(tree, model)));
                        } catch (IOException e) {
                            problems.add(where + ": " + e.getMessage().lines().findFirst().orElse(""));
                        }
                    } else if (CNPG_FIELDS.containsKey(type)) {
                        problems.addAll(allowListed(where, tree, CNPG_FIELDS.get(type)));
                        read.add(new Doc(file.getFileName().toString(), type, name, tree, null));
                    } else {
                        problems.add(where + ": no model for " + type + " (add one to MODELS, or its fields to CNPG_FIELDS)");
                    }
                }
            }
        }
        assertEquals(List.of(), problems, "documents a cluster would refuse, or that name fields nobody reads");
        return read;
    }

    /** Jackson as strict as an API server with field validation: no unknown field, no deprecated one. */
    static ObjectMapper strictMapper() {
        SimpleModule strict = new SimpleModule("strict");
        strict.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                // the models keep what they do not know in additionalProperties: without that, an unknown field fails
                builder.setAnySetter(null);
                builder.setIgnoreUnknownProperties(false);
                Set<String> deprecated = new HashSet<>();
                for (BeanPropertyDefinition property : description.findProperties()) {
                    if (Stream.of(property.getGetter(), property.getSetter(), property.getField())
                            .anyMatch(member -> member != null && member.hasAnnotation(Deprecated.class))) {
                        deprecated.add(property.getName());
                    }
                }
                List<SettableBeanProperty> refused = new ArrayList<>();
                for (Iterator<SettableBeanProperty> it = builder.getProperties(); it.hasNext();) {
                    SettableBeanProperty property = it.next();
                    if (deprecated.contains(property.getName())) {
                        refused.add(new DeprecatedProperty(property));
                    }
                }
                refused.forEach(property -> builder.addOrReplaceProperty(property, true));
                return builder;
            }
        });
        return JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).addModule(strict).build();
    }

    /** A property its model marks deprecated: setting it in a manifest fails, naming it. */
    static final class DeprecatedProperty extends SettableBeanProperty.Delegating {
        DeprecatedProperty(SettableBeanProperty delegate) {
            super(delegate);
        }

        @Override
        protected SettableBeanProperty withDelegate(SettableBeanProperty delegate) {
            return new DeprecatedProperty(delegate);
        }

        @Override
        public void deserializeAndSet(JsonParser p, DeserializationContext context, Object instance) throws IOException {
            context.reportInputMismatch(this, "\"%s\" is deprecated in %s (the operator's current API drops it)", getName(),
                    getMember().getDeclaringClass().getName());
        }

        @Override
        public Object deserializeSetAndReturn(JsonParser p, DeserializationContext context, Object instance) throws IOException {
            deserializeAndSet(p, context, instance);
            return instance;
        }
    }

    /** The paths of {@code tree} that the allow-list does not name. */
    static List<String> allowListed(String where, JsonNode tree, Set<String> allowed) {
        List<String> problems = new ArrayList<>();
        Set<String> always = Set.of("apiVersion", "kind", "metadata.name", "metadata.namespace", "metadata.labels.*",
                "metadata.annotations.*");
        Set<String> all = new HashSet<>(allowed);
        all.addAll(always);
        walk(tree, "", all, path -> {
            if (path.endsWith(" (a string is required here)")) {
                problems.add(where + ": " + path);
                return;
            }
            String replaced = CNPG_DEPRECATED.entrySet().stream().filter(d -> path.equals(d.getKey()) || path.startsWith(d.getKey() + "."))
                    .map(d -> " (deprecated: use " + d.getValue() + ")").findFirst().orElse("");
            problems.add(where + ": " + path + " is not a documented field these manifests may use" + replaced);
        });
        return problems;
    }

    static void walk(JsonNode node, String path, Set<String> allowed, Consumer<String> unknown) {
        if (allowed.contains(path + ".*")) {
            node.fields().forEachRemaining(f -> {
                if (!f.getValue().isTextual()) {
                    unknown.accept(path + "." + f.getKey() + " (a string is required here)");
                }
            });
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> walk(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), allowed, unknown));
        } else if (node.isArray()) {
            node.forEach(item -> walk(item, path + "[]", allowed, unknown));
        } else if (!allowed.contains(path)) {
            unknown.accept(path);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers over the documents

    @SuppressWarnings("unchecked")
    static <T> List<T> all(Class<T> model) {
        return docs.stream().map(Doc::model).filter(model::isInstance).map(m -> (T) m).toList();
    }

    static List<Doc> cnpg(String kind) {
        return docs.stream().filter(d -> d.model() == null && d.kind().equals(kind)).toList();
    }

    static <T extends HasMetadata> Optional<T> named(Class<T> model, String name) {
        return all(model).stream().filter(m -> m.getMetadata().getName().equals(name)).findFirst();
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        boolean any = false;
        if (selector.getMatchLabels() != null) {
            for (var label : selector.getMatchLabels().entrySet()) {
                any = true;
                if (!label.getValue().equals(labels.get(label.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                any = true;
                String value = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown selector operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return any || labels != null; // an empty selector selects everything
    }

    static boolean emptySelector(LabelSelector selector) {
        return selector == null || (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    /** The pod templates of the manifests, by their workload's name. */
    static Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        all(Deployment.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        return templates;
    }

    static Map<String, PodTemplateSpec> selected(LabelSelector selector) {
        Map<String, PodTemplateSpec> selected = new LinkedHashMap<>();
        podTemplates().forEach((name, template) -> {
            if (matches(selector, template.getMetadata().getLabels())) {
                selected.put(name, template);
            }
        });
        return selected;
    }

    static LabelSelector selector(Map<String, String> matchLabels) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(matchLabels);
        return selector;
    }

    static List<Container> containers(PodSpec spec) {
        List<Container> containers = new ArrayList<>(spec.getContainers());
        if (spec.getInitContainers() != null) {
            containers.addAll(spec.getInitContainers());
        }
        return containers;
    }

    /** Whether a container has the port a probe, a Service or a policy names (by number or by name). */
    static boolean hasPort(Container container, IntOrString port) {
        List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
        return port.getIntVal() != null ? ports.stream().anyMatch(p -> port.getIntVal().equals(p.getContainerPort()))
                : ports.stream().anyMatch(p -> port.getStrVal().equals(p.getName()));
    }

    static String show(IntOrString port) {
        return port.getIntVal() != null ? String.valueOf(port.getIntVal()) : port.getStrVal();
    }

    static Optional<ContainerPort> port(Container container, IntOrString port) {
        return container.getPorts().stream().filter(p -> port.getIntVal() != null ? port.getIntVal().equals(p.getContainerPort())
                : port.getStrVal().equals(p.getName())).findFirst();
    }

    static Optional<String> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name) && e.getValue() != null).map(EnvVar::getValue).findFirst();
    }

    static Properties properties(String service) throws IOException {
        return DeploymentFilesTest.properties(service);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void everyManifestIsReadByItsModelAndTheCheckRefusesWhatAClusterWould() throws IOException {
        assertTrue(docs.size() > 30, "read " + docs.size() + " documents");
        assertTrue(docs.stream().map(Doc::type).toList().containsAll(List.of("apps/v1/Deployment", "kafka.strimzi.io/v1/Kafka",
                "postgresql.cnpg.io/v1/Cluster", "barmancloud.cnpg.io/v1/ObjectStore", "monitoring.coreos.com/v1/PrometheusRule")));
        // the strictness itself: an unknown field, a deprecated one, a field the allow-list does not know
        Path broken = Files.createTempDirectory(ROOT.resolve("deploy/target"), "broken-manifests");
        Files.writeString(broken.resolve("a.yml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  replicas: 1
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers: [{name: c, image: i, livenessProbes: {}}]
                """);
        assertTrue(failure(broken).contains("livenessProbes"), failure(broken));
        Files.writeString(broken.resolve("a.yml"), """
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata: {name: k}
                spec:
                  kafka:
                    version: 4.1.2
                    replicas: 3
                    listeners: []
                """);
        assertTrue(failure(broken).contains("\"replicas\" is deprecated"), failure(broken));
        Files.writeString(broken.resolve("a.yml"), """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: c}
                spec:
                  instances: 3
                  minSyncReplicas: 1
                  postgresql:
                    parameters: {max_connections: 200}
                """);
        String cnpg = failure(broken);
        assertTrue(cnpg.contains("spec.minSyncReplicas is not a documented field these manifests may use (deprecated: use spec.postgresql.synchronous)")
                && cnpg.contains("spec.postgresql.parameters.max_connections (a string is required here)"), cnpg);
    }

    static String failure(Path dir) throws IOException {
        try {
            read(dir);
            return "(no failure)";
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    @Test
    void everythingLivesInTheNamespaceThatEnforcesTheRestrictedStandard() {
        Namespace namespace = named(Namespace.class, NAMESPACE).orElseThrow(() -> new AssertionError("no Namespace " + NAMESPACE));
        assertEquals("restricted", namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
        List<String> elsewhere = docs.stream().filter(d -> !d.kind().equals("Namespace") && !NAMESPACE.equals(d.namespace()))
                .map(Doc::toString).toList();
        assertEquals(List.of(), elsewhere, "resources outside the namespace " + NAMESPACE);
    }

    @Test
    void everySecretAndConfigMapAPodReadsIsMadeBySomethingOrNamedAsAPrerequisite() {
        Map<String, Set<String>> secrets = new HashMap<>();
        Map<String, String> madeBy = new HashMap<>();
        for (Secret s : all(Secret.class)) {
            Set<String> keys = new HashSet<>();
            Optional.ofNullable(s.getData()).ifPresent(d -> keys.addAll(d.keySet()));
            Optional.ofNullable(s.getStringData()).ifPresent(d -> keys.addAll(d.keySet()));
            secrets.put(s.getMetadata().getName(), keys);
            madeBy.put(s.getMetadata().getName(), "a Secret of the manifests");
        }
        for (Kafka kafka : all(Kafka.class)) {
            secrets.put(kafka.getMetadata().getName() + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
            madeBy.put(kafka.getMetadata().getName() + "-cluster-ca-cert", "Strimzi's cluster CA");
        }
        for (KafkaUser user : all(KafkaUser.class)) {
            // the user operator of the user's cluster writes the secret; without one, nothing ever does
            Optional<Kafka> cluster = clusterOf(user.getMetadata().getLabels());
            if (cluster.isPresent() && cluster.get().getSpec().getEntityOperator() != null
                    && cluster.get().getSpec().getEntityOperator().getUserOperator() != null) {
                Object authentication = user.getSpec().getAuthentication();
                secrets.put(user.getMetadata().getName(), authentication instanceof KafkaUserScramSha512ClientAuthentication
                        ? Set.of("password", "sasl.jaas.config")
                        : authentication instanceof KafkaUserTlsClientAuthentication
                                ? Set.of("ca.crt", "user.crt", "user.key", "user.p12", "user.password") : Set.of());
                madeBy.put(user.getMetadata().getName(), "the user operator, for the KafkaUser");
            }
        }
        for (Doc cluster : cnpg("Cluster")) {
            secrets.put(cluster.name() + "-app", Set.of("username", "password", "dbname", "host", "port", "uri", "jdbc-uri", "pgpass",
                    "fqdn-uri", "fqdn-jdbc-uri"));
            madeBy.put(cluster.name() + "-app", "CloudNativePG, for the Cluster's application user");
        }
        for (Ingress ingress : all(Ingress.class)) {
            Map<String, String> annotations = ingress.getMetadata().getAnnotations();
            if (annotations != null && (annotations.containsKey("cert-manager.io/cluster-issuer") || annotations.containsKey("cert-manager.io/issuer"))) {
                ingress.getSpec().getTls().forEach(tls -> {
                    secrets.put(tls.getSecretName(), Set.of("tls.crt", "tls.key", "ca.crt"));
                    madeBy.put(tls.getSecretName(), "cert-manager, for the Ingress");
                });
            }
        }
        Map<String, Set<String>> prerequisites = documentedSecrets();
        Map<String, Set<String>> configMaps = new HashMap<>();
        all(ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(), c.getData() == null ? Set.of() : c.getData().keySet()));

        List<String> problems = new ArrayList<>();
        BiConsumer<String, String[]> secret = (where, nameAndKey) -> {
            String name = nameAndKey[0];
            String key = nameAndKey.length > 1 ? nameAndKey[1] : null;
            Set<String> keys = secrets.containsKey(name) ? secrets.get(name) : prerequisites.get(name);
            if (keys == null) {
                problems.add(where + " reads the secret " + name + ", which nothing in the manifests makes and docs/kubernetes.md "
                        + "does not have created (kubectl create secret … " + name + ")");
            } else if (key != null && !keys.contains(key)) {
                problems.add(where + " reads the key " + key + " of the secret " + name + ", which has " + new TreeSet<>(keys)
                        + (madeBy.containsKey(name) ? " (made by " + madeBy.get(name) + ")" : " (as docs/kubernetes.md creates it)"));
            }
        };
        BiConsumer<String, String[]> configMap = (where, nameAndKey) -> {
            Set<String> keys = configMaps.get(nameAndKey[0]);
            if (keys == null) {
                problems.add(where + " reads the config map " + nameAndKey[0] + ", which the manifests do not define");
            } else if (nameAndKey.length > 1 && !keys.contains(nameAndKey[1])) {
                problems.add(where + " reads the key " + nameAndKey[1] + " of the config map " + nameAndKey[0] + ", which has " + keys);
            }
        };
        podTemplates().forEach((workload, template) -> {
            for (Container c : containers(template.getSpec())) {
                String where = workload + "/" + c.getName();
                for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null && !Boolean.TRUE.equals(e.getValueFrom().getSecretKeyRef().getOptional())) {
                        secret.accept(where + " " + e.getName(), new String[] { e.getValueFrom().getSecretKeyRef().getName(), e.getValueFrom().getSecretKeyRef().getKey() });
                    }
                    if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null && !Boolean.TRUE.equals(e.getValueFrom().getConfigMapKeyRef().getOptional())) {
                        configMap.accept(where + " " + e.getName(), new String[] { e.getValueFrom().getConfigMapKeyRef().getName(), e.getValueFrom().getConfigMapKeyRef().getKey() });
                    }
                }
                for (var from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
                    if (from.getSecretRef() != null && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                        secret.accept(where + " envFrom", new String[] { from.getSecretRef().getName() });
                    }
                    if (from.getConfigMapRef() != null && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                        configMap.accept(where + " envFrom", new String[] { from.getConfigMapRef().getName() });
                    }
                }
            }
            for (Volume v : Optional.ofNullable(template.getSpec().getVolumes()).orElse(List.of())) {
                if (v.getSecret() != null && !Boolean.TRUE.equals(v.getSecret().getOptional())) {
                    secret.accept(workload + " volume " + v.getName(), new String[] { v.getSecret().getSecretName() });
                    Optional.ofNullable(v.getSecret().getItems()).orElse(List.of())
                            .forEach(i -> secret.accept(workload + " volume " + v.getName(), new String[] { v.getSecret().getSecretName(), i.getKey() }));
                }
                if (v.getConfigMap() != null && !Boolean.TRUE.equals(v.getConfigMap().getOptional())) {
                    configMap.accept(workload + " volume " + v.getName(), new String[] { v.getConfigMap().getName() });
                }
            }
            Optional.ofNullable(template.getSpec().getImagePullSecrets()).orElse(List.of())
                    .forEach(s -> secret.accept(workload + " imagePullSecrets", new String[] { s.getName() }));
        });
        // what the mounted files are read as: the truststore at /etc/kafka-ca/ca.p12 is the secret's key ca.p12, the
        // signing key at /etc/issuing-key/private.pem the key private.pem
        podTemplates().forEach((workload, template) -> {
            for (Container c : template.getSpec().getContainers()) {
                for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                    if (e.getValue() == null || !e.getValue().startsWith("/")) {
                        continue;
                    }
                    for (var mount : Optional.ofNullable(c.getVolumeMounts()).orElse(List.of())) {
                        if (e.getValue().startsWith(mount.getMountPath() + "/")) {
                            String key = e.getValue().substring(mount.getMountPath().length() + 1);
                            template.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()) && v.getSecret() != null)
                                    .forEach(v -> secret.accept(workload + " " + e.getName() + " (" + e.getValue() + ")",
                                            new String[] { v.getSecret().getSecretName(), key }));
                        }
                    }
                }
            }
        });
        for (Ingress ingress : all(Ingress.class)) {
            for (IngressTLS tls : Optional.ofNullable(ingress.getSpec().getTls()).orElse(List.of())) {
                secret.accept("Ingress " + ingress.getMetadata().getName() + " TLS", new String[] { tls.getSecretName(), "tls.crt" });
            }
        }
        for (Doc store : cnpg("ObjectStore")) {
            JsonNode credentials = store.tree().at("/spec/configuration/s3Credentials");
            credentials.fields().forEachRemaining(f -> secret.accept("ObjectStore " + store.name() + " " + f.getKey(),
                    new String[] { f.getValue().path("name").asText(), f.getValue().path("key").asText() }));
        }
        assertEquals(List.of(), problems);
        assertTrue(madeBy.containsKey("timing-service") && madeBy.containsKey("regularity-cluster-ca-cert") && madeBy.containsKey("timing-db-app"),
                madeBy.toString());
    }

    /**
     * The secrets docs/kubernetes.md has the operator create, with their keys: every {@code kubectl … create secret}
     * command in it ({@code generic NAME --from-file=KEY=… --from-literal=KEY=…}, or {@code tls NAME}).
     */
    static Map<String, Set<String>> documentedSecrets() {
        Map<String, Set<String>> documented = new HashMap<>();
        String joined = kubernetesDoc.replace("\\\n", " ");
        Matcher command = Pattern.compile("kubectl[^\\n]*? create secret (generic|tls) ([a-z0-9-]+)([^\\n]*)").matcher(joined);
        while (command.find()) {
            Set<String> keys = new HashSet<>();
            if (command.group(1).equals("tls")) {
                keys.addAll(Set.of("tls.crt", "tls.key"));
            }
            Matcher key = Pattern.compile("--from-(?:file|literal)=([A-Za-z0-9._-]+)=").matcher(command.group(3));
            while (key.find()) {
                keys.add(key.group(1));
            }
            documented.put(command.group(2), keys);
        }
        return documented;
    }

    static Optional<Kafka> clusterOf(Map<String, String> labels) {
        String cluster = labels == null ? null : labels.get("strimzi.io/cluster");
        return all(Kafka.class).stream().filter(k -> k.getMetadata().getName().equals(cluster)).findFirst();
    }

    @Test
    void strimziReconcilesEveryKafkaResourceTheServicesNeed() {
        List<String> problems = new ArrayList<>();
        for (KafkaUser user : all(KafkaUser.class)) {
            Optional<Kafka> cluster = clusterOf(user.getMetadata().getLabels());
            if (cluster.isEmpty()) {
                problems.add("KafkaUser " + user.getMetadata().getName() + " names no Kafka of the manifests (label strimzi.io/cluster)");
            } else if (cluster.get().getSpec().getEntityOperator() == null || cluster.get().getSpec().getEntityOperator().getUserOperator() == null) {
                problems.add("KafkaUser " + user.getMetadata().getName() + ": the Kafka " + cluster.get().getMetadata().getName()
                        + " runs no user operator, so the user is never made and its secret never exists");
            } else if (cluster.get().getSpec().getKafka().getAuthorization() == null && user.getSpec().getAuthorization() != null) {
                problems.add("KafkaUser " + user.getMetadata().getName() + " has ACLs but its Kafka has no authorization");
            }
            if (user.getSpec().getAuthentication() instanceof KafkaUserScramSha512ClientAuthentication && cluster.isPresent()
                    && cluster.get().getSpec().getKafka().getListeners().stream().noneMatch(l -> l.getAuth() instanceof KafkaListenerAuthenticationScramSha512)) {
                problems.add("KafkaUser " + user.getMetadata().getName() + " authenticates with SCRAM-SHA-512, which no listener takes");
            }
        }
        for (KafkaTopic topic : all(KafkaTopic.class)) {
            Optional<Kafka> cluster = clusterOf(topic.getMetadata().getLabels());
            if (cluster.isEmpty() || cluster.get().getSpec().getEntityOperator() == null
                    || cluster.get().getSpec().getEntityOperator().getTopicOperator() == null) {
                problems.add("KafkaTopic " + topic.getMetadata().getName() + ": no Kafka with a topic operator reconciles it");
            }
        }
        String kafkaVersion = System.getProperty("kafka.version", "4.1.2");
        for (Kafka kafka : all(Kafka.class)) {
            String name = kafka.getMetadata().getName();
            if (!kafkaVersion.equals(kafka.getSpec().getKafka().getVersion())) {
                problems.add("Kafka " + name + " runs " + kafka.getSpec().getKafka().getVersion() + ", the clients and tests " + kafkaVersion);
            }
            Set<ProcessRoles> roles = new HashSet<>();
            all(KafkaNodePool.class).stream().filter(p -> name.equals(p.getMetadata().getLabels().get("strimzi.io/cluster")))
                    .forEach(p -> roles.addAll(p.getSpec().getRoles()));
            if (!roles.containsAll(Set.of(ProcessRoles.BROKER, ProcessRoles.CONTROLLER))) {
                problems.add("Kafka " + name + " has node pools with the roles " + roles + ": KRaft needs brokers and controllers");
            }
            if (kafka.getSpec().getKafka().getMetricsConfig() == null || kafka.getSpec().getKafkaExporter() == null) {
                problems.add("Kafka " + name + " exports no metrics (metricsConfig, and kafkaExporter for the consumers' lag)");
            }
        }
        // the services reach a listener that exists, as it wants to be reached, from pods its network policy lets in
        for (Deployment d : all(Deployment.class)) {
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            Optional<String> bootstrap = env(c, "KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrap.isEmpty()) {
                continue;
            }
            Matcher m = Pattern.compile("([a-z0-9-]+)-kafka-bootstrap:(\\d+)").matcher(bootstrap.get());
            Optional<Kafka> kafka = m.matches() ? named(Kafka.class, m.group(1)) : Optional.empty();
            Optional<GenericKafkaListener> listener = kafka.flatMap(k -> k.getSpec().getKafka().getListeners().stream()
                    .filter(l -> l.getPort() == Integer.parseInt(m.group(2))).findFirst());
            if (listener.isEmpty()) {
                problems.add(d.getMetadata().getName() + " connects to " + bootstrap.get() + ", where no listener is");
                continue;
            }
            String protocol = env(c, "KAFKA_SECURITY_PROTOCOL").orElse("PLAINTEXT");
            if (listener.get().isTls() != protocol.endsWith("SSL")) {
                problems.add(d.getMetadata().getName() + " speaks " + protocol + " to a listener with tls " + listener.get().isTls());
            }
            if (listener.get().getAuth() instanceof KafkaListenerAuthenticationScramSha512 && !"SCRAM-SHA-512".equals(env(c, "KAFKA_SASL_MECHANISM").orElse(""))) {
                problems.add(d.getMetadata().getName() + " does not authenticate with SCRAM-SHA-512 as the listener wants");
            }
            List<NetworkPolicyPeer> peers = listener.get().getNetworkPolicyPeers();
            if (peers != null && !peers.isEmpty() && peers.stream().noneMatch(p -> p.getNamespaceSelector() == null
                    && matches(p.getPodSelector(), d.getSpec().getTemplate().getMetadata().getLabels()))) {
                problems.add(d.getMetadata().getName() + "'s pods are not among the listener's networkPolicyPeers: Strimzi's policy shuts them out");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyProbeServicePortAndMonitorNamesAPortItsContainerHas() {
        List<String> problems = new ArrayList<>();
        podTemplates().forEach((workload, template) -> {
            for (Container c : containers(template.getSpec())) {
                for (var probe : new Object[][] { { "liveness", c.getLivenessProbe() }, { "readiness", c.getReadinessProbe() },
                        { "startup", c.getStartupProbe() } }) {
                    Probe p = (Probe) probe[1];
                    if (p == null) {
                        continue;
                    }
                    IntOrString port = p.getHttpGet() != null ? p.getHttpGet().getPort()
                            : p.getTcpSocket() != null ? p.getTcpSocket().getPort() : null;
                    if (port != null && !hasPort(c, port)) {
                        problems.add(workload + "/" + c.getName() + ": the " + probe[0] + " probe asks port " + show(port) + ", which the container does not have");
                    }
                }
            }
            if (template.getSpec().getContainers().get(0).getReadinessProbe() == null) {
                problems.add(workload + " has no readiness probe");
            }
        });
        for (Service service : all(Service.class)) {
            Map<String, PodTemplateSpec> pods = selected(selector(service.getSpec().getSelector()));
            if (pods.isEmpty()) {
                problems.add("Service " + service.getMetadata().getName() + " selects no pod of the manifests");
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                pods.forEach((workload, template) -> {
                    if (template.getSpec().getContainers().stream().noneMatch(c -> hasPort(c, target))) {
                        problems.add("Service " + service.getMetadata().getName() + " sends port " + port.getName() + " to " + show(target)
                                + ", which no container of " + workload + " has");
                    }
                });
            }
        }
        for (PodMonitor monitor : all(PodMonitor.class)) {
            LabelSelector selector = monitor.getSpec().getSelector();
            if (emptySelector(selector)) {
                problems.add("PodMonitor " + monitor.getMetadata().getName() + " selects every pod of the namespace");
                continue;
            }
            Map<String, PodTemplateSpec> pods = selected(selector);
            for (PodMetricsEndpoint endpoint : monitor.getSpec().getPodMetricsEndpoints()) {
                if (pods.isEmpty()) {
                    // pods an operator makes: the selector's label says whose, the port is the one that operator names
                    Set<String> keys = new HashSet<>();
                    Optional.ofNullable(selector.getMatchLabels()).ifPresent(l -> keys.addAll(l.keySet()));
                    Optional.ofNullable(selector.getMatchExpressions()).ifPresent(l -> l.forEach(r -> keys.add(r.getKey())));
                    if (keys.stream().noneMatch(k -> endpoint.getPort().equals(OPERATOR_METRICS_PORTS.get(k)))) {
                        problems.add("PodMonitor " + monitor.getMetadata().getName() + " selects no pod of the manifests and names port "
                                + endpoint.getPort() + ", which is not the metrics port of the operator its labels name");
                    }
                }
                pods.forEach((workload, template) -> {
                    if (template.getSpec().getContainers().stream().noneMatch(c -> hasPort(c, new IntOrString(endpoint.getPort())))) {
                        problems.add("PodMonitor " + monitor.getMetadata().getName() + " scrapes port " + endpoint.getPort() + ", which " + workload + " lacks");
                    }
                });
            }
        }
        for (ServiceMonitor monitor : all(ServiceMonitor.class)) {
            if (emptySelector(monitor.getSpec().getSelector())) {
                problems.add("ServiceMonitor " + monitor.getMetadata().getName() + " selects every Service of the namespace");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyPodMeetsTheRestrictedPodSecurityStandard() {
        Set<String> volumeTypes = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");
        Set<String> seccomp = Set.of("RuntimeDefault", "Localhost");
        List<String> problems = new ArrayList<>();
        assertFalse(podTemplates().isEmpty());
        podTemplates().forEach((workload, template) -> {
            PodSpec spec = template.getSpec();
            PodSecurityContext pod = Optional.ofNullable(spec.getSecurityContext()).orElse(new PodSecurityContext());
            if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID()) || Boolean.TRUE.equals(spec.getHostIPC())) {
                problems.add(workload + " shares the host's namespaces");
            }
            if (pod.getSysctls() != null && !pod.getSysctls().isEmpty()) {
                problems.add(workload + " sets sysctls");
            }
            for (Volume v : Optional.ofNullable(spec.getVolumes()).orElse(List.of())) {
                JsonNode volume = STRICT.valueToTree(v);
                volume.fieldNames().forEachRemaining(type -> {
                    if (!type.equals("name") && !volumeTypes.contains(type)) {
                        problems.add(workload + " volume " + v.getName() + " is of type " + type);
                    }
                });
            }
            if (Long.valueOf(0).equals(pod.getRunAsUser())) {
                problems.add(workload + " runs its pod as root");
            }
            if (pod.getSeccompProfile() != null && !seccomp.contains(String.valueOf(pod.getSeccompProfile().getType()))) {
                problems.add(workload + " sets the seccomp profile " + pod.getSeccompProfile().getType());
            }
            for (Container c : containers(spec)) {
                String where = workload + "/" + c.getName();
                SecurityContext s = Optional.ofNullable(c.getSecurityContext()).orElse(new SecurityContext());
                if (Boolean.TRUE.equals(s.getPrivileged())) {
                    problems.add(where + " is privileged");
                }
                if (!Boolean.FALSE.equals(s.getAllowPrivilegeEscalation())) {
                    problems.add(where + " does not set allowPrivilegeEscalation: false");
                }
                List<String> drop = s.getCapabilities() == null || s.getCapabilities().getDrop() == null ? List.of() : s.getCapabilities().getDrop();
                List<String> add = s.getCapabilities() == null || s.getCapabilities().getAdd() == null ? List.of() : s.getCapabilities().getAdd();
                if (!drop.contains("ALL")) {
                    problems.add(where + " does not drop ALL capabilities");
                }
                if (!Set.of("NET_BIND_SERVICE").containsAll(add)) {
                    problems.add(where + " adds the capabilities " + add);
                }
                Boolean nonRoot = s.getRunAsNonRoot() != null ? s.getRunAsNonRoot() : pod.getRunAsNonRoot();
                if (!Boolean.TRUE.equals(nonRoot)) {
                    problems.add(where + " may run as root (runAsNonRoot is not true for it or its pod)");
                }
                if (Long.valueOf(0).equals(s.getRunAsUser())) {
                    problems.add(where + " runs as root");
                }
                String profile = s.getSeccompProfile() != null ? s.getSeccompProfile().getType()
                        : pod.getSeccompProfile() != null ? pod.getSeccompProfile().getType() : null;
                if (profile == null || !seccomp.contains(profile)) {
                    problems.add(where + " has no RuntimeDefault (or Localhost) seccomp profile, itself or from its pod");
                }
                if (c.getPorts() != null && c.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
                    problems.add(where + " uses a host port");
                }
                if (s.getProcMount() != null && !"Default".equals(s.getProcMount())) {
                    problems.add(where + " sets procMount " + s.getProcMount());
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyPodTheAutoscalerMayRunGetsItsConnectionsFromTheDatabase() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Doc> clusters = new HashMap<>();
        cnpg("Cluster").forEach(c -> clusters.put(c.name(), c));
        for (String service : SERVICES) {
            Deployment deployment = named(Deployment.class, service).orElseThrow();
            Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            int max;
            if (SINGLE_INSTANCE.contains(service)) {
                max = deployment.getSpec().getReplicas(); // no autoscaler: the Deployment's count is all it runs
            } else {
                HorizontalPodAutoscaler hpa = all(HorizontalPodAutoscaler.class).stream()
                        .filter(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind()) && service.equals(h.getSpec().getScaleTargetRef().getName()))
                        .findFirst().orElseThrow(() -> new AssertionError("no HorizontalPodAutoscaler scales " + service));
                max = hpa.getSpec().getMaxReplicas();
                assertEquals(deployment.getSpec().getReplicas(), hpa.getSpec().getMinReplicas(),
                        service + ": the Deployment starts where its autoscaler's minimum is (an apply resets it to that)");
            }
            // one rolling update's extra pods: an integer maxSurge (a string must be a percentage, or the API server refuses it)
            assertEquals("RollingUpdate", deployment.getSpec().getStrategy() == null ? null : deployment.getSpec().getStrategy().getType(),
                    service + " rolls out one pod at a time");
            RollingUpdateDeployment rolling = deployment.getSpec().getStrategy().getRollingUpdate();
            for (IntOrString v : new IntOrString[] { rolling.getMaxSurge(), rolling.getMaxUnavailable() }) {
                assertTrue(v.getIntVal() != null || v.getStrVal().matches("\\d+%"), service + ": " + v.getStrVal() + " is neither a number nor a percentage");
            }
            int surge = rolling.getMaxSurge().getIntVal() != null ? rolling.getMaxSurge().getIntVal()
                    : (int) Math.ceil(max * Integer.parseInt(rolling.getMaxSurge().getStrVal().replace("%", "")) / 100.0);
            int pool = env(c, "QUARKUS_DATASOURCE_JDBC_MAX_SIZE").map(Integer::parseInt)
                    .orElse(Integer.parseInt(properties(service).getProperty("quarkus.datasource.jdbc.max-size", "20")));
            int outside = CONNECTIONS_OUTSIDE_THE_POOL.getOrDefault(service, 0);
            Matcher url = Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-rw:5432/app").matcher(env(c, "QUARKUS_DATASOURCE_JDBC_URL").orElse(""));
            assertTrue(url.matches(), service + " connects to a CloudNativePG cluster's read-write Service");
            Doc cluster = clusters.get(url.group(1));
            assertNotNull(cluster, service + "'s database " + url.group(1) + " is no Cluster of the manifests");
            JsonNode parameters = cluster.tree().at("/spec/postgresql/parameters");
            int maxConnections = Integer.parseInt(parameters.path("max_connections").asText("100"));
            int superuserReserved = Integer.parseInt(parameters.path("superuser_reserved_connections").asText("3"));
            int reserved = Integer.parseInt(parameters.path("reserved_connections").asText("0"));
            int budget = maxConnections - superuserReserved - reserved - HEADROOM;
            int needed = (max + surge) * (pool + outside);
            if (needed > budget) {
                problems.add(service + ": (" + max + " + " + surge + ") pods × (" + pool + " + " + outside + ") connections = " + needed
                        + ", more than " + cluster.name() + " gives the services (" + maxConnections + " − " + superuserReserved + " − "
                        + reserved + " − " + HEADROOM + " = " + budget + ")");
            }
            String sum = "(" + max + " + " + surge + ") × (" + pool + " + " + outside + ") = " + needed;
            if (!kubernetesDoc.contains(sum)) {
                problems.add("docs/kubernetes.md does not say " + service + "'s sum as it stands: " + sum);
            }
            if (service.equals("classification-service")) {
                int partitions = named(KafkaTopic.class, "passages").orElseThrow().getSpec().getPartitions();
                if (max > partitions) {
                    problems.add("classification scales to " + max + " instances, more than the " + partitions + " partitions of passages");
                }
            }
        }
        if (!kubernetesDoc.contains(HEADROOM + " ")) {
            problems.add("docs/kubernetes.md does not name the headroom of " + HEADROOM + " connections");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyConnectionOutsideAPoolIsCounted() throws IOException {
        Map<String, Integer> found = new HashMap<>();
        for (String module : List.of("route-service", "timing-service", "classification-service", "championship-service", "service-support")) {
            try (Stream<Path> sources = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                // a recovery command (timing's recovery/RestorePassages) runs in a Job of its own while its service is
                // stopped, never in the service's pods: its one connection is the headroom's, like a person's psql
                for (Path source : sources.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/recovery/")).toList()) {
                    Matcher m = Pattern.compile("DriverManager\\.getConnection").matcher(Files.readString(source));
                    while (m.find()) {
                        found.merge(module, 1, Integer::sum);
                    }
                }
            }
        }
        assertEquals(CONNECTIONS_OUTSIDE_THE_POOL, found, "connections opened outside the pools (DriverManager), by module");
    }

    @Test
    void everyServiceKeepsAtLeastOnePodThroughADrainAndIsScaledByOneAutoscaler() {
        for (String service : SERVICES) {
            Deployment deployment = named(Deployment.class, service).orElseThrow();
            List<PodDisruptionBudget> budgets = all(PodDisruptionBudget.class).stream()
                    .filter(b -> matches(b.getSpec().getSelector(), deployment.getSpec().getTemplate().getMetadata().getLabels())).toList();
            if (SINGLE_INSTANCE.contains(service)) {
                // one pod: a budget would block every drain (minAvailable 1) or allow anything (maxUnavailable 1); an
                // autoscaler would add instances that the consumer group leaves without partitions
                assertEquals(1, deployment.getSpec().getReplicas(), service + " runs one instance");
                assertEquals(List.of(), budgets, service + " has no PodDisruptionBudget");
                assertTrue(all(HorizontalPodAutoscaler.class).stream().noneMatch(h -> service.equals(h.getSpec().getScaleTargetRef().getName())),
                        service + " has no HorizontalPodAutoscaler");
                continue;
            }
            assertEquals(1, budgets.size(), service + " has one PodDisruptionBudget");
            PodDisruptionBudget budget = budgets.get(0);
            int min = deployment.getSpec().getReplicas();
            int maxUnavailable = budget.getSpec().getMaxUnavailable() != null ? budget.getSpec().getMaxUnavailable().getIntVal() : min - budget.getSpec().getMinAvailable().getIntVal();
            assertTrue(maxUnavailable >= 1 && maxUnavailable < min, service + ": a drain may take " + maxUnavailable + " of " + min + " pods");
        }
        for (HorizontalPodAutoscaler hpa : all(HorizontalPodAutoscaler.class)) {
            assertTrue(named(Deployment.class, hpa.getSpec().getScaleTargetRef().getName()).isPresent(), hpa.getMetadata().getName());
            hpa.getSpec().getMetrics().forEach(m -> {
                if (m.getResource() != null) {
                    assertNotNull(named(Deployment.class, hpa.getSpec().getScaleTargetRef().getName()).orElseThrow().getSpec().getTemplate()
                            .getSpec().getContainers().get(0).getResources().getRequests().get(m.getResource().getName()),
                            hpa.getMetadata().getName() + " scales on " + m.getResource().getName() + ", which its pods do not request");
                }
            });
        }
    }

    @Test
    void theIngressesServeTheApiOverTlsAndNeverTheManagementPort() throws IOException {
        List<Ingress> ingresses = all(Ingress.class);
        assertEquals(SERVICES.size(), ingresses.size());
        for (Ingress ingress : ingresses) {
            String name = ingress.getMetadata().getName();
            Set<String> tlsHosts = new HashSet<>();
            Optional.ofNullable(ingress.getSpec().getTls()).orElse(List.of()).forEach(t -> tlsHosts.addAll(t.getHosts()));
            for (IngressRule rule : ingress.getSpec().getRules()) {
                assertTrue(tlsHosts.contains(rule.getHost()), name + ": " + rule.getHost() + " has no TLS");
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    assertFalse(path.getPath().startsWith("/q"), name + " routes " + path.getPath());
                    var backend = path.getBackend().getService();
                    Service service = named(Service.class, backend.getName()).orElseThrow(() -> new AssertionError(name + " routes to no Service"));
                    ServicePort port = service.getSpec().getPorts().stream().filter(p -> backend.getPort().getName() != null
                            ? backend.getPort().getName().equals(p.getName()) : backend.getPort().getNumber().equals(p.getPort())).findFirst()
                            .orElseThrow(() -> new AssertionError(name + " routes to a port its Service does not have"));
                    for (PodTemplateSpec pod : selected(selector(service.getSpec().getSelector())).values()) {
                        Container c = pod.getSpec().getContainers().get(0);
                        ContainerPort target = port(c, port.getTargetPort()).orElseThrow(() -> new AssertionError(
                                name + ": its Service's target port " + show(port.getTargetPort()) + " is no port of the container"));
                        assertEquals("http", target.getName(), name + " reaches the container's port " + target.getName());
                        int management = Integer.parseInt(properties(service.getMetadata().getName()).getProperty("quarkus.management.port"));
                        assertFalse(target.getContainerPort() == management, name + " reaches the management port");
                        IntOrString probe = c.getReadinessProbe().getHttpGet().getPort();
                        assertEquals(management, port(c, probe).map(ContainerPort::getContainerPort).orElse(-1),
                                name + ": readiness is asked on the management port");
                    }
                }
            }
        }
        // what the Service exposes at all: the API only (Prometheus reaches the management port pod by pod)
        for (Service service : all(Service.class)) {
            service.getSpec().getPorts().forEach(p -> assertFalse("management".equals(p.getName()), service.getMetadata().getName()));
        }
    }

    @Test
    void nothingIsReachableUnlessAPolicySaysSoAndThePortsThePoliciesNameExist() {
        List<NetworkPolicy> policies = all(NetworkPolicy.class);
        assertTrue(policies.stream().anyMatch(p -> emptySelector(p.getSpec().getPodSelector()) && p.getSpec().getPolicyTypes().contains("Ingress")
                && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())), "a policy denies all ingress by default");
        List<String> problems = new ArrayList<>();
        for (NetworkPolicy policy : policies) {
            Map<String, PodTemplateSpec> pods = selected(policy.getSpec().getPodSelector());
            for (NetworkPolicyIngressRule rule : Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of())) {
                for (NetworkPolicyPort port : Optional.ofNullable(rule.getPorts()).orElse(List.of())) {
                    pods.forEach((workload, template) -> {
                        if (port.getPort().getStrVal() != null && template.getSpec().getContainers().stream().noneMatch(c -> hasPort(c, port.getPort()))) {
                            problems.add("NetworkPolicy " + policy.getMetadata().getName() + " opens port " + port.getPort().getStrVal() + ", which " + workload + " lacks");
                        }
                    });
                }
            }
        }
        // each service's API and management port are let in by some policy (else the default denies them)
        for (String service : SERVICES) {
            PodTemplateSpec template = podTemplates().get(service);
            for (String port : List.of("http", "management")) {
                boolean open = policies.stream().filter(p -> matches(p.getSpec().getPodSelector(), template.getMetadata().getLabels()))
                        .flatMap(p -> Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of()).stream())
                        .anyMatch(r -> r.getPorts() != null && r.getPorts().stream().anyMatch(pp -> port.equals(pp.getPort().getStrVal())));
                if (!open) {
                    problems.add(service + "'s port " + port + " is let in by no policy");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void thePublicUrlsAreTheIngressesHosts() {
        Map<String, String> urls = named(ConfigMap.class, "regularity-public").orElseThrow().getData();
        Map<String, String> services = Map.of("route-url", "route-service", "timing-url", "timing-service", "championship-url",
                "championship-service");
        assertEquals(services.keySet(), urls.keySet(), "regularity-public");
        services.forEach((key, service) -> {
            Ingress ingress = named(Ingress.class, service).orElseThrow(() -> new AssertionError("no Ingress " + service));
            assertEquals("https://" + ingress.getSpec().getRules().get(0).getHost(), urls.get(key), key + " is " + service + "'s host");
        });
    }

    @Test
    void imagesAreReleasesAndPostgresqlIsPinnedTo18() throws IOException {
        Matcher version = Pattern.compile("<artifactId>regularity-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(version.find());
        String release = version.group(1).replace("-SNAPSHOT", "");
        for (String service : SERVICES) {
            String image = named(Deployment.class, service).orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            assertEquals("registry.regularity.example.org/regularity/" + service + ":" + release, image,
                    "an immutable release tag, never a SNAPSHOT");
        }
        for (Doc cluster : cnpg("Cluster")) {
            String image = cluster.tree().at("/spec/imageName").asText();
            assertTrue(image.matches("ghcr\\.io/cloudnative-pg/postgresql:18\\.\\d+(-[a-z]+-[a-z]+)?"),
                    cluster.name() + " pins PostgreSQL 18 and its minor: " + image);
        }
    }

    @Test
    void theDatabasesAreDurableBackedUpAndScrapedAsTheirOperatorDocumentsIt() {
        Set<String> stores = new HashSet<>();
        cnpg("ObjectStore").forEach(s -> {
            stores.add(s.name());
            assertTrue(s.tree().at("/spec/retentionPolicy").asText().matches("[1-9][0-9]*[dwm]"), s + " keeps backups for a while");
        });
        Set<String> clusters = new HashSet<>();
        for (Doc cluster : cnpg("Cluster")) {
            JsonNode spec = cluster.tree().get("spec");
            clusters.add(cluster.name());
            JsonNode plugins = spec.path("plugins");
            assertEquals(1, plugins.size(), cluster + " archives through one plugin");
            assertEquals("barman-cloud.cloudnative-pg.io", plugins.at("/0/name").asText());
            assertTrue(plugins.at("/0/isWALArchiver").asBoolean(), cluster + " archives its WAL");
            assertTrue(stores.contains(plugins.at("/0/parameters/barmanObjectName").asText()), cluster + " names an ObjectStore of the manifests");
            JsonNode synchronous = spec.at("/postgresql/synchronous");
            if (!synchronous.isMissingNode()) {
                assertTrue(Set.of("any", "first").contains(synchronous.path("method").asText()), cluster.toString());
                assertTrue(Set.of("required", "preferred").contains(synchronous.path("dataDurability").asText("required")), cluster.toString());
                int number = synchronous.path("number").asInt();
                assertTrue(number >= 1 && number < spec.path("instances").asInt(), cluster + ": " + number + " synchronous standbys of "
                        + (spec.path("instances").asInt() - 1));
            }
        }
        JsonNode timing = cnpg("Cluster").stream().filter(c -> c.name().equals("timing-db")).findFirst().orElseThrow().tree();
        assertEquals("required", timing.at("/spec/postgresql/synchronous/dataDurability").asText(),
                "a 201 from timing is durable: a standby has the passage before the commit returns");
        Set<String> nightly = new HashSet<>();
        for (Doc backup : cnpg("ScheduledBackup")) {
            JsonNode spec = backup.tree().get("spec");
            assertEquals(6, spec.path("schedule").asText().split(" ").length, backup + ": CloudNativePG's schedules start with seconds");
            assertEquals("plugin", spec.path("method").asText(), backup.toString());
            assertEquals("barman-cloud.cloudnative-pg.io", spec.at("/pluginConfiguration/name").asText(), backup.toString());
            nightly.add(spec.at("/cluster/name").asText());
        }
        assertEquals(clusters, nightly, "every cluster has a nightly base backup");
        Set<String> scraped = new HashSet<>();
        all(PodMonitor.class).forEach(m -> Optional.ofNullable(m.getSpec().getSelector().getMatchExpressions()).orElse(List.of()).stream()
                .filter(r -> r.getKey().equals("cnpg.io/cluster")).forEach(r -> scraped.addAll(r.getValues())));
        assertEquals(clusters, scraped, "every cluster's exporter is scraped");
    }

    @Test
    void thePrometheusRuleCarriesTheAlertsOfDeployMonitoring() throws IOException {
        JsonNode alerts = YAML.readTree(ROOT.resolve("deploy/monitoring/alerts.yml").toFile());
        PrometheusRule rule = all(PrometheusRule.class).stream().findFirst().orElseThrow();
        assertEquals(alerts.get("groups"), STRICT.valueToTree(rule.getSpec()).get("groups"),
                "deploy/kubernetes/monitoring.yml and deploy/monitoring/alerts.yml carry the same rules");
        assertTrue(alerts.get("groups").get(0).get("rules").size() >= 7);
    }

    @Test
    void theDocsNameTheVersionsTheManifestsNeed() {
        for (String needed : List.of("Strimzi 1.0.0", "1.0.1", "4.1.2", "CloudNativePG 1.30", "Barman Cloud plugin", "cert-manager",
                "STRIMZI_POD_SECURITY_PROVIDER_CLASS=restricted", "regularity-issuing-key", "regularity-backup")) {
            assertTrue(kubernetesDoc.contains(needed), "docs/kubernetes.md says nothing of " + needed);
        }
        Objects.requireNonNull(documentedSecrets().get("regularity-issuing-key"));
    }
}
