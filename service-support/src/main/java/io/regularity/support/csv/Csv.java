package io.regularity.support.csv;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.regularity.support.SupportPhrases;

/**
 * CSV as spreadsheets write and read it, for every import and export of the services: read by
 * jackson-dataformat-csv (RFC 4180 quoting, CRLF or LF, a UTF-8 byte-order mark dropped, {@code ;} or {@code ,} as the
 * header row says), written with a byte-order mark first so that Excel reads accents right, and every text cell a
 * spreadsheet would take for a formula neutralised (OWASP, CSV injection).
 */
public final class Csv {

    /** The UTF-8 byte-order mark: dropped on import, written first on export. */
    public static final String BOM = "\uFEFF";

    private static final ObjectReader READER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).readerFor(String[].class);

    private Csv() {
    }

    /**
     * The records of a CSV text. The separator is the header row's: {@code ;} when it has more semicolons than commas
     * (what Excel writes where the decimal separator is a comma, as in Italy), else {@code ,}. An unclosed quote is an
     * {@link IllegalArgumentException} naming the row, numbered as a spreadsheet numbers it (the header is row 1).
     */
    public static List<List<String>> records(String text) {
        String body = withoutBom(text);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator(body)).withoutEscapeChar();
        List<List<String>> records = new ArrayList<>();
        try (MappingIterator<String[]> rows = READER.with(schema).readValues(body)) {
            while (rows.hasNextValue()) {
                records.add(List.of(rows.nextValue()));
            }
        } catch (IOException | RuntimeException e) {
            throw new Unreadable(SupportPhrases.CSV_UNREADABLE.with(records.size() + 1));
        }
        return records;
    }

    public static String withoutBom(String text) {
        return text.startsWith(BOM) ? text.substring(1) : text;
    }

    /** The header row's separator: {@code ;} when it has more of them than commas. */
    public static char separator(String text) {
        String body = withoutBom(text);
        int end = body.indexOf('\n');
        String header = end < 0 ? body : body.substring(0, end);
        long semicolons = header.chars().filter(c -> c == ';').count();
        long commas = header.chars().filter(c -> c == ',').count();
        return semicolons > commas ? ';' : ',';
    }

    /**
     * One comma-separated line of values, each quoted where it needs it, ended by CRLF. Written here rather than by
     * the CSV library, which quotes a cell for its characters only: a text a spreadsheet would run as a formula
     * (starting with =, +, -, @, a tab or a carriage return) must be quoted and prefixed with an apostrophe
     * whatever it holds, so a driver named {@code =HYPERLINK(…)} stays a name. Numbers are left alone.
     */
    public static String line(Object... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            line.append(i == 0 ? "" : ",").append(cell(values[i]));
        }
        return line.append("\r\n").toString();
    }

    /**
     * A cell's text as it was before {@link #cell} neutralised it: the apostrophe before a formula-like text dropped
     * (Excel drops it too when it saves), so what is exported and imported again is what it was.
     */
    public static String text(String cell) {
        return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }

    /** One value as a CSV cell: empty for null, quoted when needed, a formula-like text neutralised. */
    public static String cell(Object value) {
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
