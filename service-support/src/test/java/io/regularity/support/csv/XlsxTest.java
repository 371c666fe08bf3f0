package io.regularity.support.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.xml.parsers.SAXParserFactory;

import org.junit.jupiter.api.Test;
import org.xml.sax.helpers.DefaultHandler;

/** One sheet of a workbook, written and read; and read as spreadsheet programs write it (shared strings, float noise, gaps). */
class XlsxTest {

    @Test
    void whatIsWrittenIsReadBackCellForCell() {
        List<List<Object>> rows = List.of(List.of("car", "driver", "coefficient"), Arrays.asList(48, "Andrea Vesco & <co>", new BigDecimal("1.80")),
                Arrays.asList(7, null, 1.25));
        List<List<String>> read = Xlsx.read(Xlsx.write("Crews", rows));
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
        List<List<String>> rows = Xlsx.read(asSpreadsheetsWriteIt());
        assertEquals(List.of("car", "driver", "", "TRUE"), rows.get(0));
        assertEquals(List.of(), rows.get(1), "row 2 is empty, and still row 2");
        assertEquals(List.of("21", "Niccolò Bòsco", "1.45"), rows.get(2));
    }

    @Test
    void whatIsNoWorkbookIsSaid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Xlsx.read("car;driver\n".getBytes()));
        assertTrue(e.getMessage().startsWith("not an Excel workbook"), e.getMessage());
        assertEquals("2023-06-13", Xlsx.isoDate("45090"));
        assertEquals("2023-06-13", Xlsx.isoDate("2023-06-13"));
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
        assertEquals(List.of("car", "abcdefghij\tk\nl🏁m"), Xlsx.read(workbook).get(0));
    }
}
