package io.regularity.classification.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Something the race direction should look at. {@code counted}: for a passage that did not count because
 * another one at the same point did (a duplicate, a later crossing), that other passage. {@code lap}: on a circuit,
 * the lap it is about.
 */
public record Anomaly(Type type, Integer car, String point, String trial, UUID passageId, String detail, UUID counted, Integer lap) {

    public Anomaly(Type type, Integer car, String point, String trial, UUID passageId, String detail) {
        this(type, car, point, trial, passageId, detail, null, null);
    }

    public Anomaly(Type type, Integer car, String point, String trial, UUID passageId, String detail, UUID counted) {
        this(type, car, point, trial, passageId, detail, counted, null);
    }

    /**
     * {@code GPS_CROSSING}: a car has no counted crossing at a point a post times, but its GPS crossed the point's backup
     * line (docs/rules.md, A hose that missed): a suggestion, its {@code passageId} the voided GPS passage to restore.
     */
    public enum Type { UNKNOWN_CAR, UNKNOWN_POINT, DUPLICATE, MULTIPLE_CROSSINGS, AFTER_RETIREMENT, CO_UNRESOLVED, OUTSIDE_LAPS,
        LAP_LINE_MISSED, GPS_CROSSING }

    /** Does an anomaly need a person's decision, or did the system already handle it (a backup chronometer's crossing)? */
    public enum Severity { ACTION, INFO }

    /** Race direction marked an anomaly handled: with a note, who and when. */
    public record Handled(String note, String by, Instant at) {
    }

    public Severity severity() {
        return type == Type.DUPLICATE ? Severity.INFO : Severity.ACTION;
    }

    /** The same anomaly (type, car, point, trial, passage, and lap on a circuit) always has the same id, whatever else changes. */
    public String stableId() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((type + "|" + car + "|" + point + "|" + trial + "|" + passageId
                    + (lap == null ? "" : "|" + lap)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
