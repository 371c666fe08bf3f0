package io.regularity.route.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.regularity.support.FieldError;
import io.regularity.support.Phrase;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Sheet;

/**
 * One row of a race's sheet ({@link RaceSheet}), read cell by cell by column name: text, whole numbers, decimals (with a
 * decimal comma too), lists of numbers and dates. A cell that is not what its column holds is a fault naming the row and
 * the column, added to the reading's faults, and reads as empty.
 */
final class SheetRow {

    /** The row's number as the spreadsheet shows it (the header is row 1). */
    final int number;
    private final List<String> cells;
    /** The column of each name of the header. */
    private final Map<String, Integer> header;
    /** The sheet read, for the date system its serial dates count in. */
    private final Sheet sheet;
    private final List<FieldError> errors;

    SheetRow(List<String> cells, int number, Map<String, Integer> header, Sheet sheet, List<FieldError> errors) {
        this.cells = cells;
        this.number = number;
        this.header = header;
        this.sheet = sheet;
        this.errors = errors;
    }

    boolean blank() {
        return cells.stream().allMatch(String::isBlank);
    }

    void error(String column, Phrase phrase, Object... values) {
        errors.add(new FieldError("row " + number + "." + column, RoutePhrases.AT_ROW_COLUMN.with(number, column, phrase.with(values))));
    }

    String text(String column) {
        Integer i = header.get(column);
        if (i == null || i >= cells.size()) {
            return null;
        }
        String v = Csv.text(cells.get(i).trim());
        return v.isEmpty() ? null : v;
    }

    String isoDate(String column) {
        String v = text(column);
        return v == null ? null : sheet.isoDate(v);
    }

    Integer integer(String column) {
        String v = text(column);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.replace(',', '.')).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            error(column, RoutePhrases.WHOLE_NUMBER_NOT, v);
            return null;
        }
    }

    Long longValue(String column) {
        String v = text(column);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.replace(',', '.')).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            error(column, RoutePhrases.WHOLE_NUMBER_NOT, v);
            return null;
        }
    }

    Double decimal(String column) {
        String v = text(column);
        if (v == null) {
            return null;
        }
        try {
            return Double.valueOf(v.replace(',', '.'));
        } catch (NumberFormatException e) {
            error(column, RoutePhrases.DECIMAL_NOT, v);
            return null;
        }
    }

    /** What a sheet writes for yes and for no, in English and Italian, as the entry list's flags are read. */
    private static final Set<String> YES = Set.of("yes", "y", "true", "1", "x", "sì", "si", "s", "vero"),
            NO = Set.of("no", "n", "false", "0", "falso");

    /** A yes or no (yes, sì, true, 1; no, false, 0), null when empty; anything else a fault naming the cell. */
    Boolean flag(String column) {
        String v = text(column);
        if (v == null) {
            return null;
        }
        String said = v.toLowerCase(Locale.ROOT);
        if (YES.contains(said)) {
            return true;
        }
        if (NO.contains(said)) {
            return false;
        }
        error(column, RoutePhrases.YES_OR_NO_NOT, v);
        return null;
    }

    /** Values by band, as {@code HIGH=50; LOW=40} (a decimal comma too): averages. */
    Map<String, Double> decimalsByBand(String column) {
        return byBand(column, v -> Double.valueOf(v.replace(',', '.')));
    }

    /** Values by band, as {@code HIGH=95; LOW=110}: durations in whole minutes. */
    Map<String, Integer> integersByBand(String column) {
        return byBand(column, v -> new BigDecimal(v.replace(',', '.')).intValueExact());
    }

    private <T> Map<String, T> byBand(String column, Function<String, T> parse) {
        String v = text(column);
        if (v == null) {
            return null;
        }
        Map<String, T> values = new LinkedHashMap<>();
        for (String part : v.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            try {
                if (eq < 0) {
                    throw new NumberFormatException(part);
                }
                values.put(part.substring(0, eq).strip(), parse.apply(part.substring(eq + 1).strip()));
            } catch (NumberFormatException | ArithmeticException e) {
                error(column, RoutePhrases.BANDS_NOT, v);
                return null;
            }
        }
        return values;
    }

    /** Values by band as a cell: {@code HIGH=50; LOW=40}. */
    static String byBand(Map<String, ? extends Number> values) {
        if (values == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        values.forEach((band, value) -> parts.add(band + "=" + (value == null ? ""
                : new BigDecimal(value.toString()).stripTrailingZeros().toPlainString())));
        return String.join("; ", parts);
    }

    List<Integer> integers(String column) {
        String v = text(column);
        if (v == null) {
            return null;
        }
        List<Integer> values = new ArrayList<>();
        for (String part : v.trim().split("[\\s;]+")) {
            try {
                values.add(Integer.valueOf(part));
            } catch (NumberFormatException e) {
                error(column, RoutePhrases.WHOLE_NUMBERS_NOT, v);
                return null;
            }
        }
        return values;
    }
}
