package io.regularity.classification.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.regularity.classification.domain.Crew;
import io.regularity.support.FieldError;

/**
 * The entry list as CSV, with a header row: car,driver,driverFemale,codriver,codriverFemale,
 * carModel,carYear,coefficient,category,team (RFC 4180 quoting). Rows are numbered as a
 * spreadsheet numbers them: the header is row 1.
 */
public final class CrewCsv {

    public static final List<String> COLUMNS = List.of("car", "driver", "driverFemale", "codriver", "codriverFemale", "carModel",
            "carYear", "coefficient", "category", "team");

    public record Parsed(List<CrewInput> crews, List<String> rowNames, List<FieldError> errors) {
    }

    private CrewCsv() {
    }

    public static Parsed parse(String text) {
        List<List<String>> records = records(text);
        List<FieldError> errors = new ArrayList<>();
        List<CrewInput> crews = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (records.isEmpty()) {
            errors.add(new FieldError("row 1", "row 1: the header row is missing (" + String.join(",", COLUMNS) + ")"));
            return new Parsed(crews, names, errors);
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i).trim(), i);
        }
        for (String required : List.of("car", "driver", "coefficient")) {
            if (!index.containsKey(required)) {
                errors.add(new FieldError("row 1", "row 1: the header lacks the column " + required));
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(crews, names, errors);
        }
        for (int r = 1; r < records.size(); r++) {
            List<String> row = records.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            String name = "row " + (r + 1);
            List<FieldError> rowErrors = new ArrayList<>();
            Integer car = integer(cell(row, index, "car"), name, "car", rowErrors);
            Integer year = integer(cell(row, index, "carYear"), name, "carYear", rowErrors);
            BigDecimal coefficient = null;
            String c = cell(row, index, "coefficient");
            if (c != null) {
                try {
                    coefficient = new BigDecimal(c);
                } catch (NumberFormatException e) {
                    rowErrors.add(new FieldError(name + ".coefficient", name + ": coefficient must be a number such as 1.45"));
                }
            }
            CrewInput crew = new CrewInput(car, new Crew.Person(cell(row, index, "driver"), bool(cell(row, index, "driverFemale"))),
                    cell(row, index, "codriver") == null ? null
                            : new Crew.Person(cell(row, index, "codriver"), bool(cell(row, index, "codriverFemale"))),
                    cell(row, index, "carModel"), year, coefficient, cell(row, index, "category"), cell(row, index, "team"));
            if (rowErrors.isEmpty()) {
                rowErrors.addAll(crew.problems(name, true));
            }
            errors.addAll(rowErrors);
            crews.add(crew);
            names.add(name);
        }
        return new Parsed(crews, names, errors);
    }

    private static String cell(List<String> row, Map<String, Integer> index, String column) {
        Integer i = index.get(column);
        if (i == null || i >= row.size()) {
            return null;
        }
        String value = row.get(i).trim();
        return value.isEmpty() ? null : value;
    }

    private static Integer integer(String value, String row, String column, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(row + "." + column, row + ": " + column + " must be a whole number"));
            return null;
        }
    }

    private static Boolean bool(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes"));
    }

    /** RFC 4180 records: commas, double quotes ("" inside quotes), CRLF or LF. */
    public static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            any = true;
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                any = false;
            } else {
                field.append(ch);
            }
        }
        if (any) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    /** One CSV line of values, quoted where needed, ended by CRLF. */
    static String line(Object... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            line.append(i == 0 ? "" : ",").append(quote(values[i]));
        }
        return line.append("\r\n").toString();
    }

    /**
     * Quotes a value for CSV output when it needs it. Text that a spreadsheet would take for a formula
     * (starting with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe and quoted
     * (OWASP, CSV injection): a driver named {@code =HYPERLINK(…)} stays a name. Numbers are left alone.
     */
    public static String quote(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (value instanceof CharSequence && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "\"'" + s.replace("\"", "\"\"") + "\"";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
