package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * The race office as a new organiser uses it, in a real headless Chromium against the packaged services: a race set up
 * from the template spreadsheet (its faults first shown row by row), the entry list imported from Excel, a phone given to
 * a post, its QR code read off the page and opened in the timekeeper app, which posts a crossing for that post; the post
 * sheets printed; a new QR code made (the old token revoked), the phone revoked and its token refused by timing-service; two revisions compared. Controls are found
 * by the names the issue gives them, in English on a laptop and in Italian on a phone.
 */
class OfficeIT {

    static final String RACE = "coppa-ufficio-2027";
    static final String POINT = "L1-P001";
    static final String DEVICE = "tk-ghedi";
    static Stack stack;
    static ChromeDriver browser;
    static Path files;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start("race office");
        stack = SharedStack.get();
        files = Files.createTempDirectory(SharedStack.root().resolve("deploy/target"), "office-");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    static WebElement control(String label) {
        return HeadlessChromium.control(browser, label);
    }

    static WebElement button(String name) {
        return HeadlessChromium.button(browser, name);
    }

    static void click(String name) {
        HeadlessChromium.click(browser, HeadlessChromium.named(name));
    }

    static void until(int seconds, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        HeadlessChromium.waiting(browser, Duration.ofSeconds(seconds)).until(condition);
    }

    static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    static byte[] get(String url, String accept) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

    /** The QR code an image on the page shows, decoded: drawn on a canvas by the page, read back as pixels. */
    static String decodeQr(WebElement image) throws Exception {
        String png = (String) browser.executeScript("""
                const img = arguments[0];
                const canvas = document.createElement('canvas');
                canvas.width = 400; canvas.height = 400;
                const g = canvas.getContext('2d');
                g.fillStyle = '#fff'; g.fillRect(0, 0, 400, 400);
                g.drawImage(img, 20, 20, 360, 360);
                return canvas.toDataURL('image/png').substring('data:image/png;base64,'.length);
                """, image);
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png)));
        int[] pixels = picture.getRGB(0, 0, picture.getWidth(), picture.getHeight(), null, 0, picture.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(picture.getWidth(), picture.getHeight(),
                pixels)))).getText();
    }

    @Test
    void anOrganiserSetsUpARaceFromTheTemplateAndAPhoneThatScansItsPostSheetTimesForThatPost() throws Exception {
        HeadlessChromium.laptop(browser);
        browser.get(stack.classificationUrl() + "/direction/");
        browser.executeScript("localStorage.setItem('direction.lang', 'en')");
        browser.navigate().refresh();
        until(20, d -> control("Token").isDisplayed() && !new Select(control("Race")).getOptions().isEmpty());
        control("Token").sendKeys(stack.directionToken("secretary-giulia"));
        new Select(control("Race")).selectByVisibleText("New race");
        button("Sign in").click();

        // a new race: its id, name, year and time zone, and the template with them
        until(10, d -> control("Race id").isDisplayed());
        control("Race id").sendKeys(RACE);
        control("Name").sendKeys("Coppa dell'Ufficio");
        control("Year").clear();
        control("Year").sendKeys("2027");
        assertEquals("Europe/Rome", control("Time zone").getAttribute("value"));
        assertTrue(button("Download the template").isDisplayed());
        byte[] template = get(stack.routeUrl() + "/api/templates/race?id=" + RACE + "&name=Coppa%20dell%27Ufficio&year=2027",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        // a sheet with a fault: every problem by row, next to its row, nothing saved
        Path broken = files.resolve("broken.csv");
        Files.writeString(broken, "\uFEFFrecord;leg;id;name;year;type;start;finish;targetMs;km;startPoint;town\n"
                + "race;;;Coppa;2027;;;;;;;\nleg;1;;Leg 1;;;;;;;S;\npoint;1;S;;;;;;;0;;\npoint;1;A;;;;;;;24;;\n"
                + "trial;1;PC1;;;PC;S;A;24,5;;;\n", StandardCharsets.UTF_8);
        control("Route spreadsheet").sendKeys(broken.toString());
        until(20, d -> !d.findElements(By.cssSelector("#route-problems li")).isEmpty());
        assertEquals("alert", browser.findElement(By.id("route-problems")).getAttribute("role"));
        assertTrue(text("route-problems").contains("row 6, column targetMs"), text("route-problems"));
        assertTrue(browser.findElement(By.cssSelector("tr.bad[data-row='6']")).getText().contains("targetMs"));
        assertTrue(browser.findElements(HeadlessChromium.named("Save")).stream().noneMatch(WebElement::isDisplayed));
        assertEquals(404, new Api().send("GET", stack.routeUrl() + "/api/races/" + RACE, null).status());

        // the template: shown per leg with its map, then saved
        Path sheet = files.resolve(RACE + ".xlsx");
        Files.write(sheet, template);
        control("Route spreadsheet").sendKeys(sheet.toString());
        until(30, d -> text("route-summary").contains("Ready to save as revision 1"));
        assertTrue(text("route-summary").contains("5 legs"), text("route-summary"));
        assertTrue(browser.findElements(By.cssSelector("#route-preview svg[role=img]")).size() == 5);
        assertTrue(browser.findElement(By.cssSelector("#route-preview svg")).getAttribute("aria-label").startsWith("Map of leg 1"));
        click("Save");
        until(30, d -> text("message").contains("Saved as revision 1"));
        assertEquals("Coppa dell'Ufficio", new Api().ok("GET", stack.routeUrl() + "/api/races/" + RACE, null).get("name").asText());
        stack.awaitRaceKnown(RACE);

        // the entry list from Excel's CSV (semicolons, decimal commas), then one crew edited, another withdrawn
        HeadlessChromium.click(browser, By.id("tab-entries"));
        Path crews = files.resolve("iscritti.csv");
        Files.writeString(crews, "\uFEFFcar;driver;driverFemale;codriver;codriverFemale;carModel;carYear;coefficient;category;team\n"
                + "7;Giovanni Moceri;no;Daniele Bonetti;no;Alfa Romeo 6C 1500 SS;1928;1,75;1927-1929;\n"
                + "8;Zoë Ricci;sì;Anna Verdi;sì;Fiat 508 C;1937;1,40;1937-1939;\n", StandardCharsets.UTF_8);
        control("Entry list spreadsheet").sendKeys(crews.toString());
        until(20, d -> text("entries-summary").contains("Ready to import 2 crews"));
        click("Save");
        until(20, d -> d.findElements(By.cssSelector("#crews-list tr[data-car]")).size() == 2);
        click("Edit (Car 8)");
        control("Coefficient").clear();
        control("Coefficient").sendKeys("1,45");
        click("Save crew");
        until(20, d -> d.findElement(By.cssSelector("#crews-list tr[data-car='8']")).getText().contains("1.45"));
        click("Withdraw (Car 8)");
        until(10, d -> d.findElement(By.id("confirm")).isDisplayed());
        click("Confirm");
        until(20, d -> d.findElements(By.cssSelector("#crews-list tr[data-car]")).size() == 1);

        // the crew sheets: one page per crew of the entry list, the QR code opening the crew app set up for its car
        browser.executeScript("window.print = () => { window.printed = true; };");
        click("Print crew sheets");
        until(30, d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript("return window.printed === true")));
        assertEquals(1, browser.findElements(By.cssSelector("#print-area .crew-sheet")).size(), "a sheet per crew (car 8 withdrawn)");
        WebElement crewQr = browser.findElement(By.cssSelector("#print-area .crew-sheet[data-car='7'] img[alt=\"QR code for car 7's phone\"]"));
        assertTrue(browser.findElement(By.cssSelector("#print-area .crew-sheet[data-car='7']")).getAttribute("textContent")
                .contains("Giovanni Moceri / Daniele Bonetti"));
        String crewLink = decodeQr(crewQr);
        assertTrue(crewLink.startsWith(stack.timingUrl() + "/crew/#token=") && crewLink.contains("&car=7&device=crew-7"), crewLink);
        JsonNode crewDevice = null;
        for (JsonNode d : stack.raceDirection().ok("GET", stack.routeUrl() + "/api/races/" + RACE + "/devices", null)) {
            if (d.get("device").asText().equals("crew-7")) {
                crewDevice = d;
            }
        }
        assertTrue(crewDevice != null && crewDevice.get("car").asInt() == 7 && crewDevice.get("state").asText().equals("ACTIVE"),
                String.valueOf(crewDevice));
        browser.executeScript("window.printed = false;");

        // a phone for the post at Ghedi: its QR code, read off the page, opens the app set up for the post
        HeadlessChromium.click(browser, By.id("tab-posts"));
        until(30, d -> !d.findElements(By.cssSelector("#posts-list li[data-point='" + POINT + "']")).isEmpty());
        WebElement name = browser.findElement(By.cssSelector("[aria-label='Device for post " + POINT + "']"));
        name.clear();
        name.sendKeys(DEVICE);
        click("Give device (" + POINT + ")");
        until(20, d -> !d.findElements(By.cssSelector("img[alt='QR code for post " + POINT + "']")).isEmpty()
                && (Boolean) ((ChromeDriver) d).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0",
                        d.findElement(By.cssSelector("img[alt='QR code for post " + POINT + "']"))));
        String link = decodeQr(browser.findElement(By.cssSelector("img[alt='QR code for post " + POINT + "']")));
        assertTrue(link.startsWith(stack.timingUrl() + "/timekeeper/#token="), link);
        String token = URLDecoder.decode(link.replaceAll(".*#token=([^&]+).*", "$1"), StandardCharsets.UTF_8);

        // the post sheets: one page per post, the QR code on the post's
        browser.executeScript("window.print = () => { window.printed = true; };");
        click("Print post sheets");
        until(30, d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript("return window.printed === true")));
        int posts = new Api().ok("GET", stack.routeUrl() + "/api/races/" + RACE + "/posts", null).size();
        assertEquals(posts, browser.findElements(By.cssSelector("#print-area .sheet")).size());
        assertEquals(1, browser.findElements(By.cssSelector("#print-area .sheet[data-point='" + POINT + "'] img[alt='QR code for post "
                + POINT + "']")).size());

        // the link opened as a phone would after scanning: set up for the post, a crossing timed
        browser.get("about:blank");
        browser.get(link);
        until(30, d -> button("Crossing").isDisplayed());
        Instant before = Instant.now();
        button("Crossing").click();
        control("Car").sendKeys("7" + Keys.ENTER);
        until(30, d -> {
            JsonNode page = stack.raceDirection().ok("GET", stack.timingUrl() + "/api/races/" + RACE + "/passages?car=7", null);
            return page.get("total").asInt() == 1 && page.get("entries").get(0).get("point").asText().equals(POINT)
                    && page.get("entries").get(0).get("device").asText().equals(DEVICE)
                    && !Instant.parse(page.get("entries").get(0).get("time").asText()).isBefore(before.minusSeconds(2));
        });

        // back in the console the code is not shown again (its token is not kept, issue 34): a new one revokes the old, whose
        // token timing refuses within a minute
        browser.get(stack.classificationUrl() + "/direction/");
        until(20, d -> d.findElement(By.id("console")).isDisplayed());
        HeadlessChromium.click(browser, By.id("tab-posts"));
        until(20, d -> !d.findElements(By.cssSelector("[aria-label='New QR code (" + DEVICE + ")']")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector("img[alt='QR code for post " + POINT + "']")).isEmpty());
        click("New QR code (" + DEVICE + ")");
        until(20, d -> !d.findElements(By.cssSelector("img[alt='QR code for post " + POINT + "']")).isEmpty()
                && (Boolean) ((ChromeDriver) d).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0",
                        d.findElement(By.cssSelector("img[alt='QR code for post " + POINT + "']"))));
        String again = decodeQr(browser.findElement(By.cssSelector("img[alt='QR code for post " + POINT + "']")));
        assertTrue(again.startsWith(stack.timingUrl() + "/timekeeper/#token=") && !again.equals(link), again);
        screenshot("office-posts");
        // the same on a phone, in Italian: the new button by its Italian name, nothing sideways
        HeadlessChromium.phone(browser);
        try {
            click("Italiano");
            until(20, d -> !d.findElements(By.cssSelector("[aria-label='Nuovo codice QR (" + DEVICE + ")']")).isEmpty());
            Long sideways = (Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
            assertEquals(0L, sideways, "the posts scroll sideways on a phone");
            screenshot("office-posts-phone-it");
            click("English");
            until(20, d -> !d.findElements(By.cssSelector("[aria-label='New QR code (" + DEVICE + ")']")).isEmpty());
        } finally {
            HeadlessChromium.laptop(browser);
        }
        // the phone is lost: revoked in the console
        click("Revoke (" + DEVICE + ")");
        until(20, d -> d.findElements(By.cssSelector("#posts-list [data-device='" + DEVICE + "']")).isEmpty());
        Api lost = new Api(token);
        Map<String, Object> passage = Map.of("id", UUID.randomUUID().toString(), "car", 7, "point", POINT, "time", Instant.now().toString(),
                "device", DEVICE, "source", "HOSE");
        long deadline = System.nanoTime() + Duration.ofSeconds(70).toNanos();
        int status;
        do {
            status = lost.send("POST", stack.timingUrl() + "/api/races/" + RACE + "/passages", passage).status();
            if (status != 401) {
                Thread.sleep(500);
            }
        } while (status != 401 && System.nanoTime() < deadline);
        assertEquals(401, status, "the revoked device's token still counts at timing-service");

        // History: a target corrected, then revisions 1 and 2 compared trial by trial
        stack.raceDirection().ok("PATCH", stack.routeUrl() + "/api/races/" + RACE + "/trials/PC1", Map.of("targetMs", 25_000));
        HeadlessChromium.click(browser, By.id("tab-route"));
        click("History");
        until(10, d -> new Select(control("To revision")).getOptions().size() == 2);
        new Select(control("From revision")).selectByValue("1");
        new Select(control("To revision")).selectByValue("2");
        click("Compare");
        until(10, d -> !d.findElements(By.cssSelector("#history-result tr[data-trial='PC1'][data-change='CHANGED']")).isEmpty());
        assertTrue(browser.findElement(By.cssSelector("#history-result tr[data-trial='PC1']")).getText().contains("25.00 s"));

        // the office in Italian on a phone: the same controls by their Italian names, nothing wider than the screen
        HeadlessChromium.phone(browser);
        browser.executeScript("localStorage.setItem('direction.lang', 'it')");
        browser.navigate().refresh();
        until(20, d -> d.findElement(By.id("console")).isDisplayed());
        for (String[] tab : List.of(new String[] { "Percorso", "Nuova gara" }, new String[] { "Iscritti", "Scarica gli iscritti" },
                new String[] { "Postazioni", "Stampa le schede delle postazioni" })) {
            click(tab[0]);
            until(20, d -> button(tab[1]).isDisplayed());
            assertEquals(0L, browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth"), tab[0]);
        }
        until(20, d -> !d.findElements(By.cssSelector("[aria-label='Dispositivo per la postazione " + POINT + "']")).isEmpty());
        assertTrue(button("Assegna dispositivo (" + POINT + ")").isDisplayed());
        click("Iscritti");
        until(20, d -> button("Stampa i fogli degli equipaggi").isDisplayed());
        click("Percorso");
        click("Nuova gara");
        for (String label : List.of("Id della gara", "Nome", "Anno", "Fuso orario", "Foglio del percorso")) {
            assertTrue(control(label).isDisplayed(), label);
        }
        // the same faulty sheet, in Italian: route-service's problems come in the office's language
        control("Id della gara").sendKeys(RACE + "-it");
        control("Foglio del percorso").sendKeys(broken.toString());
        until(20, d -> text("route-problems").contains("riga 6, colonna targetMs"));
        var english = PublicIT.ENGLISH_WORDS.matcher(text("route-problems"));
        assertTrue(!english.find(), "the office's problems in Italian say English words: " + text("route-problems"));
        assertTrue(!browser.findElement(By.tagName("body")).getText().matches("(?s).*\\b(null|undefined|NaN)\\b.*"));
        HeadlessChromium.laptop(browser);
    }

    /**
     * Issue 39: race direction places a GPS line on a timing point in the Route tab, by its fields (a decimal comma too)
     * and by a click on the map, sees route's fault next to the field it names, saves, and route's definition carries the
     * line; on a phone in Italian the same controls by their Italian names, the line removed; nothing sideways at 360 px
     * or at 1400 px, no "null" or "undefined".
     */
    @Test
    void raceDirectionPlacesAGpsLineOnATimingPointByItsFieldsAndTheMap() throws Exception {
        String race = "coppa-linee-2027";
        String point = "L1-P02";
        stack.raceDirection().ok("PUT", stack.routeUrl() + "/api/races/" + race, Api.JSON.readTree("""
                {"name": "Coppa delle Linee", "year": 2027, "timeZone": "Europe/Rome",
                 "legs": [{"number": 1, "name": "Brescia - Ghedi", "date": "2027-06-13", "from": "Brescia", "to": "Ghedi",
                           "distanceKm": 26.0, "startPoint": "L1-START",
                           "towns": [{"name": "Brescia", "km": 0.0, "lat": 45.5416, "lon": 10.2118},
                                     {"name": "Ghedi", "km": 25.0, "lat": 45.402, "lon": 10.279}],
                           "timingPoints": [{"id": "L1-START", "town": "Brescia", "km": 0.0},
                                            {"id": "L1-P01", "town": "Ghedi", "km": 25.0},
                                            {"id": "L1-P02", "town": "Ghedi", "km": 25.4},
                                            {"id": "L1-P03", "town": "Ghedi", "km": 26.0,
                                             "virtual": {"lat": 45.3957, "lon": 10.2994, "bearingDeg": 118.0, "widthM": 12.0}}],
                           "trials": [{"id": "PC1", "type": "PC", "start": "L1-P01", "finish": "L1-P02", "targetMs": 24000},
                                      {"id": "PC2", "type": "PC", "start": "L1-P02", "finish": "L1-P03", "targetMs": 40000}]}]}
                """));
        stack.awaitRaceKnown(race);
        wide(1400);
        try {
            browser.get(stack.classificationUrl() + "/direction/");
            browser.executeScript("sessionStorage.clear(); localStorage.setItem('direction.lang', 'en')");
            browser.navigate().refresh();
            until(20, d -> control("Token").isDisplayed() && new Select(control("Race")).getOptions().stream()
                    .anyMatch(o -> race.equals(o.getAttribute("value"))));
            control("Token").sendKeys(stack.directionToken("direttore-marco"));
            new Select(control("Race")).selectByValue(race);
            button("Sign in").click();
            until(20, d -> d.findElement(By.id("console")).isDisplayed());
            HeadlessChromium.click(browser, By.id("tab-route"));

            // each point says what times it: a post, a GPS line alone
            until(20, d -> !d.findElements(By.cssSelector("#lines-list li[data-point='" + point + "']")).isEmpty());
            assertEquals("Post", browser.findElement(By.cssSelector("#lines-list li[data-point='" + point + "'] .kind")).getText());
            assertEquals("GPS line", browser.findElement(By.cssSelector("#lines-list li[data-point='L1-P03'] .kind")).getText());
            assertTrue(button("Edit the GPS line (L1-P03)").isDisplayed());

            // the editor: its fields, a line suggested from the towns, drawn on the map across the road
            click("Place a GPS line (" + point + ")");
            until(20, d -> control("Latitude").isDisplayed() && !d.findElements(By.cssSelector("#line-map path.gps-line")).isEmpty());
            for (String label : List.of("Longitude", "Road heading (°)", "Line width (m)", "Backs up the post")) {
                assertTrue(control(label).isDisplayed(), label);
            }
            assertEquals("12", control("Line width (m)").getAttribute("value"));
            until(10, d -> !String.valueOf(d.findElement(By.cssSelector("#line-map path.gps-line")).getAttribute("d")).isBlank());
            // one click on the map, east of its centre: the centre moves east, the fields say where
            double lonBefore = Double.parseDouble(control("Longitude").getAttribute("value"));
            new org.openqa.selenium.interactions.Actions(browser).moveToElement(browser.findElement(By.id("line-map")), 80, 0).click().perform();
            until(10, d -> Double.parseDouble(control("Longitude").getAttribute("value")) > lonBefore);
            assertTrue(text("line-map-hint").startsWith("Centre placed at"), text("line-map-hint"));

            // route's validator refuses a heading of 400: its words next to that field, nothing saved
            control("Road heading (°)").clear();
            control("Road heading (°)").sendKeys("400");
            click("Save line");
            until(20, d -> !text("line-bearing-error").isBlank());
            assertTrue(text("line-bearing-error").contains("heading"), text("line-bearing-error"));
            assertEquals("true", control("Road heading (°)").getAttribute("aria-invalid"));
            assertEquals(1, stack.raceDirection().ok("GET", stack.routeUrl() + "/api/races/" + race, null).get("revision").asInt());

            // by the fields (a decimal comma too), backing up the post: saved, and route's definition carries it
            for (String[] f : List.of(new String[] { "Latitude", "45,40215" }, new String[] { "Longitude", "10.2795" },
                    new String[] { "Road heading (°)", "118.5" }, new String[] { "Line width (m)", "14" })) {
                control(f[0]).clear();
                control(f[0]).sendKeys(f[1]);
            }
            control("Backs up the post").click();
            click("Save line");
            until(30, d -> text("message").contains("GPS line of " + point + " saved: revision 2"));
            JsonNode line = stack.raceDirection().ok("GET", stack.routeUrl() + "/api/races/" + race, null).get("legs").get(0)
                    .get("timingPoints").get(2).get("virtual");
            assertEquals(45.40215, line.get("lat").asDouble(), 1e-9);
            assertEquals(10.2795, line.get("lon").asDouble(), 1e-9);
            assertEquals(118.5, line.get("bearingDeg").asDouble(), 1e-9);
            assertEquals(14.0, line.get("widthM").asDouble(), 1e-9);
            assertTrue(line.get("backup").asBoolean(), line.toString());
            until(20, d -> d.findElement(By.cssSelector("#lines-list li[data-point='" + point + "']")).getAttribute("data-kind").equals("backup"));
            assertEquals("Post, GPS line as backup", browser.findElement(By.cssSelector("#lines-list li[data-point='" + point + "'] .kind")).getText());
            until(20, d -> text("lines-replay").contains(point));
            noSidewaysNorNull("the Route tab's lines at 1400 px");
            click("Edit the GPS line (" + point + ")");
            until(20, d -> !d.findElements(By.cssSelector("#line-map path.gps-line")).isEmpty());
            assertEquals("45.40215", control("Latitude").getAttribute("value"));
            assertTrue(control("Backs up the post").isSelected());
            browser.executeScript("document.getElementById('line-editor').scrollIntoView()");
            screenshot("office-route-gps-line");
        } finally {
            HeadlessChromium.laptop(browser);
        }

        // on a phone, in Italian: the same controls by their Italian names; the line removed
        HeadlessChromium.phone(browser);
        try {
            click("Italiano");
            until(20, d -> control("Latitudine").isDisplayed());
            for (String label : List.of("Longitudine", "Direzione della strada (°)", "Larghezza della linea (m)", "Di riserva alla postazione")) {
                assertTrue(control(label).isDisplayed(), label);
            }
            assertTrue(button("Salva linea").isDisplayed());
            assertEquals("Postazione, linea GPS di riserva",
                    browser.findElement(By.cssSelector("#lines-list li[data-point='" + point + "'] .kind")).getText());
            noSidewaysNorNull("the Route tab's lines at 360 px, in Italian");
            click("Togli linea");
            until(30, d -> text("message").contains("Linea GPS di " + point + " tolta: revisione 3"));
            assertTrue(stack.raceDirection().ok("GET", stack.routeUrl() + "/api/races/" + race, null).get("legs").get(0)
                    .get("timingPoints").get(2).path("virtual").isMissingNode()
                    || stack.raceDirection().ok("GET", stack.routeUrl() + "/api/races/" + race, null).get("legs").get(0)
                            .get("timingPoints").get(2).get("virtual").isNull());
            until(20, d -> button("Posiziona una linea GPS (" + point + ")").isDisplayed());
            click("Posiziona una linea GPS (" + point + ")");
            until(20, d -> control("Latitudine").isDisplayed());
            noSidewaysNorNull("the line's editor at 360 px, in Italian");
            click("English");
            until(20, d -> control("Latitude").isDisplayed());
            noSidewaysNorNull("the line's editor at 360 px, in English");
            browser.executeScript("localStorage.setItem('direction.lang', 'en')");
        } finally {
            HeadlessChromium.laptop(browser);
        }
    }

    /** The page at another width, as a laptop's wider screen. */
    static void wide(int width) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900, "deviceScaleFactor", 1,
                "mobile", false));
    }

    static void noSidewaysNorNull(String what) {
        // against the page's own width (a laptop's window has a scroll bar down its side, which innerWidth counts)
        assertEquals(0L, browser.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth"),
                what + " scroll sideways");
        String page = browser.findElement(By.tagName("body")).getText();
        assertTrue(!page.matches("(?s).*\\b(null|undefined|NaN)\\b.*"), what + " say null, undefined or NaN: " + page);
    }

    static void screenshot(String name) throws IOException {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SharedStack.root().resolve("docs/screenshots/" + name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
