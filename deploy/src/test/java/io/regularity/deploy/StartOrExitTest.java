package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regularity.testsupport.EmbeddedKafka;

/**
 * Issue 34: once in some twenty starts the embedded broker missed its registration, {@code Stack.start} threw, and the
 * JVM stayed alive on the Kafka controller's threads with nothing listening, no message, no exit. A broker that cannot
 * start is now stopped (controller included), tried once more, and named; a command whose start fails or overruns its
 * deadline exits non-zero saying what failed.
 */
class StartOrExitTest {

    @Test
    void aBrokerThatCannotStartIsTriedTwiceNamedAndLeavesNoThreadBehind(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException failed = assertThrows(IllegalStateException.class, () -> EmbeddedKafka.start(dir, taken.getLocalPort()));
            assertTrue(failed.getMessage().startsWith("the embedded Kafka broker did not start (attempt 2 of 2)"), failed.getMessage());
            assertEquals(1, failed.getSuppressed().length, "the first attempt's failure goes with it");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                    .map(Thread::getName).filter(n -> n.contains("raft") || n.contains("controller") || n.contains("kafka")).toList();
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertEquals(List.of(), left, "threads that would keep a JVM alive with nothing listening");
    }

    @Test
    void aStartThatFailsEndsTheProcessNonZeroSayingWhy() throws Exception {
        Result result = run("fail");
        assertEquals(1, result.exit());
        assertTrue(result.output().contains("[stack] the probe could not start: java.lang.IllegalStateException: the broker did not register"),
                result.output());
    }

    @Test
    void aStartPastItsDeadlineEndsTheProcessNonZeroSayingSo() throws Exception {
        Result result = run("hang");
        assertEquals(1, result.exit());
        assertTrue(result.output().contains("[stack] the probe did not start within"), result.output());
    }

    record Result(int exit, String output) {
    }

    /** The probe in a JVM of its own: what it printed and how it ended, within a minute. */
    static Result run(String how) throws IOException, InterruptedException {
        Path out = Files.createTempFile("start-or-exit", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Probe.class.getName(), how).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe is still running: " + Files.readString(out));
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** A command's start that leaves a thread behind as the broker's controller did, then fails or never ends. */
    public static final class Probe {
        public static void main(String[] args) {
            StartOrExit.within(Duration.ofSeconds(3), "the probe", () -> {
                Thread controller = new Thread(() -> {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "quorum-controller-probe");
                controller.start(); // not a daemon: alone it would keep the JVM alive
                if (args[0].equals("fail")) {
                    throw new IllegalStateException("the broker did not register");
                }
                Thread.sleep(Long.MAX_VALUE);
                return null;
            });
            System.out.println("started"); // a start that fails or hangs never comes here
            System.exit(0);
        }
    }
}
