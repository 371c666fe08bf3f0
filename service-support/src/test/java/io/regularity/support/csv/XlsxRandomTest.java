package io.regularity.support.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

/**
 * Workbooks as a careless program or an attacker writes them: addresses valid, past Excel's limits or malformed, shared
 * strings in and out of range, either date system, a declared dimension of the whole sheet, junk parts, junk bytes.
 * Whatever comes, {@link Xlsx#read} answers a sheet or an {@link IllegalArgumentException} (a 400 for the caller), never
 * another exception, and no workbook costs the heap more than {@link #BOUND}.
 */
class XlsxRandomTest {

    /** Generous: a valid read costs some hundreds of kB; padding up to one address past the limits costs gigabytes. */
    static final long BOUND = 64L << 20;

    @Test
    void aRandomWorkbookIsReadOrRefusedAndCostsLittle() throws Exception {
        Random random = new Random(34);
        int read = 0;
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            byte[] workbook = workbook(random);
            Object[] answer = new Object[1];
            long bytes = XlsxTest.allocated(() -> {
                try {
                    answer[0] = Xlsx.read(workbook);
                } catch (Throwable t) { // an OutOfMemoryError too: the test must say which workbook
                    answer[0] = t;
                }
            });
            if (answer[0] instanceof Sheet sheet) {
                read++;
                List<List<String>> rows = sheet.rows();
                assertTrue(rows.size() <= Xlsx.MAX_ROWS, "workbook " + i);
                for (int r = 0; r < rows.size(); r = r < 100 ? r + 1 : Math.max(r + 1, rows.size() - 1)) {
                    assertTrue(rows.get(r).size() <= Xlsx.MAX_COLUMNS, "workbook " + i);
                    assertTrue(rows.get(r).stream().allMatch(cell -> cell != null), "workbook " + i);
                }
            } else if (answer[0] instanceof IllegalArgumentException e) {
                refused++;
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "workbook " + i);
            } else {
                throw new AssertionError("workbook " + i + ": " + answer[0], (Throwable) answer[0]);
            }
            assertTrue(bytes < BOUND, "workbook " + i + " cost " + bytes + " bytes");
        }
        assertTrue(read > 80 && refused > 80, "both kinds are tried: " + read + " read, " + refused + " refused");
    }

    /** A cell of many runs of text costs its length, not its length squared (each run was added to a copy of the others). */
    @Test
    void aCellOfManyRunsCostsItsLength() throws Exception {
        byte[] workbook = XlsxTest.workbook("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>" + "<r><t>ab</t></r>".repeat(100_000)
                + "</is></c></row>");
        Object[] cell = new Object[1];
        long bytes = XlsxTest.allocated(() -> cell[0] = Xlsx.read(workbook).rows().get(0).get(0));
        assertEquals("ab".repeat(100_000), cell[0]);
        assertTrue(bytes < BOUND, "it cost " + bytes + " bytes");
    }

    /**
     * A number no spreadsheet writes (a double has at most 17 digits and ends near 1E308) is shown as written: in plain
     * digits, 1E999999999 would be a gigabyte of zeros, 100E2147483647 overflows BigDecimal's scale (an
     * ArithmeticException), and a million digits cost BigDecimal some 15 seconds (its parsing is quadratic).
     */
    @Test
    void aNumberNoSpreadsheetWritesIsShownAsWritten() throws Exception {
        String digits = "9".repeat(1_000_000);
        List<String> numbers = List.of("1E999999999", "-1e-999999999", "1E2147483647", "100E2147483647", digits, "1.8000000000000000444",
                "1.7976931348623157E308", "4.9E-324");
        StringBuilder row = new StringBuilder("<row r=\"1\">");
        numbers.forEach(n -> row.append("<c><v>").append(n).append("</v></c>"));
        byte[] workbook = XlsxTest.workbook(row.append("</row>").toString());
        Object[] cells = new Object[1];
        long start = System.nanoTime();
        long bytes = XlsxTest.allocated(() -> cells[0] = Xlsx.read(workbook).rows().get(0));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of("1E999999999", "-1e-999999999", "1E2147483647", "100E2147483647", digits, "1.8",
                "179769313486232" + "0".repeat(294), "0." + "0".repeat(323) + "49"), cells[0]);
        assertTrue(bytes < BOUND, "it cost " + bytes + " bytes");
        assertTrue(millis < 1000, "it took " + millis + " ms");
    }

    // ---- the workbooks

    /** A random workbook: half of them as a spreadsheet program writes them (gaps, the last row and column included). */
    static byte[] workbook(Random random) throws IOException {
        if (random.nextInt(12) == 0) { // not a zip, or what only starts like one
            byte[] junk = new byte[random.nextInt(2000)];
            random.nextBytes(junk);
            if (junk.length > 4 && random.nextBoolean()) {
                System.arraycopy(new byte[] { 'P', 'K', 3, 4 }, 0, junk, 0, 4);
            }
            return junk;
        }
        boolean clean = random.nextBoolean();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            String sheetPath = random.nextInt(5) == 0 ? "xl/worksheets/mine.xml" : "xl/worksheets/sheet1.xml";
            String id = "rId" + (clean ? 1 : random.nextInt(3));
            if (clean || random.nextInt(15) > 0) {
                put(zip, "xl/workbook.xml", mangle(random, clean, workbookXml(random, id)));
            }
            if (clean || random.nextInt(3) > 0) {
                String target = random.nextInt(4) == 0 ? "/" + sheetPath : sheetPath.substring(3);
                put(zip, "xl/_rels/workbook.xml.rels", mangle(random, clean, "<Relationships xmlns=\"http://schemas.openxmlformats.org/"
                        + "package/2006/relationships\"><Relationship Id=\"rId" + (clean ? 1 : random.nextInt(3)) + "\" Type=\"x\" Target=\""
                        + target + "\"/></Relationships>"));
            }
            int shared = random.nextInt(4) == 0 ? 0 : random.nextInt(30);
            if (shared > 0) {
                StringBuilder sst = new StringBuilder("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
                for (int s = 0; s < shared; s++) {
                    sst.append(random.nextInt(5) == 0 ? "<si><r><t>" + text(random) + "</t></r><rPh><t>ruby</t></rPh><r><t>"
                            + text(random) + "</t></r></si>" : "<si><t>" + text(random) + "</t></si>");
                }
                put(zip, "xl/sharedStrings.xml", mangle(random, clean, sst.append("</sst>").toString()));
            }
            if (clean || random.nextInt(15) > 0) {
                put(zip, sheetPath, mangle(random, clean, sheetXml(random, clean, shared)));
            }
            for (int j = random.nextInt(4) == 0 ? random.nextInt(4) : 0; j > 0; j--) { // junk parts, some where parts are read
                byte[] junk = new byte[random.nextInt(3000)];
                random.nextBytes(junk);
                put(zip, random.nextBoolean() ? "xl/worksheets/junk" + j + ".xml" : "../junk/" + j + "\u00e8", junk);
            }
        }
        byte[] zipped = bytes.toByteArray();
        switch (clean ? -1 : random.nextInt(6)) {
            case 0 -> zipped[random.nextInt(zipped.length)] ^= (byte) (1 + random.nextInt(255)); // a flipped byte
            case 1 -> zipped = Arrays.copyOf(zipped, random.nextInt(zipped.length)); // cut short
            default -> { }
        }
        return zipped;
    }

    static String workbookXml(Random random, String id) {
        String properties = switch (random.nextInt(7)) {
            case 0 -> "";
            case 1 -> "<workbookPr/>";
            case 2 -> "<workbookPr date1904=\"1\"/>";
            case 3 -> "<workbookPr date1904=\"true\" defaultThemeVersion=\"124226\"/>";
            case 4 -> "<workbookPr date1904=\"0\"/>";
            case 5 -> "<workbookPr date1904=\"false\"/>";
            default -> "<workbookPr date1904=\"" + text(random) + "\"/>";
        };
        return "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
                + "officeDocument/2006/relationships\">" + properties + "<sheets><sheet name=\"" + text(random) + "\" sheetId=\"1\" r:id=\""
                + id + "\"/></sheets></workbook>";
    }

    /** Rows with gaps (some up to the last row and column); unless clean, addresses past the limits, malformed or out of order. */
    static String sheetXml(Random random, boolean clean, int shared) {
        StringBuilder xml = new StringBuilder("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        if (random.nextBoolean()) {
            xml.append("<dimension ref=\"A1:XFD1048576\"/>");
        }
        xml.append("<sheetData>");
        long row = 0;
        for (int r = random.nextInt(25); r > 0 && row < Xlsx.MAX_ROWS; r--) {
            int kind = random.nextInt(clean ? 2 : 8);
            row = random.nextInt(30) == 0 ? Xlsx.MAX_ROWS - random.nextInt(3)
                    : row + 1 + (random.nextInt(4) == 0 ? random.nextInt(1000) : 0);
            String address = switch (kind) {
                case 0 -> null; // the row after the last
                case 2 -> String.valueOf(new long[] { 2_147_483_647L, 50_000_000L, 1_048_577L, 99_999_999_999L }[random.nextInt(4)]);
                case 3 -> new String[] { "abc", "-1", "0", "", "1.5", " 2", "01", "2e3" }[random.nextInt(8)];
                case 4 -> String.valueOf(Math.max(1, row - 1 - random.nextInt(3))); // out of order, or repeated
                default -> String.valueOf(row);
            };
            if (address == null) {
                row = Math.min(row, Xlsx.MAX_ROWS); // as read: the one after the last
            }
            xml.append(address == null ? "<row" : "<row r=\"" + address + "\"").append(random.nextBoolean() ? " spans=\"1:16384\">" : ">");
            int column = 0;
            for (int c = random.nextInt(12); c > 0 && column < Xlsx.MAX_COLUMNS; c--) {
                int kindOfCell = random.nextInt(clean ? 2 : 10);
                column = random.nextInt(40) == 0 ? Xlsx.MAX_COLUMNS - random.nextInt(2)
                        : column + 1 + (random.nextInt(5) == 0 ? random.nextInt(500) : 0);
                String ref = switch (kindOfCell) {
                    case 0 -> null;
                    case 2 -> new String[] { "XFE", "ZZZZZZ", "FXSHRXW", "AAAAAAAAAAAAAAAAAAAAA" }[random.nextInt(4)] + row;
                    case 3 -> Xlsx.column(column - 1) + new String[] { "2147483647", "1048577", "99999999999999999999" }[random.nextInt(3)];
                    case 4 -> new String[] { "a1", "1A", "", "A0", "$A$1", "A-1", "A 1", "A1B", "\u00c91" }[random.nextInt(9)];
                    default -> Xlsx.column(column - 1) + row;
                };
                xml.append(ref == null ? "<c" : "<c r=\"" + ref + "\"").append(random.nextInt(4) == 0 ? " s=\"1\"" : "");
                xml.append(switch (random.nextInt(8)) {
                    case 0 -> " t=\"s\"><v>" + (clean ? String.valueOf(random.nextInt(shared + 3)) : new String[] { "99999", "-1", "x",
                            "99999999999", " 0 ", "" }[random.nextInt(6)]) + "</v></c>";
                    case 1 -> " t=\"inlineStr\"><is><t>" + text(random) + "</t>"
                            + (random.nextBoolean() ? "<r><t>" + text(random) + "</t></r>" : "") + "</is></c>";
                    case 2 -> " t=\"b\"><v>" + random.nextInt(3) + "</v></c>";
                    case 3 -> " t=\"" + new String[] { "str", "e", "n", "d", "junk" }[random.nextInt(5)] + "\"><v>" + text(random)
                            + "</v></c>";
                    case 4 -> "/>";
                    case 5 -> "><f>SUM(A1:A2)</f><v>" + number(random) + "</v></c>";
                    default -> "><v>" + number(random) + "</v></c>";
                });
            }
            xml.append("</row>");
        }
        return xml.append("</sheetData></worksheet>").toString();
    }

    /** Text to put in XML, escaped, with what XML and spreadsheets make hard: accents, emoji, references, spaces. */
    static String text(Random random) {
        return new String[] { "car", "Niccolò Bòsco", "🏁", "&amp;&lt;", "&#x1F3C1;", " 1 ", "", "45090", "=SUM(A1)", "\t\n",
                "x".repeat(random.nextInt(300)) }[random.nextInt(11)];
    }

    static String number(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 1 -> (random.nextBoolean() ? "1" : "100") + "E" + (random.nextBoolean() ? "" : "-") + random.nextInt(Integer.MAX_VALUE);
            case 2 -> "9".repeat(random.nextInt(5000));
            case 3 -> new String[] { "NaN", "-0", "1.4500000000000002", "1,5", " 7 ", "0x1F", "" }[random.nextInt(7)];
            default -> String.valueOf(random.nextInt(100_000));
        };
    }

    /** Unless clean, sometimes what a careless program writes: cut short, a DTD with entities, a wrong encoding, a control. */
    static byte[] mangle(Random random, boolean clean, String xml) {
        String out = switch (clean ? -1 : random.nextInt(8)) {
            case 0 -> xml.substring(0, random.nextInt(xml.length() + 1));
            case 1 -> "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>" + xml.replace("</", "&b;</");
            case 2 -> "<?xml version=\"1.0\" encoding=\"" + new String[] { "UTF-16", "ISO-8859-1", "junk" }[random.nextInt(3)] + "\"?>"
                    + xml;
            case 3 -> xml.replace("<", "<\u0001");
            default -> xml;
        };
        return out.getBytes(StandardCharsets.UTF_8);
    }

    static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
