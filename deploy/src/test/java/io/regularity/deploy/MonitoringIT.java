package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * deploy/monitoring's alert rules and Grafana dashboard name only metrics the packaged services really expose: each
 * name in their expressions is looked up in the services' {@code /q/metrics}, on their management ports (once passages
 * have flowed, so the consumers and the outbox have reported).
 */
class MonitoringIT {

    /** PromQL's own words and the label names the expressions use: everything else with an underscore is a metric. */
    static final Set<String> NOT_METRICS = Set.of("histogram_quantile", "by", "sum", "max", "rate", "increase", "le", "service",
            "instance", "status", "area", "uri", "method", "client_id");

    static Set<String> metricsNamed(String text) {
        Set<String> names = new TreeSet<>();
        Matcher expr = Pattern.compile("\"?expr\"?:\\s*\"?(.+?)\"?,?$", Pattern.MULTILINE).matcher(text);
        while (expr.find()) {
            String promql = expr.group(1).replaceAll("\\\\\"", "\"").replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\[[^\\]]*\\]", "");
            Matcher word = Pattern.compile("[a-z][a-z0-9_]*").matcher(promql);
            while (word.find()) {
                if (word.group().contains("_") && !NOT_METRICS.contains(word.group())) {
                    names.add(word.group());
                }
            }
        }
        return names;
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardNameIsExposed() throws Exception {
        Stack stack = SharedStack.get();
        // a passage through the whole system, so the consumers, the outbox and the freshness histogram have reported
        String race = "monitoring-race";
        stack.raceDirection().ok("PUT", stack.routeUrl() + "/api/races/" + race, """
                {"name": "Monitoring", "year": 2024, "legs": [{"number": 1, "name": "L", "date": "2024-06-11", "startPoint": "S",
                  "timingPoints": [{"id": "S"}, {"id": "A"}], "trials": [{"id": "CT1", "type": "CT", "point": "A"}]}]}
                """);
        stack.awaitRaceKnown(race);
        stack.raceDirection().ok("PUT", stack.classificationUrl() + "/api/races/" + race + "/crews/1",
                java.util.Map.of("car", 1, "driver", java.util.Map.of("name", "A B"), "coefficient", 1.0));
        stack.timekeeper().ok("POST", stack.timingUrl() + "/api/races/" + race + "/passages", java.util.Map.of("id",
                java.util.UUID.randomUUID().toString(), "car", 1, "point", "A", "time", java.time.Instant.now().toString(), "device", "tk-1",
                "source", "HOSE"));
        HttpClient http = HttpClient.newHttpClient();
        Set<String> exposed = new TreeSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Set<String> named = new TreeSet<>();
        Path monitoring = SharedStack.root().resolve("deploy/monitoring");
        named.addAll(metricsNamed(Files.readString(monitoring.resolve("alerts.yml"))));
        named.addAll(metricsNamed(Files.readString(monitoring.resolve("grafana-dashboard.json"))));
        assertTrue(named.size() >= 8, "the rules and the dashboard name the metrics: " + named);
        Set<String> missing = new TreeSet<>(named);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            String[][] services = { { "route-service", stack.managementUrl("route-service") },
                    { "timing-service", stack.managementUrl("timing-service") },
                    { "classification-service", stack.managementUrl("classification-service") } };
            for (String[] service : services) {
                String text = http.send(HttpRequest.newBuilder(URI.create(service[1] + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("[{ ]", 2)[0]).forEach(exposed::add);
                assertTrue(text.contains("jvm_memory_used_bytes{") && text.contains("service=\"" + service[0] + "\""),
                        "every metric carries the service's name: " + service[0]);
            }
            missing.removeAll(exposed);
            Thread.sleep(1000);
        }
        assertEquals(Set.of(), missing, "named by deploy/monitoring but exposed by no service");
    }
}
