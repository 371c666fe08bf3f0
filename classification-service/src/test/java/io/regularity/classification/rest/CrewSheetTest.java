package io.regularity.classification.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.regularity.classification.domain.Crew;
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
        for (int run = 0; run < 50; run++) {
            List<Crew> crews = new ArrayList<>();
            for (int car = 1; car <= 1 + random.nextInt(40); car++) {
                crews.add(new Crew(car * 3, new Crew.Person(names[random.nextInt(names.length)], random.nextBoolean()),
                        random.nextBoolean() ? null : new Crew.Person(names[random.nextInt(names.length)], random.nextBoolean()),
                        random.nextBoolean() ? null : "Alfa Romeo 6C 1750, Zagato", random.nextBoolean() ? null : 1927 + random.nextInt(40),
                        BigDecimal.valueOf(100 + random.nextInt(200), 2), random.nextBoolean() ? null : "1927-1930",
                        random.nextBoolean() ? null : "Scuderia; Brescia"));
            }
            assertEquals(crews, imported(CrewCsv.parse(csv(crews))), "CSV");
            assertEquals(crews, imported(CrewCsv.parse(Xlsx.read(Xlsx.write("Crews", CrewCsv.rows(crews))), false)), "workbook");
        }
    }
}
