package io.regularity.support.csv;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.regularity.support.SupportPhrases;

/**
 * One sheet of an Excel workbook (.xlsx, Office Open XML), as the services import and export tables: written with text
 * and numbers in the first sheet, read from the first sheet as rows of cells, each cell the text a spreadsheet shows
 * (shared or inline strings, numbers without float noise, TRUE/FALSE), rows numbered as the spreadsheet numbers them,
 * with the workbook's date system ({@link Sheet}). Written here rather than with Apache POI: one sheet of text and
 * numbers is a few XML files in a zip, and POI would bring some twenty megabytes of dependencies for it. The XML is read without DTDs or external entities, and a
 * workbook larger than {@link #MAX_BYTES} unpacked is refused.
 */
public final class Xlsx {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Far beyond any race's definition or entry list (the 1000 Miglia's route is some 300 kB of sheet XML). */
    static final long MAX_BYTES = 32L * 1024 * 1024;
    /** Excel's last row: an address past it is no spreadsheet's. */
    static final int MAX_ROWS = 1_048_576;
    /** Excel's last column, XFD. */
    static final int MAX_COLUMNS = 16_384;
    /**
     * The most cells a sheet may hold, counting each row up to its last cell as a caller walks it (the rows between cost
     * nothing): some 45 times the 1000 Miglia's route (its template: 548 rows of 39 columns) and 50 times the largest
     * entry list (2,000 crews of 10 columns); it bounds what a caller walks, and what the office's preview answers.
     */
    static final int MAX_CELLS = 1_000_000;

    private Xlsx() {
    }

    /** A workbook of one sheet; a cell is a {@link Number} (written as a number), text, or null (left empty). */
    public static byte[] write(String sheetName, List<List<Object>> rows) {
        return SheetWriter.write(sheetName, rows);
    }

    /**
     * The first sheet, with the workbook's date system, and its rows numbered as the spreadsheet numbers them (index 0 is
     * row 1; an empty row is an empty list), each cell as text ("" for an empty one). The lists are read-only and hold
     * only the cells with text, so a lone cell at row 1,048,576 costs one cell, not a million rows; a caller walking them
     * skips an empty row cheaply. An {@link IllegalArgumentException} says what is wrong with a file that is not a
     * workbook, with an address past Excel's last row or column, or with a sheet of more than {@link #MAX_CELLS} cells.
     */
    public static Sheet read(byte[] workbook) {
        Map<String, byte[]> parts = unzip(workbook);
        String sheetPath = firstSheet(parts);
        byte[] sheet = parts.get(sheetPath);
        if (sheet == null) {
            throw new Unreadable(SupportPhrases.NOT_A_WORKBOOK.with(SupportPhrases.NO_SHEET));
        }
        List<String> shared = parts.containsKey("xl/sharedStrings.xml") ? sharedStrings(parts.get("xl/sharedStrings.xml")) : List.of();
        return new Sheet(rows(sheet, shared), date1904(parts.get("xl/workbook.xml")));
    }

    /** Whether these bytes are a zip (an .xlsx is one): what a body must start with to be read as a workbook. */
    public static boolean looksLikeWorkbook(byte[] body) {
        return body != null && body.length > 4 && body[0] == 'P' && body[1] == 'K';
    }

    private static Map<String, byte[]> unzip(byte[] workbook) {
        Map<String, byte[]> parts = new HashMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(workbook), StandardCharsets.UTF_8)) {
            ZipEntry e;
            byte[] buffer = new byte[65536];
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                boolean wanted = name.equals("xl/workbook.xml") || name.equals("xl/_rels/workbook.xml.rels")
                        || name.equals("xl/sharedStrings.xml") || name.startsWith("xl/worksheets/") && name.endsWith(".xml");
                ByteArrayOutputStream part = new ByteArrayOutputStream();
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw new Unreadable(SupportPhrases.WORKBOOK_TOO_LARGE.with(MAX_BYTES / (1024 * 1024)));
                    }
                    if (wanted) {
                        part.write(buffer, 0, n);
                    }
                }
                if (wanted) {
                    parts.put(name, part.toByteArray());
                }
            }
        } catch (IOException e) {
            throw new Unreadable(SupportPhrases.NOT_A_WORKBOOK.with(e.getMessage()));
        }
        if (!parts.containsKey("xl/workbook.xml")) {
            throw new Unreadable(SupportPhrases.NOT_A_WORKBOOK.with(SupportPhrases.SAVE_AS_XLSX));
        }
        return parts;
    }

    /** The path of the workbook's first sheet, from workbook.xml and its relationships. */
    private static String firstSheet(Map<String, byte[]> parts) {
        String rid = null;
        Map<String, String> targets = new HashMap<>();
        try {
            XMLStreamReader x = reader(parts.get("xl/workbook.xml"));
            while (x.hasNext() && rid == null) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("sheet")) {
                    for (int i = 0; i < x.getAttributeCount(); i++) {
                        if (x.getAttributeLocalName(i).equals("id")) {
                            rid = x.getAttributeValue(i);
                        }
                    }
                }
            }
            byte[] rels = parts.get("xl/_rels/workbook.xml.rels");
            if (rels != null) {
                XMLStreamReader r = reader(rels);
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Relationship")) {
                        targets.put(r.getAttributeValue(null, "Id"), r.getAttributeValue(null, "Target"));
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new Unreadable(SupportPhrases.NOT_A_WORKBOOK.with(e.getMessage()));
        }
        String target = rid == null ? null : targets.get(rid);
        if (target == null) {
            return "xl/worksheets/sheet1.xml";
        }
        return target.startsWith("/") ? target.substring(1) : "xl/" + target;
    }

    /** Whether the workbook counts its dates in the 1904 system: {@code <workbookPr date1904="1"/>} (or "true"). */
    private static boolean date1904(byte[] workbookXml) {
        try {
            XMLStreamReader x = reader(workbookXml);
            while (x.hasNext()) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("workbookPr")) {
                    String value = x.getAttributeValue(null, "date1904");
                    return value != null && (value.trim().equals("1") || value.trim().equals("true"));
                }
            }
        } catch (XMLStreamException e) {
            throw new Unreadable(SupportPhrases.NOT_A_WORKBOOK.with(e.getMessage()));
        }
        return false;
    }

    private static List<String> sharedStrings(byte[] xml) {
        List<String> strings = new ArrayList<>();
        try {
            XMLStreamReader x = reader(xml);
            StringBuilder current = null;
            boolean inPhonetic = false;
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "si" -> current = new StringBuilder();
                        case "rPh" -> inPhonetic = true;
                        case "t" -> {
                            String text = x.getElementText();
                            if (current != null && !inPhonetic) {
                                current.append(text);
                            }
                        }
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (x.getLocalName().equals("si") && current != null) {
                        strings.add(current.toString());
                        current = null;
                    } else if (x.getLocalName().equals("rPh")) {
                        inPhonetic = false;
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new Unreadable(SupportPhrases.SHARED_STRINGS_UNREADABLE.with(e.getMessage()));
        }
        return strings;
    }

    private static List<List<String>> rows(byte[] xml, List<String> shared) {
        SheetGrid grid = new SheetGrid();
        try {
            XMLStreamReader x = reader(xml);
            String ref = null;
            String type = null;
            String value = null;
            StringBuilder inline = null;
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "row" -> grid.row(x.getAttributeValue(null, "r"));
                        case "c" -> {
                            ref = x.getAttributeValue(null, "r");
                            type = x.getAttributeValue(null, "t");
                            value = null;
                            inline = null;
                        }
                        case "v" -> value = x.getElementText();
                        case "t" -> { // a run of an inline string: appended, not copied with the runs before it
                            inline = inline == null ? new StringBuilder() : inline;
                            inline.append(x.getElementText());
                        }
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "c" -> grid.cell(ref, cell(type, value, inline == null ? null : inline.toString(), shared));
                        case "row" -> grid.endRow();
                        default -> { }
                    }
                }
            }
        } catch (XMLStreamException | NumberFormatException e) {
            throw unreadable(e.getMessage() == null ? "?" : e.getMessage());
        }
        return grid.rows();
    }

    static Unreadable unreadable(Object why) {
        return new Unreadable(SupportPhrases.SHEET_UNREADABLE.with(why));
    }

    private static String cell(String type, String value, String inline, List<String> shared) {
        if ("s".equals(type)) {
            int i = value == null ? -1 : Integer.parseInt(value.trim());
            return i >= 0 && i < shared.size() ? shared.get(i) : "";
        }
        if ("inlineStr".equals(type)) {
            return inline == null ? "" : inline;
        }
        if ("b".equals(type)) {
            return "1".equals(value) ? "TRUE" : "FALSE";
        }
        if ("str".equals(type) || "e".equals(type)) {
            return value == null ? "" : value;
        }
        if (value == null || value.isBlank()) {
            return "";
        }
        if (value.length() > 100) { // no number a spreadsheet writes (a double is 24 characters); a million digits cost BigDecimal 15 s
            return value;
        }
        try { // a number, as the spreadsheet shows it: 1.8, not 1.8000000000000000444
            BigDecimal number = new BigDecimal(value.trim()).round(new MathContext(15)).stripTrailingZeros();
            // a double ends near 1.8E308 and 4.9E-324: past them no spreadsheet wrote it, and 1E999999999 is a gigabyte of zeros
            return Math.abs(number.scale()) > 400 ? value : number.toPlainString();
        } catch (NumberFormatException | ArithmeticException e) { // ArithmeticException: 100E2147483647's scale overflows
            return value;
        }
    }

    /** A cell reference's column, from 0: B7 is 1. A reference is capital letters, then its row's number. */
    static int columnIndex(String ref) {
        int letters = 0;
        int col = 0;
        while (letters < ref.length() && ref.charAt(letters) >= 'A' && ref.charAt(letters) <= 'Z') {
            if (col <= MAX_COLUMNS) { // past it the exact number no longer matters (and would overflow)
                col = col * 26 + ref.charAt(letters) - 'A' + 1;
            }
            letters++;
        }
        long number = rowNumber(ref, letters);
        if (letters == 0 || number == 0) {
            throw unreadable(SupportPhrases.CELL_NOT_A_REFERENCE.with(ref));
        }
        if (col > MAX_COLUMNS) {
            throw unreadable(SupportPhrases.CELL_PAST_LAST_COLUMN.with(ref));
        }
        if (number > MAX_ROWS) {
            throw unreadable(SupportPhrases.CELL_PAST_LAST_ROW.with(ref));
        }
        return col - 1;
    }

    /** The row number an address writes from {@code at} on (past {@link #MAX_ROWS}: just past it), or 0 if it is none. */
    static long rowNumber(String address, int at) {
        long number = 0;
        for (int i = at; i < address.length(); i++) {
            char ch = address.charAt(i);
            if (ch < '0' || ch > '9' || ch == '0' && i == at) { // no sign, no space, no leading zero
                return 0;
            }
            number = Math.min(number * 10 + ch - '0', MAX_ROWS + 1L);
        }
        return number;
    }

    /** A column's letters, from 0: 27 is AB. */
    static String column(int index) {
        StringBuilder letters = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            letters.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return letters.toString();
    }

    private static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory.createXMLStreamReader(new ByteArrayInputStream(xml));
    }

}
