package io.regularity.deploy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.regularity.deploy.Stack;

/**
 * Where a machine's cores went during a measure: the CPU time of each service, of PostgreSQL (its connections by
 * database, {@code PostgreSQL classification}, and its own processes: WAL writer, checkpointer…), of this JVM (the
 * Kafka broker and the load generator) and of everything else, and how much was left idle. Linux's {@code /proc};
 * elsewhere nothing is counted.
 */
record Cpu(Map<String, Long> ticks, long idle, long total) {

    /** Linux counts CPU time in ticks of 1/100 s ({@code CLK_TCK}). */
    private static final double TICK = 0.01;

    static Cpu now(Stack stack) {
        Map<Long, String> services = new LinkedHashMap<>();
        for (String name : Stack.SERVICES) {
            services.put(stack.service(name).pid(), name.substring(0, name.indexOf('-')));
        }
        long self = ProcessHandle.current().pid();
        Map<String, Long> ticks = new LinkedHashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (Exception gone) {
                    continue;
                }
                long pid = Long.parseLong(process.getFileName().toString());
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                String who = services.containsKey(pid) ? services.get(pid)
                        : pid == self ? "broker and generator" : comm.equals("postgres") ? postgres(process) : "other";
                ticks.merge(who, used, Long::sum);
            }
            String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < machine.length && i <= 8; i++) {
                total += Long.parseLong(machine[i]);
            }
            return new Cpu(ticks, Long.parseLong(machine[4]) + Long.parseLong(machine[5]), total);
        } catch (Exception e) {
            return new Cpu(Map.of(), 0, 0);
        }
    }

    /** A PostgreSQL process: a connection is named for its database ("postgres: user database host state"). */
    private static String postgres(Path process) {
        try {
            String[] words = Files.readString(process.resolve("cmdline")).replace('\0', ' ').trim().split(" ");
            return words.length >= 4 && words[0].equals("postgres:") && words[3].contains("(") ? "PostgreSQL " + words[2] : "PostgreSQL";
        } catch (Exception gone) {
            return "PostgreSQL";
        }
    }

    /** The CPU seconds {@code part} spent from {@code before} to this (0 for a part not seen). */
    double seconds(Cpu before, String part) {
        return (ticks.getOrDefault(part, 0L) - before.ticks().getOrDefault(part, 0L)) * TICK;
    }

    /**
     * From {@code before} to this: each part's CPU seconds, busiest first, and the share of the machine left idle. A
     * process that ended meanwhile (a restart) is not counted.
     */
    String since(Cpu before) {
        StringBuilder out = new StringBuilder();
        ticks.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - before.ticks().getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f", e.getValue() * TICK)).append(" s"));
        long elapsed = total - before.total();
        return out + (elapsed <= 0 ? "" : String.format(Locale.ROOT, "; idle %.0f %%", 100.0 * (idle - before.idle()) / elapsed));
    }
}
