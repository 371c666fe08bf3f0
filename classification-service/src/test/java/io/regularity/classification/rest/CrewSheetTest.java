package io.regularity.classification.rest;

import static io.regularity.testsupport.Workbooks.workbook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

import io.regularity.classification.domain.Crew;
import io.regularity.support.FieldError;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Xlsx;

/** The entry list as a spreadsheet, both ways: any entry list exported and imported again is the same entry list. */
class CrewSheetTest {

    static String csv(List<Crew> crews) {
        StringBuilder text = new StringBuilder(Csv.BOM);
        CrewCsv.rows(crews).forEach(row -> text.append(Csv.line(row.toArray())));
        return text.toString();
    }

    static List<Crew> imported(CrewCsv.Parsed parsed) {
        assertEquals(List.of(), parsed.errors());
        return parsed.crews().stream().map(CrewInput::toCrew).toList();
    }

    @Test
    void randomEntryListsComeBackTheSameFromCsvAndFromAWorkbook() {
        Random random = new Random(25);
        String[] names = { "Andrea Vesco", "Niccolò Bòsco", "Anna \"Nina\" Rossi", "O'Brien, James", "=cmd", "Zoë Müller" };
        String[] licences = { null, "AR-1234", "ACI/77.2", "0042" };
        for (int run = 0; run < 50; run++) {
            List<Crew> crews = new ArrayList<>();
            for (int car = 1; car <= 1 + random.nextInt(40); car++) {
                crews.add(new Crew(car * 3, new Crew.Person(names[random.nextInt(names.length)], random.nextBoolean(), licences[random.nextInt(4)]),
                        random.nextBoolean() ? null : new Crew.Person(names[random.nextInt(names.length)], random.nextBoolean(), licences[random.nextInt(4)]),
                        random.nextBoolean() ? null : "Alfa Romeo 6C 1750, Zagato", random.nextBoolean() ? null : 1927 + random.nextInt(40),
                        BigDecimal.valueOf(100 + random.nextInt(200), 2), random.nextBoolean() ? null : "1927-1930",
                        random.nextBoolean() ? null : "Scuderia; Brescia", random.nextBoolean() ? null : "Media alta"));
            }
            assertEquals(crews, imported(CrewCsv.parse(csv(crews))), "CSV");
            assertEquals(crews, imported(CrewCsv.parse(Xlsx.read(Xlsx.write("Crews", CrewCsv.rows(crews))).rows(), false)), "workbook");
        }
    }

    @Test
    void aBandIsAColumnOfTheEntryListAndOneTooLongIsNamedByIt() {
        CrewCsv.Parsed parsed = CrewCsv.parse("car,driver,coefficient,band\n7,Anna Rossi,1.5, HIGH \n8,Bea Verdi,1.5,\n9,Carla Neri,1.5,"
                + "X".repeat(33) + "\n");
        assertEquals(List.of("row 4.band"), parsed.errors().stream().map(FieldError::field).toList());
        assertEquals("row 4: band must be at most 32 characters, without control characters (a band such as HIGH; empty for none)",
                parsed.errors().get(0).message());
        assertEquals("HIGH", parsed.crews().get(0).toCrew().band(), "trimmed");
        assertEquals(null, parsed.crews().get(1).toCrew().band(), "an empty cell: no band");
    }

    @Test
    void aLicenceIsLettersAndDigitsAndABadOneIsNamedByItsColumn() {
        CrewCsv.Parsed parsed = CrewCsv.parse("car,driver,driverLicence,codriver,codriverLicence,coefficient\n7,Anna Rossi,AR 12,Bea Verdi,,1.5\n");
        assertEquals(List.of("row 2.driverLicence"), parsed.errors().stream().map(io.regularity.support.FieldError::field).toList());
        assertEquals("riga 2, colonna driverLicence: una licenza ha da 1 a 32 lettere, cifre, '.', '/' o '-', e inizia con una lettera o una cifra",
                parsed.errors().get(0).in(io.regularity.support.Lang.IT).message());
        Crew read = imported(CrewCsv.parse("car,driver,driverLicence,codriver,codriverLicence,coefficient\n7,Anna Rossi,AR-12,Bea Verdi,,1.5\n")).get(0);
        assertEquals("AR-12", read.driver().licence());
        assertEquals(null, read.codriver().licence(), "an empty cell: no licence");
    }

    /**
     * A crew at a workbook's last row is one crew, read at once: the million rows before it are empty and cost nothing
     * (the same sheet with that crew on row 3 is read first, for the classes it loads are not what is measured).
     */
    @Test
    void aCrewAtAWorkbooksLastRowIsReadAtOnce() throws Exception {
        Object[] rows = { 1, new String[] { "car", "driver", "coefficient" }, 2, new String[] { "7", "Zoë Müller", "1.45" }, 3,
                new String[] { "x", "Anna Rossi", "1.2" } };
        assertEquals(1, CrewCsv.parse(Xlsx.read(workbook(rows)).rows(), false).errors().size());
        rows[4] = 1_048_576;
        byte[] workbook = workbook(rows);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long bytes = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        CrewCsv.Parsed parsed = CrewCsv.parse(Xlsx.read(workbook).rows(), false);
        long millis = (System.nanoTime() - start) / 1_000_000;
        bytes = threads.getCurrentThreadAllocatedBytes() - bytes;
        assertEquals(List.of("row 2", "row 1048576"), parsed.rowNames());
        assertEquals(List.of("row 1048576: car must be a whole number"), parsed.errors().stream().map(FieldError::message).toList());
        assertTrue(millis < 1000, "it took " + millis + " ms");
        assertTrue(bytes < 8 << 20, "it cost " + bytes + " bytes");
    }
}
