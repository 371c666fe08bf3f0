package io.regularity.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Excel workbooks written by hand for the tests of a service that reads spreadsheets: only the parts a reader needs, each
 * row at the row number a test chooses (a sheet's last row, 1048576, as well as row 2), every cell inline text.
 */
public final class Workbooks {

    private Workbooks() {
    }

    /** A workbook whose first sheet holds these rows, each {@code number} then its cells' text ("" for an empty cell). */
    public static byte[] workbook(Object... rows) throws IOException {
        return workbook("", rows);
    }

    /** A workbook with these properties ({@code <workbookPr date1904="1"/>}, or ""), its first sheet these rows. */
    public static byte[] workbook(String properties, Object... rows) throws IOException {
        StringBuilder sheet = new StringBuilder("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (int i = 0; i < rows.length; i += 2) {
            sheet.append("<row r=\"").append(rows[i]).append("\">");
            for (String cell : (String[]) rows[i + 1]) {
                sheet.append(cell.isEmpty() ? "<c/>" : "<c t=\"inlineStr\"><is><t>" + cell + "</t></is></c>");
            }
            sheet.append("</row>");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write(("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + properties + "</workbook>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(sheet.append("</sheetData></worksheet>").toString().getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
