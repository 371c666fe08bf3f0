package io.regularity.support.csv;

import java.time.LocalDate;
import java.util.List;

/**
 * A sheet as the imports read it: its rows (index 0 is row 1, each cell as text) and the date system its serial dates
 * count in. Excel keeps a date typed into a cell as a number of days, counted from 1899-12-30 in the 1900 system (its
 * default: serial 1 is 1900-01-01, and Excel counts a 29 February 1900) or from 1904-01-01 in the 1904 system (older
 * Excel for the Mac, {@code date1904} in the workbook): read in the wrong one, every date is four years and a day off,
 * so the system travels with the rows to whoever turns a serial into a date.
 */
public record Sheet(List<List<String>> rows, boolean date1904) {

    private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 30);
    private static final LocalDate EPOCH_1904 = LocalDate.of(1904, 1, 1);

    /** Rows with no date system of their own (CSV): a serial date counts as in Excel's default, the 1900 system. */
    public static Sheet of(List<List<String>> rows) {
        return new Sheet(rows, false);
    }

    /** A serial date (a whole number of days, as a date typed into Excel is kept) as an ISO date; other text as it is. */
    public String isoDate(String cell) {
        if (cell == null || !cell.matches("\\d{4,6}(\\.0+)?")) {
            return cell;
        }
        return (date1904 ? EPOCH_1904 : EPOCH_1900).plusDays(Long.parseLong(cell.replaceAll("\\..*", ""))).toString();
    }
}
