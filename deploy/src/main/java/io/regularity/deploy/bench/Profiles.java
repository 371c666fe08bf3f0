package io.regularity.deploy.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.regularity.deploy.ServiceProcess;
import io.regularity.deploy.Stack;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code deploy/benchmark --profile}: a Java Flight Recorder recording of each service while the
 * measures run, and where its CPU samples fall: the methods on top of the stack (self time) and the
 * project's and the libraries' methods anywhere on it (total time).
 */
final class Profiles {

    private Profiles() {
    }

    static void start(Stack stack) throws IOException, InterruptedException {
        for (String name : Stack.SERVICES) {
            jcmd(stack.service(name), "JFR.start", "name=bench", "settings=profile", "filename=" + file(stack.service(name)));
        }
        Report.log("profiling the services with JFR");
    }

    static void stopAndSummarise(Stack stack) throws IOException, InterruptedException {
        for (String name : Stack.SERVICES) {
            ServiceProcess service = stack.service(name);
            jcmd(service, "JFR.stop", "name=bench");
            summarise(name, file(service));
        }
    }

    private static Path file(ServiceProcess service) {
        return service.log().resolveSibling(service.name() + ".jfr").toAbsolutePath();
    }

    private static void jcmd(ServiceProcess service, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(service.pid())));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + line + " failed: " + out);
        }
    }

    static void summarise(String name, Path recording) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(method(frames.get(0)), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String m = method(frame);
                if (interesting(m) && seen.add(m)) {
                    total.merge(m, 1, Integer::sum);
                }
            }
        }
        StringBuilder out = new StringBuilder("\nCPU profile of " + name + " (" + samples + " samples; " + recording + ")\n  self:\n");
        top(self, samples, 12, out);
        out.append("  total (project and library entry points):\n");
        top(total, samples, 25, out);
        contention(recording, out);
        System.out.println(out);
    }

    /**
     * Where threads waited: monitors entered under contention, parks (locks, conditions, futures) and socket reads (the
     * database's answers among them) of 10 ms or more (the JFR profile settings' threshold), by the first frame outside
     * the JDK's and the JDBC driver's code, with the total time waited. Threads of a pool waiting for work are left out.
     */
    static void contention(Path recording, StringBuilder out) throws IOException {
        Map<String, long[]> sites = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            if (!type.equals("jdk.JavaMonitorEnter") && !type.equals("jdk.ThreadPark") && !type.equals("jdk.SocketRead")
                    || event.getStackTrace() == null) {
                continue;
            }
            String site = null;
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                String m = method(frame);
                if (!(m.startsWith("java.util.concurrent.") || m.startsWith("jdk.internal.") || m.startsWith("java.lang.Thread.")
                        || m.startsWith("java.lang.Object.wait") || m.startsWith("sun.") || m.startsWith("java.net.")
                        || m.startsWith("java.io.") || m.startsWith("org.postgresql.core.") || m.startsWith("org.postgresql.jdbc.Pg")
                        || m.startsWith("io.agroal.pool.wrapper."))) {
                    site = m;
                    break;
                }
            }
            if (site == null || site.startsWith("org.jboss.threads.EnhancedQueueExecutor") || site.contains("ThreadPoolExecutor.getTask")
                    || site.startsWith("io.netty.util.concurrent.") || site.startsWith("io.quarkus.scheduler.")) {
                continue; // a pool's thread waiting for work, or a timer
            }
            String kind = type.endsWith("MonitorEnter") ? "monitor " : type.endsWith("SocketRead") ? "socket read " : "park ";
            long[] sum = sites.computeIfAbsent(kind + site, k -> new long[2]);
            sum[0]++;
            sum[1] += event.getDuration().toMillis();
        }
        out.append("  waits of 10 ms or more (count, total ms):\n");
        sites.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(12)
                .forEach(e -> out.append(String.format("    %6d  %8d ms  %s%n", e.getValue()[0], e.getValue()[1], e.getKey())));
    }

    private static boolean interesting(String method) {
        return method.startsWith("io.regularity.") || method.startsWith("org.postgresql.core.v3.QueryExecutorImpl.execute")
                || method.startsWith("com.fasterxml.jackson.databind.ObjectMapper.") || method.startsWith("org.apache.kafka.clients.")
                && method.endsWith(".poll") || method.startsWith("io.agroal.pool.ConnectionPool.getConnection")
                || method.startsWith("io.quarkus.narayana.jta.") && method.contains("Interceptor.intercept");
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void top(Map<String, Integer> counts, int samples, int n, StringBuilder out) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
    }
}
