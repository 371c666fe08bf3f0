package io.regularity.classification.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.Crew;
import io.regularity.support.FieldError;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Unreadable;

/**
 * The entry list as CSV, with a header row: car,driver,driverFemale,codriver,codriverFemale,
 * carModel,carYear,coefficient,category,team,driverLicence,codriverLicence,band (RFC 4180 quoting), comma- or semicolon-separated, with or without a
 * UTF-8 byte-order mark. Rows are numbered as a spreadsheet numbers them: the header is row 1.
 */
public final class CrewCsv {

    public static final List<String> COLUMNS = List.of("car", "driver", "driverFemale", "codriver", "codriverFemale", "carModel",
            "carYear", "coefficient", "category", "team", "driverLicence", "codriverLicence", "band");

    /** What a spreadsheet writes for yes, in English and Italian. */
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y", "x", "vero", "sì", "si", "s");

    /** How a row is named in a field's path: "row 4", the header being row 1. */
    private static final String ROW = "row ";

    public record Parsed(List<CrewInput> crews, List<String> rowNames, List<FieldError> errors) {
    }

    private CrewCsv() {
    }

    public static Parsed parse(String text) {
        List<FieldError> errors = new ArrayList<>();
        List<CrewInput> crews = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (text.indexOf('\uFFFD') >= 0) {
            errors.add(new FieldError("", ClassificationPhrases.FILE_NOT_UTF8));
            return new Parsed(crews, names, errors);
        }
        String body = Csv.withoutBom(text);
        List<List<String>> records;
        try {
            records = Csv.records(body);
        } catch (Unreadable e) {
            errors.add(new FieldError("", e.said));
            return new Parsed(crews, names, errors);
        }
        return parse(records, Csv.separator(body) == ';');
    }

    /**
     * The crews of a sheet's rows (row 1 the header), from CSV or from an Excel workbook; {@code decimalComma}: the
     * coefficients may have a decimal comma (a sheet saved where that is the decimal separator).
     */
    public static Parsed parse(List<List<String>> records, boolean decimalComma) {
        List<FieldError> errors = new ArrayList<>();
        List<CrewInput> crews = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (records.isEmpty()) {
            errors.add(new FieldError("row 1", ClassificationPhrases.HEADER_MISSING, String.join(",", COLUMNS)));
            return new Parsed(crews, names, errors);
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i).trim(), i);
        }
        for (String required : List.of("car", "driver", "coefficient")) {
            if (!index.containsKey(required)) {
                errors.add(new FieldError("row 1", ClassificationPhrases.HEADER_LACKS, required));
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(crews, names, errors);
        }
        for (int r = 1; r < records.size(); r++) {
            List<String> row = records.get(r);
            if (row.isEmpty() || row.stream().allMatch(String::isBlank)) {
                continue; // an empty line, ;;;;;;;;; as Excel writes an empty row, or a row a workbook skips (a million cost nothing)
            }
            String name = ROW + (r + 1);
            List<FieldError> rowErrors = new ArrayList<>();
            Integer car = integer(cell(row, index, "car"), name, "car", rowErrors);
            Integer year = integer(cell(row, index, "carYear"), name, "carYear", rowErrors);
            BigDecimal coefficient = null;
            String c = cell(row, index, "coefficient");
            if (c != null && (decimalComma || c.indexOf('.') < 0)) {
                c = c.replace(',', '.'); // 1,45 where the separator is ; (or in a workbook cell typed as text)
            }
            if (c != null) {
                try {
                    coefficient = new BigDecimal(c);
                } catch (NumberFormatException e) {
                    rowErrors.add(new FieldError(name + ".coefficient",
                            ClassificationPhrases.IN_ROW.with(spoken(name), "coefficient", ClassificationPhrases.COEFFICIENT_NOT_NUMBER)));
                }
            }
            CrewInput crew = new CrewInput(car,
                    new Crew.Person(cell(row, index, "driver"), bool(cell(row, index, "driverFemale")), cell(row, index, "driverLicence")),
                    cell(row, index, "codriver") == null ? null
                            : new Crew.Person(cell(row, index, "codriver"), bool(cell(row, index, "codriverFemale")),
                                    cell(row, index, "codriverLicence")),
                    cell(row, index, "carModel"), year, coefficient, cell(row, index, "category"), cell(row, index, "team"),
                    cell(row, index, "band"));
            if (rowErrors.isEmpty()) {
                rowErrors.addAll(crew.problems(name, true));
            }
            errors.addAll(rowErrors);
            crews.add(crew);
            names.add(name);
        }
        return new Parsed(crews, names, errors);
    }

    /** The entry list as rows for a sheet: the header ({@link #COLUMNS}), then one row per crew. */
    public static List<List<Object>> rows(List<Crew> crews) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(COLUMNS));
        for (Crew c : crews) {
            rows.add(Arrays.asList(c.car(), c.driver() == null ? null : c.driver().name(), c.driver() != null && c.driver().isFemale(),
                    c.codriver() == null ? null : c.codriver().name(), c.codriver() == null ? null : c.codriver().isFemale(), c.carModel(),
                    c.carYear(), c.coefficient(), c.category(), c.team(), c.driver() == null ? null : c.driver().licence(),
                    c.codriver() == null ? null : c.codriver().licence(), c.band()));
        }
        return rows;
    }

    private static String cell(List<String> row, Map<String, Integer> index, String column) {
        Integer i = index.get(column);
        if (i == null || i >= row.size()) {
            return null;
        }
        String value = Csv.text(row.get(i).trim());
        return value.isEmpty() ? null : value;
    }

    private static Integer integer(String value, String row, String column, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(row + "." + column, ClassificationPhrases.IN_ROW.with(spoken(row), column, ClassificationPhrases.WHOLE_NUMBER)));
            return null;
        }
    }

    /**
     * A row's or an item's name as a person reads it in an error: "row 4" in the reader's language ("riga 4"); an
     * array's "[3]" as it is.
     */
    static Object spoken(String name) {
        return name.startsWith(ROW) ? ClassificationPhrases.ROW.with(name.substring(ROW.length())) : name;
    }

    private static Boolean bool(String value) {
        return value != null && TRUE.contains(value.toLowerCase(Locale.ROOT));
    }

}
