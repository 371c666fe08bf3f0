package io.regularity.classification.rest.view;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.regularity.classification.domain.Anomaly;
import io.regularity.classification.domain.Evidence;
import io.regularity.classification.domain.PassageRecord;
import io.regularity.support.Lang;

/**
 * What a crossing that did not count and an anomaly say to a person, in the reader's language (Italian or English): the
 * API keeps the codes and ids for machines ({@code type}, {@code passageId}, {@code detail}, {@code reason}) and adds
 * these words. A passage is named by its time and its device, never by its id.
 */
public final class Words {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    /** A moment as a crew reads it against its stopwatch: the time of day to the millisecond, in the race's zone. */
    static String localTime(Instant at, ZoneId zone) {
        return LOCAL.format(at.atZone(zone));
    }

    /** Each anomaly's words, by language: {car}, {point}, {trial}, {lap}, {passage} (its time and device) and {counted}. */
    static final Map<Anomaly.Type, Map<Lang, String>> ANOMALIES = new EnumMap<>(Anomaly.Type.class);

    static {
        put(Anomaly.Type.UNKNOWN_CAR, "a passage of car {car} at {point}, {passage}: the car is not on the entry list",
                "passaggio della vettura {car} a {point}, {passage}: la vettura non è tra gli iscritti");
        put(Anomaly.Type.UNKNOWN_POINT, "a passage at {point}, {passage}: a point the route does not know",
                "passaggio a {point}, {passage}: un punto che il percorso non conosce");
        put(Anomaly.Type.DUPLICATE, "{passage} at {point} repeats {counted}, {apart} later: {which}",
                "{passage} a {point} ripete {counted}, {apart} dopo: {which}");
        put(Anomaly.Type.MULTIPLE_CROSSINGS, "{passage} at {point}: a further crossing, {apart} after {counted}; only the first crossing of a point counts",
                "{passage} a {point}: un nuovo passaggio, {apart} dopo {counted}; conta solo il primo passaggio di un punto");
        put(Anomaly.Type.AFTER_RETIREMENT, "{passage} at {point}: after the crew was retired", "{passage} a {point}: dopo il ritiro dell'equipaggio");
        put(Anomaly.Type.CO_UNRESOLVED, "{trial}: no passage at its reference point, so it cannot be scored and counts 0",
                "{trial}: nessun passaggio al suo punto di riferimento, quindi non si può calcolare e vale 0");
        put(Anomaly.Type.OUTSIDE_LAPS, "{passage} at {point}: outside the laps, it counts for nothing",
                "{passage} a {point}: fuori dai giri, non conta");
        put(Anomaly.Type.GPS_CROSSING, "Car {car} has no crossing at {point}; its GPS crossed at {gps}",
                "La vettura {car} non ha passaggi a {point}; il suo GPS è passato alle {gps}");
        put(Anomaly.Type.LAP_LINE_MISSED, "lap {lap}: the crossing of the lap line at {point} seems missed",
                "giro {lap}: il passaggio sulla linea del giro a {point} sembra mancato");
    }

    private static void put(Anomaly.Type type, String en, String it) {
        ANOMALIES.put(type, Map.of(Lang.EN, en, Lang.IT, it));
    }

    private Words() {
    }

    /**
     * An anomaly in words. {@code passage} and {@code counted} are the passages it names (null when unknown: the words
     * then say less, never an id).
     */
    public static String anomaly(Anomaly a, PassageRecord passage, PassageRecord counted, ZoneId zone, Lang lang) {
        String apart = passage == null || counted == null ? "" : apart(passage, counted, lang);
        boolean backup = passage != null && counted != null && passage.device() != null && !passage.device().equals(counted.device());
        String which = lang == Lang.IT ? (backup ? "un cronometro di riserva, non conta" : "lo stesso cronometro, non conta")
                : (backup ? "a backup chronometer, it does not count" : "the same chronometer, it does not count");
        return ANOMALIES.get(a.type()).get(lang).replace("{car}", String.valueOf(a.car())).replace("{point}", String.valueOf(a.point()))
                .replace("{trial}", String.valueOf(a.trial())).replace("{lap}", String.valueOf(a.lap()))
                .replace("{passage}", named(passage, zone, lang)).replace("{counted}", counted(counted, zone, lang))
                .replace("{apart}", apart).replace("{which}", which).replace("{gps}", gps(passage, zone, lang));
    }

    /**
     * A GPS crossing's evidence in words: "GPS: between 10:00:00.000 (2 m) and 10:00:01.000 (3 m), 36.5 % of the way →
     * 10:00:00.365 ± 25 ms (positions ± 150 ms)"; the fixes' accuracies and the uncertainties left out when not said. Null
     * for a passage without evidence.
     */
    public static String evidence(PassageRecord p, ZoneId zone, Lang lang) {
        Evidence e = p == null ? null : p.evidence();
        if (e == null) {
            return null;
        }
        boolean it = lang == Lang.IT;
        String fraction = e.fraction() == null ? "" : ", " + (it ? "al " : "") + number(e.fraction() * 100, lang) + " %"
                + (it ? " del tratto" : " of the way");
        return "GPS: " + (it ? "tra le " : "between ") + fix(e.before(), zone, lang) + (it ? " e le " : " and ") + fix(e.after(), zone, lang)
                + fraction + " → " + gps(p, zone, lang);
    }

    /** A GPS crossing's time and how good it is: "10:00:00.365 ± 25 ms (positions ± 150 ms)". */
    static String gps(PassageRecord p, ZoneId zone, Lang lang) {
        if (p == null) {
            return "?";
        }
        String time = localTime(p.time(), zone);
        String precision = p.precisionMs() == null ? "" : " ± " + number(p.precisionMs(), lang) + " ms";
        String positions = p.clockUncertaintyMs() == null ? ""
                : " (" + (lang == Lang.IT ? "posizioni" : "positions") + " ± " + number(p.clockUncertaintyMs(), lang) + " ms)";
        return time + precision + positions;
    }

    private static String fix(Evidence.EvidenceFix f, ZoneId zone, Lang lang) {
        if (f == null || f.time() == null) {
            return "?";
        }
        return localTime(f.time(), zone) + (f.accuracyM() == null ? "" : " (" + number(f.accuracyM(), lang) + " m)");
    }

    /** A number to a tenth at most, as the language writes it: 25, 36.5 (36,5 in Italian), 0.2. */
    static String number(double value, Lang lang) {
        double tenths = Math.round(value * 10) / 10.0;
        String text = tenths == Math.rint(tenths) ? String.valueOf((long) tenths) : String.valueOf(tenths);
        return lang == Lang.IT ? text.replace('.', ',') : text;
    }

    /** Why a passage at a trial's points did not count: voided (by whom and why), or what its anomaly says. */
    public static String ignored(PassageRecord p, Anomaly anomaly, PassageRecord counted, ZoneId zone, Lang lang) {
        if (p.voided() != null) {
            return (lang == Lang.IT ? "annullato da " : "voided by ") + p.voided().by() + ": “" + p.voided().reason() + "”";
        }
        if (anomaly == null) {
            return lang == Lang.IT ? "non conteggiato: a " + p.point() + " è conteggiato un altro passaggio"
                    : "not counted: another passage at " + p.point() + " counted";
        }
        return anomaly(anomaly, p, counted, zone, lang);
    }

    /** A passage as a person knows it: its time (in the race's zone) and its device. */
    static String named(PassageRecord p, ZoneId zone, Lang lang) {
        return p == null ? (lang == Lang.IT ? "un passaggio" : "a passage")
                : (lang == Lang.IT ? "il passaggio delle " : "the passage at ") + timeAndDevice(p, zone);
    }

    /** The passage that counted, as the words refer back to it: "the one at 10:00:00.000 (tk-M)". */
    static String counted(PassageRecord p, ZoneId zone, Lang lang) {
        return p == null ? (lang == Lang.IT ? "un altro passaggio" : "another passage")
                : (lang == Lang.IT ? "quello delle " : "the one at ") + timeAndDevice(p, zone);
    }

    /** "10:00:00.376 (tk-M)": its official time in the race's zone, and the device that took it. */
    private static String timeAndDevice(PassageRecord p, ZoneId zone) {
        return localTime(p.officialTime(), zone) + (p.device() == null ? "" : " (" + p.device() + ")");
    }

    private static String apart(PassageRecord later, PassageRecord first, Lang lang) {
        long ms = Math.abs(Duration.between(first.officialTime(), later.officialTime()).toMillis());
        if (ms < 10_000) {
            return ms + " ms";
        }
        String seconds = String.format(lang == Lang.IT ? Locale.ITALY : Locale.ROOT, "%.1f", ms / 1000.0);
        return seconds + " s";
    }
}
