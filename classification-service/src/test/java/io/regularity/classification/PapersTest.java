package io.regularity.classification;

import static io.regularity.classification.ClassificationTest.awaitRace;
import static io.regularity.classification.ClassificationTest.awaitTrue;
import static io.regularity.classification.Events.passage;
import static io.regularity.classification.Events.passageRecorded;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Xlsx;
import io.regularity.testsupport.RealServers;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The papers as a reader gets them: each PDF opened with PDFBox's own reader, its texts found (the heading in Italian and
 * English, the names, positions, page numbers, the digest) and its QR code decoded from the rendered page, as a phone's
 * camera would, to the bundle that proves it; the register of checks after a ruling and a void. With
 * {@code -Dpapers.screenshots=true} each paper's first page, in Italian, is written to docs/screenshots/.
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class PapersTest {

    static final Instant T = Instant.parse("2024-06-11T09:00:00Z");

    /** A one-leg race in Rome's time zone: P0..P5, PC1 P1→P2 (12 s), PC2 P2→P3 (20 s), CT1 at P4; trophy "Franciacorta" = PC2. */
    static String race(String raceId, long revision, String published) {
        return """
                {"eventId": "%s", "type": "RaceDefined", "schemaVersion": 1, "occurredAt": "2024-06-11T07:00:00.000Z",
                 "revision": %d,
                 "race": {"id": "%s", "name": "Coppa d'Oro – Città di Brescia", "year": 2024, "timeZone": "Europe/Rome",
                   "officials": {"clerkOfCourse": "Maria Bertolini", "chiefTimekeeper": "Gianni Ferrè"},
                   "scoring": {"model": "PENALTIES", "pcCap": 300, "ctMissed": 300, "duplicateWindowMs": 10000},
                   "legs": [{"number": 1, "name": "Brescia – Salò", "date": "2024-06-11", "startPoint": "P0",
                     "timingPoints": [{"id": "P0", "km": 0}, {"id": "P1", "km": 10.0}, {"id": "P2", "km": 10.2}, {"id": "P3", "km": 10.5},
                                      {"id": "P4", "km": 20.0}, {"id": "P5", "km": 30.0}],
                     "trials": [{"id": "PC1", "type": "PC", "start": "P1", "finish": "P2", "targetMs": 12000, "status": "OPEN"},
                                {"id": "PC2", "type": "PC", "start": "P2", "finish": "P3", "targetMs": 20000, "status": "OPEN"},
                                {"id": "CT1", "type": "CT", "point": "P4", "status": "OPEN"}]}],
                   %s "trophies": [{"name": "Franciacorta", "trials": ["PC2"]}], "revision": %d}}
                """.formatted(UUID.randomUUID(), revision, raceId, published, revision);
    }

    static String crew(int car, String driver, String codriver, boolean ladies, String coefficient) {
        return """
                {"car": %d, "driver": {"name": "%s", "female": %b}, "codriver": {"name": "%s", "female": %b},
                 "carModel": "Alfa Romeo 6C 1750", "carYear": 1929, "coefficient": %s, "category": "1927-1929"}
                """.formatted(car, driver, ladies, codriver, ladies, coefficient);
    }

    static void putCrew(String raceId, int car, String json) {
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body(json)
                .put("/api/races/" + raceId + "/crews/" + car).then().statusCode(200);
    }

    private static String played;

    /** The race every test here reads (made once): three crews, PC1 timed, an average assigned on PC2, a crossing voided. */
    static synchronized String played() {
        if (played != null) {
            return played;
        }
        String race = "r-papers";
        route(race, race(race, 1, ""));
        awaitRace(race);
        putCrew(race, 1, crew(1, "Andrea Vesco", "Fabio Salvinelli", false, "1.50"));
        putCrew(race, 2, crew(2, "Ştefan 中村 Łukasiewicz", "Zoë Müller", false, "1.00")); // beyond WinAnsi, and within it
        putCrew(race, 3, crew(3, "Giulia Rossi", "Anna Bianchi", true, "1.20"));
        passage(race, 1, passageRecorded(race, UUID.randomUUID(), 1, "P1", T, 0));
        passage(race, 1, passageRecorded(race, UUID.randomUUID(), 1, "P2", T.plusMillis(12_340), 0)); // 34 hundredths × 1.50
        passage(race, 2, passageRecorded(race, UUID.randomUUID(), 2, "P1", T.plusSeconds(60), 0));
        passage(race, 2, passageRecorded(race, UUID.randomUUID(), 2, "P2", T.plusSeconds(72), 0)); // spot on
        UUID wrong = UUID.randomUUID();
        passage(race, 3, passageRecorded(race, UUID.randomUUID(), 3, "P1", T.plusSeconds(120), 0));
        passage(race, 3, passageRecorded(race, wrong, 3, "P2", T.plusMillis(120_000 + 12_100), 0)); // 10 hundredths, voided below
        awaitTrue(() -> "51.0".equals(ClassificationTest.score(race, 1)) && "12.0".equals(ClassificationTest.score(race, 3)));
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"type\": \"ASSIGN_AVERAGE\", \"car\": 1, \"trial\": \"PC2\", \"reason\": \"ostacolato da un trattore\"}")
                .post("/api/races/" + race + "/rulings").then().statusCode(201);
        passage(race, 3, Events.passageVoided(race, wrong, 3));
        awaitTrue(() -> given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + race + "/register")
                .path("total").equals(2) && given().get("/api/races/" + race + "/crews/3/results").path("trials[0].state").equals("PENDING")
                && "102.0".equals(ClassificationTest.score(race, 1))); // PC2: the mean of its measured PCs, 34, × 1.50
        played = race;
        return race;
    }

    // ---- the lists

    @Test
    void theOverallListIsHeadedInItalianAndEnglishWithItsNamesDigestPagesAndAQrCodeOfItsProof() throws Exception {
        String race = played();
        ExtractableResponse<Response> it = given().get("/api/races/" + race + "/standings.pdf?lang=it").then().statusCode(200)
                .contentType("application/pdf").extract();
        String digest = it.header("X-Results-Digest");
        assertTrue(digest.startsWith("sha256:"), digest);
        String text = text(it.asByteArray());
        for (String expected : List.of("Coppa d'Oro – Città di Brescia", "Classifica assoluta", "Classifica provvisoria", "Equipaggio",
                "Vesco / Salvinelli", "Lukasiewicz / Müller", "Pagina 1 di 1", digest, "102,00", "1,50", "Europe/Rome", "Calcolata il",
                "Il Direttore di gara: Maria Bertolini - Il Capo cronometrista: Gianni Ferrè")) {
            assertTrue(text.contains(expected), "the Italian list says " + expected + ":\n" + text);
        }
        assertFalse(text.contains("Classifica ufficiale"));
        // car 1 (102.00) last, after the crews of 0.00 (car 3: PC1 pending again after the void)
        assertTrue(text.indexOf("Vesco / Salvinelli") > text.indexOf("Rossi / Bianchi"), text);

        String en = text(given().header("Accept-Language", "en-GB,en;q=0.9").get("/api/races/" + race + "/standings.pdf").then()
                .statusCode(200).extract().asByteArray());
        for (String expected : List.of("Overall classification", "Provisional classification", "Crew", "Page 1 of 1", "102.00", digest,
                "Clerk of the course: Maria Bertolini - Chief timekeeper: Gianni Ferrè")) {
            assertTrue(en.contains(expected), "the English list says " + expected + ":\n" + en);
        }
        assertTrue(text(given().header("Accept-Language", "it-IT").get("/api/races/" + race + "/standings.pdf").asByteArray())
                .contains("Classifica provvisoria"), "Accept-Language chooses Italian");

        String verify = qr(it.asByteArray());
        assertProves(race, verify, digest);
    }

    @Test
    void everyListIsDrawnWithTheJsonListsParameters() throws Exception {
        String race = played();
        assertTrue(text(given().get("/api/races/" + race + "/standings.pdf?lang=it&list=ladies").then().statusCode(200).extract()
                .asByteArray()).contains("Classifica femminile"));
        String leg = text(given().get("/api/races/" + race + "/standings.pdf?lang=en&list=leg&leg=1&cumulative=true").then().statusCode(200)
                .extract().asByteArray());
        assertTrue(leg.contains("Leg 1, cumulative"), leg);
        String trophy = text(given().get("/api/races/" + race + "/standings.pdf?lang=it&list=trophy&trophy=Franciacorta").then().statusCode(200)
                .extract().asByteArray());
        assertTrue(trophy.contains("Trofeo Franciacorta"), trophy);
        String teams = text(given().get("/api/races/" + race + "/standings.pdf?lang=it&list=teams").then().statusCode(200).extract()
                .asByteArray());
        assertTrue(teams.contains("Classifica scuderie") && teams.contains("Scuderia"), teams);
        String category = text(given().get("/api/races/" + race + "/standings.pdf?lang=it&list=category&category=1927-1929").then()
                .statusCode(200).extract().asByteArray());
        assertTrue(category.contains("Categoria 1927-1929") && category.contains("Rossi / Bianchi"), category);
    }

    @Test
    void aPublishedListIsTheOfficialOneWithWhenAndWhoInTheRacesTimeZone() throws Exception {
        String race = "r-papers-official";
        route(race, race(race, 1, ""));
        awaitRace(race);
        putCrew(race, 7, crew(7, "Mario Bianchi", "Luigi Verdi", false, "1.00"));
        route(race, race(race, 2, "\"posted\": {\"race\": {\"at\": \"2024-06-11T18:00:00.000Z\", \"by\": \"clerk\", \"revision\": 2,"
                + " \"protestsUntil\": \"2024-06-11T18:30:00.000Z\"}},"));
        awaitTrue(() -> given().get("/api/races/" + race + "/standings").path("posted.by") != null);
        String posted = text(given().get("/api/races/" + race + "/standings.pdf?lang=it").then().statusCode(200).extract().asByteArray());
        assertTrue(posted.contains("Classifica provvisoria – reclami fino alle 20:30")
                && posted.contains("Esposta il 11/06/2024 20:00 (Europe/Rome) da clerk"), posted);
        String postedEn = text(given().get("/api/races/" + race + "/standings.pdf?lang=en").then().statusCode(200).extract().asByteArray());
        assertTrue(postedEn.contains("Provisional classification – protests until 20:30"), postedEn);
        route(race, race(race, 3, "\"published\": {\"race\": {\"at\": \"2024-06-11T19:00:00.000Z\", \"by\": \"clerk\", \"revision\": 3}},"));
        awaitTrue(() -> "FINAL".equals(given().get("/api/races/" + race + "/standings").path("status")));
        String it = text(given().get("/api/races/" + race + "/standings.pdf?lang=it").then().statusCode(200).extract().asByteArray());
        assertTrue(it.contains("Classifica ufficiale") && it.contains("Pubblicata il 11/06/2024 21:00 (Europe/Rome) da clerk"), it);
        String en = text(given().get("/api/races/" + race + "/standings.pdf?lang=en").then().statusCode(200).extract().asByteArray());
        assertTrue(en.contains("Official classification") && en.contains("Published on 11/06/2024 21:00 (Europe/Rome) by clerk"), en);
        String certificate = text(given().get("/api/races/" + race + "/crews/7/certificate.pdf?lang=it").then().statusCode(200).extract()
                .asByteArray());
        assertTrue(certificate.contains("Classifica ufficiale"), certificate);
    }

    // ---- a crew's results and the certificates

    @Test
    void aCrewsResultsSayEachTrialWithTheStatusAndTheProof() throws Exception {
        String race = played();
        ExtractableResponse<Response> pdf = given().get("/api/races/" + race + "/crews/1/results.pdf?lang=it").then().statusCode(200)
                .extract();
        String text = text(pdf.asByteArray());
        for (String expected : List.of("Risultati della vettura 1 - Vesco / Salvinelli", "Classifica provvisoria", "PC1", "PC2", "CT1",
                "34", "rilevata", "assegnata", "Posizione assoluta 3, 102,00 penalità", "Pagina 1 di 1", pdf.header("X-Results-Digest"))) {
            assertTrue(text.contains(expected), "the crew's results say " + expected + ":\n" + text);
        }
        assertProves(race, qr(pdf.asByteArray()), pdf.header("X-Results-Digest"));
        String en = text(given().get("/api/races/" + race + "/crews/1/results.pdf?lang=en").then().statusCode(200).extract().asByteArray());
        assertTrue(en.contains("Results of car 1") && en.contains("Overall position 3, 102.00 penalties") && en.contains("measured"), en);
    }

    @Test
    void aCertificateSaysTheCrewsPositionInEachOfItsListsAndAllOfThemComeInOneFile() throws Exception {
        String race = played();
        int rank = given().get("/api/races/" + race + "/standings").path("entries.find { it.car == 3 }.rank");
        ExtractableResponse<Response> one = given().get("/api/races/" + race + "/crews/3/certificate.pdf?lang=it").then().statusCode(200)
                .extract();
        String text = text(one.asByteArray());
        for (String expected : List.of("Certificato di classifica", "Rossi / Bianchi", "Giulia Rossi - Anna Bianchi",
                "Coppa d'Oro – Città di Brescia (11/06/2024)", "Classifica assoluta", rank + " su 3", "Classifica femminile", "1 su 1",
                "Categoria 1927-1929", "Trofeo Franciacorta", "Punteggio: 0,00 penalità", "Pagina 1 di 1")) {
            assertTrue(text.contains(expected), "the certificate says " + expected + ":\n" + text);
        }
        assertProves(race, qr(one.asByteArray()), one.header("X-Results-Digest"));
        byte[] all = given().get("/api/races/" + race + "/certificates.pdf?lang=en").then().statusCode(200).extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(all)) {
            assertEquals(3, doc.getNumberOfPages(), "one page a crew");
        }
        String allText = text(all);
        assertTrue(allText.contains("Certificate of classification") && allText.contains("Page 3 of 3") && allText.contains("Stefan ?? Lukasiewicz - Zoë Müller")
                && allText.contains(rank + " of 3"), allText);
    }

    // ---- the register of checks

    @Test
    void theRegisterListsTheAverageAssignedAndTheVoidInTheLayoutOfTheRegulations() throws Exception {
        String race = played();
        String csv = given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + race + "/register.csv?lang=en")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        List<List<String>> rows = Csv.records(csv);
        assertEquals(List.of("number", "time", "car", "trial", "reason", "outcome", "by", "note"), rows.get(0));
        assertEquals(3, rows.size(), csv);
        // in time order: the void as timing-service stamped it (10:00 UTC, 12:00 in Rome), then the ruling, made now
        assertEquals(List.of("1", "2024-06-11 12:00:00", "3", "PC1, PC2", "timing", "corrected", "race-direction", "P2: wrong car"),
                rows.get(1), csv);
        assertEquals(List.of("2", "2", "1", "PC2", "impeded", "average assigned", "race-director", "ostacolato da un trattore"),
                List.of(rows.get(2).get(0), String.valueOf(rows.size() - 1), rows.get(2).get(2), rows.get(2).get(3), rows.get(2).get(4),
                        rows.get(2).get(5), rows.get(2).get(6), rows.get(2).get(7)), csv);
        assertTrue(rows.get(2).get(1).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"), "a local time: " + rows.get(2).get(1));
        given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + race + "/register.csv?lang=it").then()
                .body(org.hamcrest.Matchers.containsString("ostacolato,media assegnata"));

        given().header("Authorization", RealServers.raceDirection()).accept(ContentType.JSON).get("/api/races/" + race + "/register").then()
                .statusCode(200).body("total", equalTo(2)).body("timeZone", equalTo("Europe/Rome"))
                .body("entries[1].reason", equalTo("IMPEDED")).body("entries[1].outcome", equalTo("AVERAGE_ASSIGNED"))
                .body("entries[0].reason", equalTo("TIMING")).body("entries[0].outcome", equalTo("CORRECTED"))
                .body("entries[0].localTime", equalTo("2024-06-11 12:00:00")).body("entries[0].at", equalTo("2024-06-11T10:00:00.000Z"));
        byte[] workbook = given().header("Authorization", RealServers.raceDirection()).accept(Xlsx.MEDIA_TYPE)
                .get("/api/races/" + race + "/register").then().statusCode(200).contentType(Xlsx.MEDIA_TYPE).extract().asByteArray();
        assertEquals("average assigned", Xlsx.read(workbook).rows().get(2).get(5));
        assertTrue(given().header("Authorization", RealServers.raceDirection()).accept("text/csv").get("/api/races/" + race + "/register")
                .asString().contains("PC1, PC2"));

        byte[] pdf = given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + race + "/register.pdf?lang=it")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        String text = text(pdf);
        for (String expected : List.of("Registro delle verifiche", "ostacolato", "media assegnata", "cronometraggio", "corretto",
                "ostacolato da un trattore", "race-director", "Pagina 1 di 1")) {
            assertTrue(text.contains(expected), "the register says " + expected + ":\n" + text);
        }
        assertTrue(qr(pdf).contains("/api/races/" + race + "/export?asOf="));
        given().get("/api/races/" + race + "/register.csv").then().statusCode(401);
        given().get("/api/races/" + race + "/register.pdf").then().statusCode(401);
    }

    // ---- refusals

    @Test
    void anUnknownRaceOrCarABadListOrLanguageIsAProblemNeverAServerError() {
        String race = played();
        given().get("/api/races/no-such-race/standings.pdf").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/races/no-such-race/certificates.pdf").then().statusCode(404);
        given().get("/api/races/no-such-race/crews/1/results.pdf").then().statusCode(404);
        given().header("Authorization", RealServers.raceDirection()).get("/api/races/no-such-race/register.pdf").then().statusCode(404);
        given().header("Authorization", RealServers.raceDirection()).get("/api/races/no-such-race/register").then().statusCode(404);
        given().get("/api/races/" + race + "/crews/99/results.pdf").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/races/" + race + "/crews/99/certificate.pdf").then().statusCode(404);
        given().get("/api/races/" + race + "/crews/x/certificate.pdf").then().statusCode(404);
        given().get("/api/races/" + race + "/standings.pdf?list=podium").then().statusCode(400).body("errors[0].field", equalTo("list"));
        given().get("/api/races/" + race + "/standings.pdf?list=leg&leg=9").then().statusCode(400).body("errors[0].field", equalTo("leg"));
        given().get("/api/races/" + race + "/standings.pdf?lang=fr").then().statusCode(400).body("errors[0].field", equalTo("lang"));
        given().get("/api/races/" + race + "/standings.pdf?lang=it&list=podium").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("deve essere"));
        given().get("/api/races/" + race + "/crews/1/results.pdf?lang=de").then().statusCode(400);
        given().get("/api/races/" + race + "/crews/1/results.pdf?asOf=yesterday").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + race + "/register.csv?lang=xx").then().statusCode(400);
    }

    // ---- the screenshots

    @Test
    void eachPapersFirstPageRendersAndIsTheDocsScreenshot() throws Exception {
        String race = played();
        Map<String, byte[]> papers = Map.of(
                "standings-pdf", given().get("/api/races/" + race + "/standings.pdf?lang=it").asByteArray(),
                "results-pdf", given().get("/api/races/" + race + "/crews/1/results.pdf?lang=it").asByteArray(),
                "certificate-pdf", given().get("/api/races/" + race + "/crews/2/certificate.pdf?lang=it").asByteArray(),
                "register-pdf", given().header("Authorization", RealServers.raceDirection())
                        .get("/api/races/" + race + "/register.pdf?lang=it").asByteArray());
        Path docs = Path.of("..", "docs", "screenshots");
        for (Map.Entry<String, byte[]> paper : papers.entrySet()) {
            BufferedImage page = render(paper.getValue(), 100);
            assertEquals(826, page.getWidth(), 1, "A4 at 100 dpi: 595 pt wide");
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(page, "png", png);
            if (Boolean.getBoolean("papers.screenshots") && Files.isDirectory(docs)) {
                Files.write(docs.resolve(paper.getKey() + ".png"), png.toByteArray());
            }
        }
    }

    // ---- reading a PDF as its reader would

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    static BufferedImage render(byte[] pdf, float dpi) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.RGB);
        }
    }

    /** The first page's QR code, decoded from the page rendered at 150 dpi. */
    static String qr(byte[] pdf) throws Exception {
        BufferedImage page = render(pdf, 150);
        int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    /** The QR code's address is this service's export of the race as of the paper's moment, and those facts have its digest. */
    static void assertProves(String race, String address, String digest) {
        String prefix = "http://localhost:" + RestAssured.port + "/api/races/" + race + "/export?asOf=";
        assertTrue(address.startsWith(prefix), address + " starts with " + prefix);
        Instant asOf = OffsetDateTime.parse(address.substring(prefix.length())).toInstant();
        assertFalse(asOf.isAfter(Instant.now()));
        String path = URI.create(address).getRawPath() + "?" + URI.create(address).getRawQuery();
        given().header("Authorization", RealServers.raceDirection()).get(path).then().statusCode(200)
                .header("X-Results-Digest", equalTo(digest));
    }
}
