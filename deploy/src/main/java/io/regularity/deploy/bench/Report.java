package io.regularity.deploy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's report: its rows as they are measured, then the aims and the measures as Markdown tables. */
final class Report {

    private static final List<String[]> rows = new ArrayList<>();

    private Report() {
    }


    /** The note of a measure with an aim: the aim, and whether this run met it. */
    static String atLeast(double value, double aim) {
        return "target ≥ " + fmt(aim) + (value >= aim ? ": met" : ": **missed**");
    }

    static String below(double value, double aim, String unit) {
        return "target ≤ " + fmt(aim) + " " + unit + (value < 0 ? ": **missed** (nothing measured)" : value <= aim ? ": met" : ": **missed**");
    }

    static void row(String what, double value, String unit, String note) {
        rows.add(new String[] { what, fmt(value), unit, note });
    }

    static void row(String what, String value, String unit, String note) {
        rows.add(new String[] { what, value, unit, note });
    }

    static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
    }

    static void print(boolean quick, int repeats) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append(Aims.table());
        out.append("\n| measure | value | unit | note |\n|---|---:|---|---|\n");
        for (String[] r : rows) {
            out.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" | ").append(r[3])
                    .append(" |\n");
        }
        out.append("\n").append(quick ? "Quick run: one repetition, 20 s warm-up." : "Median of " + repeats
                + " runs after a 60 s warm-up.").append(" Machine: ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(System.getProperty("os.name")).append(" ").append(System.getProperty("os.arch"))
                .append(", Java ").append(System.getProperty("java.version")).append(".\n");
        System.out.println(out);
        Path report = Path.of(System.getProperty("regularity.root", ".")).resolve("deploy/target/benchmark.md");
        Files.writeString(report, out.toString());
        log("report written to " + report);
    }
}
