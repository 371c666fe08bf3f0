package io.regularity.support.csv;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

import io.regularity.support.SupportPhrases;

/**
 * A sheet's cells as they are read, keeping only those with text: a row or a cell the sheet skips (or leaves empty)
 * costs nothing, however far the next one is. Rows and cells come in order, as the format has them, each inside the
 * limits of {@link Xlsx#MAX_ROWS} and {@link Xlsx#MAX_COLUMNS}; a row or a cell without its address is the one after the last.
 */
final class SheetGrid {

    private int[] rowIndexes = new int[16];
    private Cells[] rows = new Cells[16];
    private int rowCount;
    /** Cells a caller walks, so far: each row up to its last cell, the empty ones before it included. */
    private long walked;
    /** The row being read (from 0), or the last one read; -1 before the first. */
    private int row = -1;
    private boolean inRow;
    /** The last cell read in this row (from 0), -1 before the first. */
    private int column;
    private int[] columns = new int[16];
    private String[] values = new String[16];
    private int cellCount;

    void row(String r) {
        endRow();
        long number = r == null ? row + 2 : Xlsx.rowNumber(r, 0);
        if (number == 0) {
            throw Xlsx.unreadable(SupportPhrases.ROW_NOT_A_NUMBER.with(r));
        }
        if (number > Xlsx.MAX_ROWS) {
            throw Xlsx.unreadable(SupportPhrases.ROW_PAST_LAST.with(r == null ? number : r));
        }
        int index = (int) number - 1;
        if (index <= row) {
            throw Xlsx.unreadable(SupportPhrases.ROW_OUT_OF_ORDER.with(index + 1, row + 1));
        }
        row = index;
        inRow = true;
        column = -1;
        cellCount = 0;
    }

    void cell(String ref, String value) {
        if (!inRow) {
            return;
        }
        int index = ref == null ? column + 1 : Xlsx.columnIndex(ref);
        if (index >= Xlsx.MAX_COLUMNS) {
            throw Xlsx.unreadable(SupportPhrases.CELL_PAST_LAST_COLUMN.with(Xlsx.column(index) + (row + 1)));
        }
        if (index <= column) {
            throw Xlsx.unreadable(SupportPhrases.CELL_OUT_OF_ORDER.with(ref, Xlsx.column(column) + (row + 1)));
        }
        column = index;
        if (value.isEmpty()) {
            return;
        }
        if (cellCount == columns.length) {
            columns = Arrays.copyOf(columns, cellCount * 2);
            values = Arrays.copyOf(values, cellCount * 2);
        }
        columns[cellCount] = index;
        values[cellCount++] = value;
    }

    void endRow() {
        if (!inRow) {
            return;
        }
        inRow = false;
        if (cellCount == 0) {
            return;
        }
        walked += columns[cellCount - 1] + 1;
        if (walked > Xlsx.MAX_CELLS) {
            throw Xlsx.unreadable(SupportPhrases.TOO_MANY_CELLS.with());
        }
        if (rowCount == rowIndexes.length) {
            rowIndexes = Arrays.copyOf(rowIndexes, rowCount * 2);
            rows = Arrays.copyOf(rows, rowCount * 2);
        }
        rowIndexes[rowCount] = row;
        rows[rowCount++] = new Cells(Arrays.copyOf(columns, cellCount), Arrays.copyOf(values, cellCount));
    }

    List<List<String>> rows() {
        endRow();
        return new Rows(Arrays.copyOf(rowIndexes, rowCount), Arrays.copyOf(rows, rowCount));
    }

    /** A sheet's rows by index (row 1 at 0), holding only those with text: a row between them reads as empty. Read-only. */
    private static final class Rows extends AbstractList<List<String>> implements RandomAccess {
        private final int[] indexes;
        private final Cells[] rows;

        Rows(int[] indexes, Cells[] rows) {
            this.indexes = indexes;
            this.rows = rows;
        }

        @Override
        public int size() {
            return indexes.length == 0 ? 0 : indexes[indexes.length - 1] + 1;
        }

        @Override
        public List<String> get(int index) {
            Objects.checkIndex(index, size());
            int at = Arrays.binarySearch(indexes, index);
            return at >= 0 ? rows[at] : List.of();
        }
    }

    /** A row's cells by column (A at 0), holding only those with text: a cell between them reads as "". Read-only. */
    private static final class Cells extends AbstractList<String> implements RandomAccess {
        private final int[] columns;
        private final String[] values;

        Cells(int[] columns, String[] values) {
            this.columns = columns;
            this.values = values;
        }

        @Override
        public int size() {
            return columns[columns.length - 1] + 1;
        }

        @Override
        public String get(int index) {
            Objects.checkIndex(index, size());
            int at = Arrays.binarySearch(columns, index);
            return at >= 0 ? values[at] : "";
        }
    }
}
