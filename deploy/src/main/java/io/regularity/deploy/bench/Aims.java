package io.regularity.deploy.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The write side's aims (issue 35), each measured in this run and said met or missed: printed as a table of their own
 * ahead of the measures, so a run answers at a glance whether classification is where it should be. A missed aim's row
 * says where the cores went meanwhile; {@code --profile} adds where in the code.
 */
final class Aims {

    private record Aim(String measure, String lastMeasured, String value, String aim, String verdict, String where) {
    }

    private static final List<Aim> AIMS = new ArrayList<>();

    private Aims() {
    }

    /** An aim the measure must stay at or under ({@code atMost}), or reach. A negative value: not measured in this run. */
    static void add(String measure, String lastMeasured, double value, String unit, double aim, boolean atMost, String where) {
        String verdict = value < 0 ? "not measured" : (atMost ? value <= aim : value >= aim) ? "met" : "**missed**";
        AIMS.add(new Aim(measure, lastMeasured, value < 0 ? "" : Report.fmt(value) + " " + unit,
                (atMost ? "≤ " : "≥ ") + Report.fmt(aim) + " " + unit, verdict, where));
    }

    /** The table, or nothing when no aim was measured. */
    static String table() {
        if (AIMS.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n| aim | before (issue 35) | this run | aim | met? | where the cores went |\n"
                + "|---|---:|---:|---|---|---|\n");
        for (Aim a : AIMS) {
            out.append("| ").append(a.measure()).append(" | ").append(a.lastMeasured()).append(" | ").append(a.value()).append(" | ")
                    .append(a.aim()).append(" | ").append(a.verdict()).append(" | ").append(a.where()).append(" |\n");
        }
        return out.toString();
    }
}
