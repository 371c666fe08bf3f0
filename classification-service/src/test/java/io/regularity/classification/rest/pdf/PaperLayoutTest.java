package io.regularity.classification.rest.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.rest.view.ListViews;
import io.regularity.support.Lang;

/** The papers' layout without a server: a list of 420 crews over pages, each headed and numbered; any name drawn. */
class PaperLayoutTest {

    static final RaceDefinition RACE = new RaceDefinition("1000-miglia", "1000 Miglia", 2024, "Europe/Rome", 30,
            new RaceDefinition.Officials("Maria Bertolini", "Gianni Ferrè"),
            new RaceDefinition.Scoring("POINTS", null, null, null, null, null, null, null), List.of(), List.of(), 12, null, null);

    static ListViews.Standings list(int crews) {
        List<ListViews.Entry> entries = new ArrayList<>();
        for (int i = 1; i <= crews; i++) {
            entries.add(new ListViews.Entry(i, i + 10, "Pilota" + i + " / Navigatore" + i, "Alfa Romeo 6C 1750 SS Spider Zagato", 1929,
                    new BigDecimal("1.80"), new BigDecimal(100_000 - i * 37).movePointLeft(2).add(new BigDecimal("97000.00")), 152,
                    new BigDecimal(i * 37).movePointLeft(2), BigDecimal.ZERO, "RUNNING"));
        }
        return new ListViews.Standings("1000-miglia", "overall", null, null, null, null, "POINTS", "PC87", "PROVISIONAL", null, null, 12,
                "sha256:" + "ab".repeat(32), null, null, Instant.parse("2024-06-15T16:30:00Z"), crews, 0, crews, entries);
    }

    @Test
    void aListOf420CrewsRunsOverPagesEachWithItsHeadTableHeaderAndNumber() throws Exception {
        ListViews.Standings list = list(420);
        Papers.standings(RACE, list, Lang.IT, "http://localhost:8083/api/races/1000-miglia/export?asOf=2024-06-15T16:30:00Z"); // warm
        long start = System.nanoTime();
        byte[] pdf = Papers.standings(RACE, list, Lang.IT, "http://localhost:8083/api/races/1000-miglia/export?asOf=2024-06-15T16:30:00Z");
        long ms = (System.nanoTime() - start) / 1_000_000;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            System.out.printf("the 420 crews' list: %d ms, %d bytes, %d pages%n", ms, pdf.length, pages);
            assertTrue(pages > 5, "420 crews take pages: " + pages);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= pages; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(doc);
                assertTrue(text.contains("Pagina " + page + " di " + pages), text);
                assertTrue(text.contains("Equipaggio") && text.contains("Classifica provvisoria") && text.contains("1000 Miglia"),
                        "every page has the head and the table's header: " + text);
                assertTrue(text.contains("sha256:" + "ab".repeat(32)), "every page has the digest");
            }
            stripper.setStartPage(1);
            stripper.setEndPage(pages);
            String all = stripper.getText(doc);
            assertTrue(all.contains("Pilota420 / Navigatore420") && all.contains("97.844,60"), "the last crew, its score in Italian");
            assertTrue(all.contains("Calcolata il 15/06/2024 18:30 (Europe/Rome), dopo la prova PC87"), all.substring(0, 400));
            stripper.setStartPage(pages);
            String last = stripper.getText(doc);
            assertTrue(last.contains("Il Direttore di gara") && last.contains("Maria Bertolini") && last.contains("Gianni Ferrè"),
                    "the last page ends with the lines the officials sign on: " + last);
        }
        assertTrue(ms < 5_000, "drawn in " + ms + " ms");
    }

    @Test
    void anyCharacterIsDrawnReplacedWhenTheFontLacksIt() {
        assertEquals("Città Zoë Müller Œuvre €", PdfPaper.printable("Città Zoë Müller Œuvre €"));
        assertEquals("Stefan Lukasiewicz Dord", PdfPaper.printable("Ştefan Łukasiewicz Đorđ"));
        assertEquals("?? ? a b", PdfPaper.printable("中村 \uD83C\uDFC1 a\tb"));
        byte[] pdf = Papers.standings(RACE, new ListViews.Standings("1000-miglia", "overall", null, null, null, null, "POINTS", null,
                "PROVISIONAL", null, null, 12, null, null, null, Instant.now(), 1, 0, 1, List.of(new ListViews.Entry(1, 1,
                        "\u0000\u202E中村 / 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", null, null, null, BigDecimal.ONE, 0, BigDecimal.ZERO, BigDecimal.ZERO, "RUNNING"))),
                Lang.EN, null);
        assertTrue(pdf.length > 1000);
    }

    @Test
    void numbersTakeTheReadersDecimalMark() {
        assertEquals("97.839,00", Papers.number(new BigDecimal("97839.00"), Lang.IT));
        assertEquals("97,839.00", Papers.number(new BigDecimal("97839.00"), Lang.EN));
        assertEquals("1,8", Papers.number(new BigDecimal("1.8"), Lang.IT));
        assertEquals("-12", Papers.number(new BigDecimal("-12"), Lang.IT));
    }
}
