package io.regularity.classification.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.regularity.classification.domain.RaceDefinition.Detection;
import io.regularity.classification.domain.RaceDefinition.PlacedTrial;
import io.regularity.classification.domain.RaceDefinition.Trial;

/**
 * The register of checks as the regulations lay it out (number, time, car, trial, reason, outcome, who), made from what
 * race direction decided: the rulings that touch a trial's time (an assigned average, a neutralised trial, and their
 * revocations) and the passages it voided and restored. Steward penalties and retirements are not checks of a time: they
 * stay in the rulings and the journal. docs/api.md, The register of checks, says the mapping.
 */
public final class CheckRegister {

    private CheckRegister() {
    }

    /** Why the time was checked. */
    public enum Reason {
        /** the crew was impeded on the trial (traffic, an accident ahead): what an assigned average or a neutralised trial answers */
        IMPEDED,
        /** a crossing as timed was wrong (another car's, a double, a post's error): what a void, and its restore, answer */
        TIMING,
        /** a post's equipment failed: no decision of today says so by itself, so no row carries it yet */
        EQUIPMENT
    }

    /** What the check concluded. */
    public enum Outcome {
        /** the time stands as timed: a void undone, an assigned average or a neutralisation revoked */
        CONFIRMED,
        /** the time was corrected: a crossing voided, a trial neutralised for the crew */
        CORRECTED,
        /** the crew was given an average for the trial */
        AVERAGE_ASSIGNED
    }

    /**
     * A void of a passage as classification keeps it, with the passage's point and official time when the passage is
     * here (a void may come first), and its restore, if race direction undid it.
     */
    public record VoidRecord(UUID passageId, int car, String point, Instant passageTime, String reason, String by, Instant at,
            Instant restoredAt, String restoredBy, String restoreReason) {
    }

    /**
     * A row of the register: {@code number} from 1 in time order; {@code trial} the trial (or the trials a crossing's
     * point times, joined with ", "), null when not known; {@code note} what race direction wrote, with the crossing's
     * point; {@code source} the decision it comes from (ruling 7, void of passage …).
     */
    public record Row(int number, Instant at, int car, String trial, Reason reason, Outcome outcome, String by, String note,
            String source) {
    }

    /** The register of a race: its rulings (revoked ones too) and its voids, in time order, numbered from 1. */
    public static List<Row> of(RaceDefinition race, List<RulingRecord> rulings, List<VoidRecord> voids) {
        List<Row> rows = new ArrayList<>();
        for (RulingRecord record : rulings) {
            Ruling r = record.ruling();
            Outcome outcome = switch (r.type()) {
                case ASSIGN_AVERAGE -> Outcome.AVERAGE_ASSIGNED;
                case NEUTRALISE -> Outcome.CORRECTED;
                case STEWARD_PENALTY, RETIRE -> null;
            };
            if (outcome == null) {
                continue;
            }
            rows.add(new Row(0, r.at(), r.car(), r.trial(), Reason.IMPEDED, outcome, r.by(), r.reason(), "ruling " + r.id()));
            if (record.revokedAt() != null) {
                rows.add(new Row(0, record.revokedAt(), r.car(), r.trial(), Reason.IMPEDED, Outcome.CONFIRMED, record.revokedBy(),
                        record.revokeReason(), "revocation of ruling " + r.id()));
            }
        }
        for (VoidRecord v : voids) {
            String trial = trialsAt(race, v.point());
            String where = v.point() == null ? "" : v.point() + ": ";
            if (v.at() != null) {
                rows.add(new Row(0, v.at(), v.car(), trial, Reason.TIMING, Outcome.CORRECTED, v.by(), where + nullToEmpty(v.reason()),
                        "void of passage " + v.passageId()));
            }
            if (v.restoredAt() != null) {
                rows.add(new Row(0, v.restoredAt(), v.car(), trial, Reason.TIMING, Outcome.CONFIRMED, v.restoredBy(),
                        where + nullToEmpty(v.restoreReason()), "restore of passage " + v.passageId()));
            }
        }
        rows.sort(Comparator.comparing(Row::at).thenComparingInt(Row::car).thenComparing(Row::source));
        List<Row> numbered = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            numbered.add(new Row(i + 1, r.at(), r.car(), r.trial(), r.reason(), r.outcome(), r.by(), r.note(), r.source()));
        }
        return numbered;
    }

    /** The trials a timing point times (a PC's start or finish, a PM's start or detection, a CO's or CT's point), or null. */
    static String trialsAt(RaceDefinition race, String point) {
        if (point == null) {
            return null;
        }
        Set<String> trials = new LinkedHashSet<>();
        for (PlacedTrial placed : race.trialsInRouteOrder()) {
            Trial t = placed.trial();
            boolean times = point.equals(t.start()) || point.equals(t.finish()) || point.equals(t.point())
                    || (t.detections() != null && t.detections().stream().map(Detection::point).anyMatch(point::equals));
            if (times) {
                trials.add(t.id());
            }
        }
        return trials.isEmpty() ? null : String.join(", ", trials);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
