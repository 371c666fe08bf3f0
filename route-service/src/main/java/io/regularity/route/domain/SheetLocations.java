package io.regularity.route.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.regularity.support.FieldError;
import io.regularity.support.Said;

/**
 * Where each element of a definition read from a sheet came from ({@link RaceSheet}), so that a fault
 * {@link RaceValidator} finds at a JSON path ({@code legs[0].trials[2].targetMs}) is said as the sheet's row and column
 * ("row 14, column targetMs: …").
 */
final class SheetLocations {

    /** The row of each element, by its JSON path (legs[0].trials[2]), to name the row of a validator's fault. */
    private final Map<String, Integer> rowOf = new HashMap<>();

    /** The element at this path ("" for the race itself) came from this row (null: from no row). */
    void put(String path, Integer row) {
        rowOf.put(path, row);
    }

    /** A validator's faults, said as the sheet's row and column. */
    List<FieldError> locate(List<FieldError> faults) {
        List<FieldError> located = new ArrayList<>();
        for (FieldError f : faults) {
            located.add(locate(f));
        }
        return located;
    }

    private FieldError locate(FieldError fault) {
        String path = fault.field() == null ? "" : fault.field();
        // the longest element path the fault's path starts with: legs[0].trials[2].detections[1], legs[0].trials[2], legs[0], …
        String element = "";
        for (String known : rowOf.keySet()) {
            if (rowOf.get(known) != null && (path.equals(known) || path.startsWith(known + ".")) && known.length() >= element.length()) {
                element = known;
            }
        }
        Integer row = rowOf.get(element);
        String rest = path.equals(element) ? "" : path.substring(element.isEmpty() ? 0 : element.length() + 1);
        if (rest.startsWith("virtual.") && RaceSheet.COLUMNS.contains(rest.substring("virtual.".length()))) {
            rest = rest.substring("virtual.".length()); // a point's virtual line is on the point's row: lat, lon, bearingDeg, widthM
        }
        String column = RaceSheet.COLUMNS.contains(rest) ? rest : rest.isEmpty() ? null : rest.replaceAll("\\[\\d+]", "");
        if (column != null && column.indexOf('.') > 0 && RaceSheet.COLUMNS.contains(column.substring(0, column.indexOf('.')))) {
            column = column.substring(0, column.indexOf('.')); // a band's value: the cell of the column that holds them all
        }
        // a list's column is said as the rows that make it up
        Object shown = column == null || RaceSheet.COLUMNS.contains(column) ? column : switch (column) {
            case "timingPoints" -> RoutePhrases.COLUMN_POINT_ROWS;
            case "detections" -> RoutePhrases.COLUMN_DETECTION_ROWS;
            case "legs" -> RoutePhrases.COLUMN_LEG_ROWS;
            default -> column;
        };
        if (shown instanceof RoutePhrases phrase) {
            column = phrase.english();
        }
        Said where = row == null ? fault.said()
                : column == null ? RoutePhrases.AT_ROW.with(row, fault.said()) : RoutePhrases.AT_ROW_COLUMN.with(row, shown, fault.said());
        return new FieldError(row == null ? path : "row " + row + (column == null ? "" : "." + column), where);
    }
}
