package io.regularity.support.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.xml.parsers.SAXParserFactory;

import org.junit.jupiter.api.Test;
import org.xml.sax.helpers.DefaultHandler;

import com.sun.management.ThreadMXBean;

/** One sheet of a workbook, written and read; and read as spreadsheet programs write it (shared strings, float noise, gaps). */
class XlsxTest {

    @Test
    void whatIsWrittenIsReadBackCellForCell() {
        List<List<Object>> rows = List.of(List.of("car", "driver", "coefficient"), Arrays.asList(48, "Andrea Vesco & <co>", new BigDecimal("1.80")),
                Arrays.asList(7, null, 1.25));
        List<List<String>> read = Xlsx.read(Xlsx.write("Crews", rows)).rows();
        assertEquals(List.of("car", "driver", "coefficient"), read.get(0));
        assertEquals(List.of("48", "Andrea Vesco & <co>", "1.8"), read.get(1));
        assertEquals(List.of("7", "", "1.25"), read.get(2));
    }

    /** A workbook as Excel and LibreOffice save it: shared strings (one rich), a skipped row and cell, a number with float noise. */
    static byte[] asSpreadsheetsWriteIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\""
                    + "http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Iscritti\" sheetId=\"1\" r:id=\"rId7\"/>"
                    + "</sheets></workbook>");
            put(zip, "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId7\" Type=\"x\" Target=\"worksheets/mine.xml\"/></Relationships>");
            put(zip, "xl/sharedStrings.xml", "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>car</t></si>"
                    + "<si><t>driver</t></si><si><r><t>Niccolò </t></r><r><rPr><b/></rPr><t>Bòsco</t></r></si></sst>");
            put(zip, "xl/worksheets/mine.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"D1\" t=\"b\"><v>1</v></c></row>"
                    + "<row r=\"3\"><c r=\"A3\"><v>21</v></c><c r=\"B3\" t=\"s\"><v>2</v></c><c r=\"C3\"><v>1.4500000000000002</v></c></row>"
                    + "</sheetData></worksheet>");
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String xml) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    @Test
    void aWorkbookSavedBySpreadsheetProgramsIsReadAsTheyShowIt() throws Exception {
        List<List<String>> rows = Xlsx.read(asSpreadsheetsWriteIt()).rows();
        assertEquals(List.of("car", "driver", "", "TRUE"), rows.get(0));
        assertEquals(List.of(), rows.get(1), "row 2 is empty, and still row 2");
        assertEquals(List.of("21", "Niccolò Bòsco", "1.45"), rows.get(2));
    }

    @Test
    void whatIsNoWorkbookIsSaid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Xlsx.read("car;driver\n".getBytes()));
        assertTrue(e.getMessage().startsWith("not an Excel workbook"), e.getMessage());
        assertEquals("AB", Xlsx.column(27));
        assertEquals(27, Xlsx.columnIndex("AB12"));
    }

    /**
     * Text XML 1.0 has no character for (controls, U+FFFE, U+FFFF, half a surrogate pair) is left out, for one of them
     * makes the whole part unreadable; tabs, line feeds and emoji (a whole pair) are kept. Every part is parsed strictly.
     */
    @Test
    void whatXmlCannotHoldIsLeftOutAndEveryPartIsWellFormed() throws Exception {
        String text = "a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uFFFFg\uD800h\uDC00i\uDC00\uD800j\tk\nl🏁m";
        byte[] workbook = Xlsx.write("Crews\uFFFF🏁", List.of(List.of("car", text)));
        SAXParserFactory strict = SAXParserFactory.newInstance();
        strict.setNamespaceAware(true);
        strict.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        int parts = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(workbook))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                strict.newSAXParser().parse(new ByteArrayInputStream(zip.readAllBytes()), new DefaultHandler());
                parts++;
            }
        }
        assertEquals(6, parts);
        assertEquals(List.of("car", "abcdefghij\tk\nl🏁m"), Xlsx.read(workbook).rows().get(0));
    }

    /** A workbook whose first sheet holds this sheetData. */
    static byte[] workbook(String sheetData) throws Exception {
        return workbook("", sheetData);
    }

    /** A workbook with these properties ({@code <workbookPr date1904="1"/>}, or ""), its first sheet this sheetData. */
    static byte[] workbook(String properties, String sheetData) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + properties
                    + "</workbook>");
            put(zip, "xl/worksheets/sheet1.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<sheetData>" + sheetData + "</sheetData></worksheet>");
        }
        return bytes.toByteArray();
    }

    /** The bytes this thread allocates while it runs the work: what a request costs the heap. */
    static long allocated(Runnable work) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void anAddressPastExcelsLastRowOrColumnIsRefusedNamingItAndTheLimit() throws Exception {
        Map<String, List<String>> refused = new LinkedHashMap<>();
        refused.put("<row r=\"2147483647\"><c r=\"A2147483647\"><v>1</v></c></row>", List.of("row 2147483647", "1,048,576"));
        refused.put("<row r=\"50000000\"><c r=\"A50000000\"><v>1</v></c></row>", List.of("row 50000000", "1,048,576"));
        refused.put("<row r=\"1048577\"/>", List.of("row 1048577", "1,048,576"));
        refused.put("<row r=\"1048576\"/><row><c><v>1</v></c></row>", List.of("row 1048577", "1,048,576"));
        refused.put("<row r=\"1\"><c r=\"ZZZZZZ1\"><v>1</v></c></row>", List.of("cell ZZZZZZ1", "XFD"));
        refused.put("<row r=\"1\"><c r=\"FXSHRXW1\"><v>1</v></c></row>", List.of("cell FXSHRXW1", "XFD"));
        refused.put("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", List.of("cell XFE1", "XFD"));
        refused.put("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>", List.of("cell XFE1", "XFD"));
        refused.put("<row r=\"1\"><c r=\"A99999999999\"><v>1</v></c></row>", List.of("cell A99999999999", "1,048,576"));
        for (Map.Entry<String, List<String>> e : refused.entrySet()) {
            byte[] workbook = workbook(e.getKey());
            long bytes = allocated(() -> {
                IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> Xlsx.read(workbook), e.getKey());
                for (String said : e.getValue()) {
                    assertTrue(thrown.getMessage().contains(said), thrown.getMessage());
                }
            });
            assertTrue(bytes < 8 << 20, e.getKey() + " cost " + bytes + " bytes");
        }
    }

    @Test
    void aMalformedAddressOrOneOutOfOrderIsRefused() {
        for (String rows : List.of("<row r=\"abc\"/>", "<row r=\"-1\"/>", "<row r=\"0\"/>", "<row r=\"\"/>", "<row r=\"1.5\"/>",
                "<row r=\" 1\"/>", "<row r=\"01\"/>", "<row r=\"99999999999999999999\"/>", "<row r=\"3\"/><row r=\"2\"/>",
                "<row r=\"2\"/><row r=\"2\"/>", "<row r=\"1\"><c r=\"a1\"><v>1</v></c></row>", "<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>",
                "<row r=\"1\"><c r=\"A0\"><v>1</v></c></row>", "<row r=\"1\"><c r=\"A\"><v>1</v></c></row>",
                "<row r=\"1\"><c r=\"A-1\"><v>1</v></c></row>", "<row r=\"1\"><c r=\"A1B\"><v>1</v></c></row>",
                "<row r=\"1\"><c r=\"\"><v>1</v></c></row>", "<row r=\"1\"><c r=\"$A$1\"><v>1</v></c></row>",
                "<row r=\"1\"><c r=\"C1\"><v>1</v></c><c r=\"A1\"><v>1</v></c></row>",
                "<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"B1\"><v>1</v></c></row>")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Xlsx.read(workbook(rows)), rows);
            assertTrue(e.getMessage().startsWith("the workbook's first sheet cannot be read: "), e.getMessage());
        }
    }

    /** A row or a cell the sheet skips reads as empty and costs nothing: a lone cell at the last row and column is one cell. */
    @Test
    void aLoneCellAtTheLastRowAndColumnCostsOnlyItself() throws Exception {
        byte[] workbook = workbook("<row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>car</t></is></c></row>"
                + "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>last</t></is></c></row>");
        List<List<List<String>>> read = new ArrayList<>();
        long bytes = allocated(() -> {
            List<List<String>> rows = Xlsx.read(workbook).rows();
            assertEquals(2, rows.stream().filter(row -> !row.isEmpty()).count(), "a walk over every row");
            read.add(rows);
        });
        List<List<String>> rows = read.get(0);
        assertEquals(1_048_576, rows.size());
        assertEquals(List.of("", "car"), rows.get(0));
        assertEquals(List.of(), rows.get(1));
        assertEquals(List.of(), rows.get(1_048_574));
        assertEquals(16_384, rows.get(1_048_575).size());
        assertEquals("", rows.get(1_048_575).get(16_382));
        assertEquals("last", rows.get(1_048_575).get(16_383));
        assertTrue(bytes < 2 << 20, "it cost " + bytes + " bytes");
        assertThrows(UnsupportedOperationException.class, () -> rows.get(0).set(0, "x"), "read-only");
    }

    /**
     * A caller walks every row up to its last cell: the sheet holds at most {@link Xlsx#MAX_CELLS} of them, empty ones
     * between included, so 62 rows each with a cell at XFD are too many, however few cells they hold.
     */
    @Test
    void aSheetOfMoreCellsThanACallerShouldWalkIsRefused() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int r = 1; r <= 62; r++) {
            rows.append("<row r=\"").append(r).append("\"><c r=\"XFD").append(r).append("\"><v>1</v></c></row>");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Xlsx.read(workbook(rows.toString())));
        assertTrue(e.getMessage().contains("1,000,000 cells"), e.getMessage());
    }

    /**
     * A serial date counts in the workbook's date system: from 1899-12-30 in the 1900 one (Excel's default; CSV too), from
     * 1904-01-01 in the 1904 one (older Excel for the Mac), so 13 June 2023 is 45090 in one and 43628 in the other.
     */
    @Test
    void aSerialDateCountsInTheWorkbooksDateSystem() throws Exception {
        assertEquals(1462, ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), LocalDate.of(1904, 1, 1)), "four years and a day");
        assertEquals(45090 - 1462, 43628);
        assertEquals(LocalDate.of(2023, 6, 13), LocalDate.of(1904, 1, 1).plusDays(43628));
        assertEquals(LocalDate.of(1900, 3, 1), LocalDate.of(1899, 12, 30).plusDays(61), "serial 61, past Excel's 29 February 1900 (60)");

        String sheetData = "<row r=\"1\"><c r=\"A1\"><v>43628</v></c><c r=\"B1\"><v>45090</v></c></row>";
        for (String date1904 : List.of("<workbookPr date1904=\"1\"/>", "<workbookPr date1904=\"true\"/>",
                "<fileVersion appName=\"xl\"/><workbookPr defaultThemeVersion=\"124226\" date1904=\" 1 \"/>")) {
            Sheet sheet = Xlsx.read(workbook(date1904, sheetData));
            assertTrue(sheet.date1904(), date1904);
            assertEquals("2023-06-13", sheet.isoDate(sheet.rows().get(0).get(0)), date1904);
            assertEquals("2027-06-14", sheet.isoDate(sheet.rows().get(0).get(1)), date1904);
        }
        for (String date1900 : List.of("", "<workbookPr/>", "<workbookPr date1904=\"0\"/>", "<workbookPr date1904=\"false\"/>")) {
            Sheet sheet = Xlsx.read(workbook(date1900, sheetData));
            assertFalse(sheet.date1904(), date1900);
            assertEquals("2023-06-13", sheet.isoDate(sheet.rows().get(0).get(1)), date1900);
        }
        assertFalse(Xlsx.read(Xlsx.write("Route", List.of(List.of("date")))).date1904(), "what is written here is in the 1900 system");
        Sheet csv = Sheet.of(List.of(List.of("45090")));
        assertEquals("2023-06-13", csv.isoDate("45090"));
        assertEquals("2023-06-13", csv.isoDate("45090.0"));
        assertEquals("2023-06-13", csv.isoDate("2023-06-13"), "text is left as it is");
        assertEquals("13/06/2023", csv.isoDate("13/06/2023"));
    }
}
