package io.regularity.deploy.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.regularity.deploy.bench.Session.HTTP;
import static io.regularity.deploy.bench.Report.fmt;
import static io.regularity.deploy.bench.Report.log;
import static io.regularity.deploy.bench.Session.tkToken;

/** What the benchmark reads off the machine and the services: their metrics, memory, Kafka's own ceiling, percentiles. */
final class Measures {

    private Measures() {
    }

    /** Logs a service's native memory by JVM area (committed MB), as {@code jcmd VM.native_memory summary} gives it. */
    static void nativeMemory(String name, long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid),
                    "VM.native_memory", "summary", "scale=MB").redirectErrorStream(true).start();
            StringBuilder areas = new StringBuilder();
            Pattern area = Pattern.compile("^(?:-\\s*)?([A-Z][A-Za-z ]*?):?\\s+\\(?reserved=\\d+MB, committed=(\\d+)MB");
            for (String line : new String(jcmd.getInputStream().readAllBytes()).split("\n")) {
                Matcher m = area.matcher(line.trim());
                if (m.find() && !m.group(2).equals("0")) {
                    areas.append(areas.isEmpty() ? "" : ", ").append(m.group(1).trim()).append(' ').append(m.group(2));
                }
            }
            log("native memory of " + name + " (committed MB): " + areas);
        } catch (Exception e) {
            log("native memory of " + name + ": " + e.getMessage());
        }
    }

    /** The value of the first sample whose line starts with {@code prefix} (name and first labels), 0 if none. */
    static double sample(String metrics, String prefix) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                return value(line);
            }
        }
        return 0;
    }

    /**
     * A sample line's value: the first figure after its labels (an OpenMetrics line may go on with a timestamp or an
     * exemplar, {@code # {trace_id="…"} 1.0 1796304279}, which is not the value).
     */
    static double value(String line) {
        int labels = line.indexOf('}');
        String rest = line.substring(labels < 0 ? line.indexOf(' ') + 1 : labels + 1).trim();
        return Double.parseDouble(rest.split("\\s+")[0]);
    }

    /** A Prometheus histogram's cumulative bucket counts by upper bound (seconds), from a /q/metrics text. */
    static TreeMap<Double, Double> buckets(String metrics, String name) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "_bucket{")) {
                int le = line.indexOf("le=\"");
                String bound = line.substring(le + 4, line.indexOf('"', le + 4));
                double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                buckets.merge(upper, value(line), Double::sum);
            }
        }
        return buckets;
    }

    /** The q-quantile (ms, a bucket's upper bound) of what was recorded between two snapshots of a histogram; -1 if nothing. */
    static long quantile(TreeMap<Double, Double> before, TreeMap<Double, Double> after, double q) {
        double total = after.lastEntry() == null ? 0 : after.lastEntry().getValue() - before.getOrDefault(after.lastKey(), 0.0);
        if (total <= 0) {
            return -1;
        }
        for (var bucket : after.entrySet()) {
            double count = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            if (count >= q * total) {
                return bucket.getKey().isInfinite() ? Long.MAX_VALUE : Math.round(bucket.getKey() * 1000);
            }
        }
        return -1;
    }

    static double producerPerformance(String bootstrap, int run) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance", "--topic", "perf-ceiling",
                "--num-records", "600000", "--record-size", "200", "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrap, "acks=all", "linger.ms=5");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String lastLine = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("records sent")) {
                    lastLine = line;
                }
            }
        }
        p.waitFor();
        // "600000 records sent, 151234.5 records/sec (28.85 MB/sec), …"
        String[] parts = lastLine.split(",");
        double rate = Double.parseDouble(parts[1].trim().split(" ")[0]);
        log("ProducerPerformance run " + run + ": " + fmt(rate) + " records/s");
        return rate;
    }

    static long peakRssMb(long pid) {
        return statusMb(pid, "VmHWM:");
    }

    /** Resident memory now. */
    static long rssMb(long pid) {
        return statusMb(pid, "VmRSS:");
    }

    private static long statusMb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    static int post(String url, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .header("Authorization", tkToken)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static double medianOf(List<long[]> runs, int index) {
        return median(runs.stream().map(r -> (double) r[index]).toList());
    }

    /** {@code times} replays of a race's overall list as it stood a moment ago (each a different moment): milliseconds each, sorted. */
    static List<Long> replays(String classification, String race, int times) {
        List<Long> took = new ArrayList<>();
        for (int k = 0; k < times; k++) {
            long start = System.nanoTime();
            String list = get(classification + "/api/races/" + race + "/standings?size=50&asOf=" + Instant.now().minusMillis(k + 1));
            took.add((System.nanoTime() - start) / 1_000_000);
            if (!list.contains("\"entries\"")) {
                throw new IllegalStateException("a replay of " + race + " did not answer a list: " + list);
            }
        }
        Collections.sort(took);
        return took;
    }
}
