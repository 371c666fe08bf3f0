package io.regularity.support.csv;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One sheet of an Excel workbook (.xlsx, Office Open XML), as the services import and export tables: written with text
 * and numbers in the first sheet, read from the first sheet as rows of cells, each cell the text a spreadsheet shows
 * (shared or inline strings, numbers without float noise, TRUE/FALSE), rows numbered as the spreadsheet numbers them.
 * Written here rather than with Apache POI: one sheet of text and numbers is a few XML files in a zip, and POI would
 * bring some twenty megabytes of dependencies for it. The XML is read without DTDs or external entities, and a
 * workbook larger than {@link #MAX_BYTES} unpacked is refused.
 */
public final class Xlsx {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Far beyond any race's definition or entry list (the 1000 Miglia's route is some 300 kB of sheet XML). */
    static final long MAX_BYTES = 32L * 1024 * 1024;
    /** The day Excel counts its serial dates from (serial 1 is 1900-01-01, and Excel counts a 29 February 1900). */
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private Xlsx() {
    }

    /** A workbook of one sheet; a cell is a {@link Number} (written as a number), text, or null (left empty). */
    public static byte[] write(String sheetName, List<List<Object>> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                    <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                    <sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets>
                    </workbook>""".formatted(escape(sheetName.length() > 31 ? sheetName.substring(0, 31) : sheetName)));
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
                    </Relationships>""");
            entry(zip, "xl/styles.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
                    <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
                    <fills count="1"><fill><patternFill patternType="none"/></fill></fills>
                    <borders count="1"><border/></borders>
                    <cellStyleXfs count="1"><xf/></cellStyleXfs>
                    <cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs>
                    </styleSheet>""");
            StringBuilder sheet = new StringBuilder("""
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0">\
                    <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>""");
            for (int r = 0; r < rows.size(); r++) {
                sheet.append("<row r=\"").append(r + 1).append("\">");
                List<Object> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    Object value = row.get(c);
                    if (value == null || value.toString().isEmpty()) {
                        continue;
                    }
                    String ref = column(c) + (r + 1);
                    String style = r == 0 ? " s=\"1\"" : ""; // the header row in bold
                    if (value instanceof Number n) {
                        sheet.append("<c r=\"").append(ref).append('"').append(style).append("><v>").append(number(n)).append("</v></c>");
                    } else {
                        sheet.append("<c r=\"").append(ref).append('"').append(style).append(" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                                .append(escape(value.toString())).append("</t></is></c>");
                    }
                }
                sheet.append("</row>");
            }
            sheet.append("</sheetData></worksheet>");
            entry(zip, "xl/worksheets/sheet1.xml", sheet.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The first sheet's rows, numbered as the spreadsheet numbers them (index 0 is row 1; an empty row is an empty list),
     * each cell as text ("" for an empty one). An {@link IllegalArgumentException} says what is wrong with a file that
     * is not a workbook.
     */
    public static List<List<String>> read(byte[] workbook) {
        Map<String, byte[]> parts = unzip(workbook);
        String sheetPath = firstSheet(parts);
        byte[] sheet = parts.get(sheetPath);
        if (sheet == null) {
            throw new IllegalArgumentException("not an Excel workbook (.xlsx): it has no sheet");
        }
        List<String> shared = parts.containsKey("xl/sharedStrings.xml") ? sharedStrings(parts.get("xl/sharedStrings.xml")) : List.of();
        return rows(sheet, shared);
    }

    /** Whether these bytes are a zip (an .xlsx is one): what a body must start with to be read as a workbook. */
    public static boolean looksLikeWorkbook(byte[] body) {
        return body != null && body.length > 4 && body[0] == 'P' && body[1] == 'K';
    }

    /** An Excel serial date (days since 1899-12-30, as a date typed into Excel is kept) as an ISO date; other text as it is. */
    public static String isoDate(String cell) {
        if (cell == null || !cell.matches("\\d{4,6}(\\.0+)?")) {
            return cell;
        }
        return EXCEL_EPOCH.plusDays(Long.parseLong(cell.replaceAll("\\..*", ""))).toString();
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
                        throw new IllegalArgumentException("the workbook unpacks to more than " + MAX_BYTES / (1024 * 1024) + " MB");
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
            throw new IllegalArgumentException("not an Excel workbook (.xlsx): " + e.getMessage());
        }
        if (!parts.containsKey("xl/workbook.xml")) {
            throw new IllegalArgumentException("not an Excel workbook (.xlsx): save it from Excel or LibreOffice as \"Excel Workbook (.xlsx)\"");
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
            throw new IllegalArgumentException("not an Excel workbook (.xlsx): " + e.getMessage());
        }
        String target = rid == null ? null : targets.get(rid);
        if (target == null) {
            return "xl/worksheets/sheet1.xml";
        }
        return target.startsWith("/") ? target.substring(1) : "xl/" + target;
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
            throw new IllegalArgumentException("the workbook's shared strings cannot be read: " + e.getMessage());
        }
        return strings;
    }

    private static List<List<String>> rows(byte[] xml, List<String> shared) {
        List<List<String>> rows = new ArrayList<>();
        try {
            XMLStreamReader x = reader(xml);
            List<String> row = null;
            String ref = null;
            String type = null;
            String value = null;
            String inline = null;
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "row" -> {
                            String r = x.getAttributeValue(null, "r");
                            int number = r == null ? rows.size() + 1 : Integer.parseInt(r);
                            while (rows.size() < number - 1) {
                                rows.add(new ArrayList<>());
                            }
                            row = new ArrayList<>();
                            rows.add(row);
                        }
                        case "c" -> {
                            ref = x.getAttributeValue(null, "r");
                            type = x.getAttributeValue(null, "t");
                            value = null;
                            inline = null;
                        }
                        case "v" -> value = x.getElementText();
                        case "t" -> inline = (inline == null ? "" : inline) + x.getElementText();
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && x.getLocalName().equals("c") && row != null) {
                    int col = ref == null ? row.size() : columnIndex(ref);
                    while (row.size() < col) {
                        row.add("");
                    }
                    row.add(cell(type, value, inline, shared));
                }
            }
        } catch (XMLStreamException | NumberFormatException e) {
            throw new IllegalArgumentException("the workbook's first sheet cannot be read: " + e.getMessage());
        }
        return rows;
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
        try { // a number, as the spreadsheet shows it: 1.8, not 1.8000000000000000444
            return new BigDecimal(value.trim()).round(new MathContext(15)).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return value;
        }
    }

    /** A cell reference's column, from 0: B7 is 1. */
    static int columnIndex(String ref) {
        int col = 0;
        for (char ch : ref.toCharArray()) {
            if (ch < 'A' || ch > 'Z') {
                break;
            }
            col = col * 26 + (ch - 'A' + 1);
        }
        return col - 1;
    }

    /** A column's letters, from 0: 27 is AB. */
    static String column(int index) {
        StringBuilder letters = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            letters.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return letters.toString();
    }

    private static String number(Number n) {
        return n instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : n.toString();
    }

    private static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory.createXMLStreamReader(new ByteArrayInputStream(xml));
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /**
     * Text as XML 1.0 can hold it: markup escaped, and what XML has no character for left out (controls other than tab,
     * line feed and carriage return; U+FFFE and U+FFFF; half a surrogate pair), for one such character makes the whole
     * part unreadable to Excel. An emoji (a whole pair) is kept.
     */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(ch -> {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (ch == '\t' || ch == '\n' || ch == '\r' || ch >= 0x20 && ch <= 0xD7FF || ch >= 0xE000 && ch <= 0xFFFD
                            || ch >= 0x10000) {
                        out.appendCodePoint(ch);
                    }
                }
            }
        });
        return out.toString();
    }
}
