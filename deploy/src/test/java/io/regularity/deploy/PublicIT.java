package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The public's pages in a real headless Chromium against the packaged services: the dashboard in Italian on a phone
 * (nothing sideways, the list chooser by its Italian name), every running car on the map moving between two crossings
 * and found by number, the big screen paging by itself, the widget following the compact stream; and no "null",
 * "undefined" or "NaN" on any view of the dashboard, the timekeeper app or the console, for an empty race, one in progress
 * and a finished one, in both languages.
 */
class PublicIT {

    static final String LIVE = "coppa-pubblico";
    static final String EMPTY = "coppa-vuota";
    static final String DONE = "coppa-finita";
    static final String CIRCUIT = "coppa-circuito";
    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    static final Pattern BAD = Pattern.compile("\\b(null|undefined|NaN)\\b");
    static Stack stack;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start("public pages");
        stack = SharedStack.get();
        String today = LocalDate.now(ROME).toString();
        for (String race : List.of(LIVE, EMPTY, DONE)) {
            stack.raceDirection().ok("PUT", stack.routeUrl() + "/api/races/" + race, brescia("Coppa " + race));
            stack.awaitRaceKnown(race);
        }
        List<Map<String, Object>> crews = new ArrayList<>();
        for (int car = 21; car <= 34; car++) {
            crews.add(Map.of("car", car, "driver", Map.of("name", "Pilota " + car), "codriver", Map.of("name", car == 21 ? "Zoë Bianchi" : "Navigatore Rossi"),
                    "coefficient", 1.0, "category", "A"));
        }
        stack.raceDirection().ok("POST", stack.classificationUrl() + "/api/races/" + LIVE + "/crews", crews);
        stack.raceDirection().ok("POST", stack.classificationUrl() + "/api/races/" + DONE + "/crews", crews.subList(0, 3));
        // in progress: every car crossed S; cars 22.. finished PC1 long ago; car 21 is inside PC1 now
        Instant now = Instant.now();
        List<Map<String, Object>> live = new ArrayList<>();
        for (int car = 22; car <= 34; car++) {
            live.add(passage(car, "S", now.minusSeconds(3600 + car)));
            live.add(passage(car, "A", now.minusSeconds(1800 + car * 60L)));
            live.add(passage(car, "B", now.minusSeconds(1800 + car * 60L).plusMillis(36_000 + (car - 22) * 10L)));
        }
        live.add(passage(21, "S", now.minusSeconds(3600)));
        stack.timekeeper().ok("POST", stack.timingUrl() + "/api/races/" + LIVE + "/passages/batch", live);
        // finished: three crews through PC1 and CT1, the trials closed, the race published
        List<Map<String, Object>> done = new ArrayList<>();
        for (int car = 21; car <= 23; car++) {
            done.add(passage(car, "A", now.minusSeconds(7200 + car * 60L)));
            done.add(passage(car, "B", now.minusSeconds(7200 + car * 60L).plusMillis(36_020)));
            done.add(passage(car, "C", now.minusSeconds(5400 + car * 60L)));
        }
        stack.timekeeper().ok("POST", stack.timingUrl() + "/api/races/" + DONE + "/passages/batch", done);
        awaitScored(DONE, 3);
        for (String trial : List.of("PC1", "CT1")) {
            stack.raceDirection().ok("PATCH", stack.routeUrl() + "/api/races/" + DONE + "/trials/" + trial, Map.of("status", "CLOSED"));
        }
        stack.raceDirection().ok("POST", stack.routeUrl() + "/api/races/" + DONE + "/publish", null);
        // a circuit of two laps: PC1 on the first, PC2 on the second, car 7 round both
        stack.raceDirection().ok("PUT", stack.routeUrl() + "/api/races/" + CIRCUIT, """
                {"name": "Coppa del circuito", "year": 2026, "timeZone": "Europe/Rome",
                 "legs": [{"number": 1, "name": "Circuito di Franciacorta", "date": "%s", "from": "Castrezzato", "to": "Castrezzato",
                   "distanceKm": 2.5, "startPoint": "L", "laps": 2,
                   "towns": [{"name": "Castrezzato", "province": "BS", "km": 0.0, "lat": 45.5123, "lon": 9.9876}],
                   "timingPoints": [{"id": "L", "town": "Castrezzato", "km": 0.0}, {"id": "M", "town": "Castrezzato", "km": 1.2}],
                   "trials": [{"id": "PC1", "type": "PC", "start": "L", "startLap": 1, "finish": "M", "finishLap": 1, "targetMs": 60000},
                              {"id": "PC2", "type": "PC", "start": "L", "startLap": 2, "finish": "M", "finishLap": 2, "targetMs": 60000}]}]}
                """.formatted(today));
        stack.awaitRaceKnown(CIRCUIT);
        stack.raceDirection().ok("POST", stack.classificationUrl() + "/api/races/" + CIRCUIT + "/crews",
                List.of(Map.of("car", 7, "driver", Map.of("name", "Pilota 7"), "codriver", Map.of("name", "Navigatore 7"), "coefficient", 1.0,
                        "category", "A")));
        Instant lap = now.minusSeconds(900);
        List<Map<String, Object>> laps = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            laps.add(passage(7, "L", lap.plusSeconds(l * 150L)));
            laps.add(passage(7, "M", lap.plusSeconds(l * 150L).plusMillis(60_000 + 120 * l)));
        }
        laps.add(passage(7, "L", lap.plusSeconds(300)));
        // a backup chronometer at M took PC1's finish too, 376 ms later: a duplicate, named by its time and device
        laps.add(Map.of("id", UUID.randomUUID().toString(), "car", 7, "point", "M", "time", lap.plusMillis(60_376).toString(),
                "device", "tk-M-riserva", "source", "HOSE"));
        stack.timekeeper().ok("POST", stack.timingUrl() + "/api/races/" + CIRCUIT + "/passages/batch", laps);
        awaitScored(LIVE, 13);
    }

    /** A one-leg road race out of Brescia (S, then PC1 from A to B at Ghedi, CT1 at C), run today: {@code name} is its name. */
    static String brescia(String name) {
        return """
                {"name": "%s", "year": 2026, "timeZone": "Europe/Rome",
                 "legs": [{"number": 1, "name": "Brescia – Desenzano", "date": "%s", "from": "Brescia", "to": "Desenzano",
                   "distanceKm": 50.0, "startPoint": "S",
                   "towns": [{"name": "Brescia", "province": "BS", "km": 0.0, "lat": 45.5416, "lon": 10.2118},
                             {"name": "Ghedi", "province": "BS", "km": 25.0, "lat": 45.402, "lon": 10.279},
                             {"name": "Desenzano del Garda", "province": "BS", "km": 50.0, "lat": 45.4711, "lon": 10.5383}],
                   "timingPoints": [{"id": "S", "town": "Brescia", "km": 0.0}, {"id": "A", "town": "Ghedi", "km": 24.0},
                                    {"id": "B", "town": "Ghedi", "km": 24.6}, {"id": "C", "town": "Desenzano del Garda", "km": 45.0}],
                   "trials": [{"id": "PC1", "type": "PC", "start": "A", "finish": "B", "targetMs": 36000},
                              {"id": "CT1", "type": "CT", "point": "C"}]}]}
                """.formatted(name, LocalDate.now(ROME));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    static Map<String, Object> passage(int car, String point, Instant time) {
        return Map.of("id", UUID.randomUUID().toString(), "car", car, "point", point, "time", time.toString(), "device", "tk-" + point,
                "source", "HOSE");
    }

    static void awaitScored(String race, int measured) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (new Api().ok("GET", stack.classificationUrl() + "/api/races/" + race + "/trials", null).get(0).get("measured").asInt() < measured) {
            assertTrue(System.nanoTime() < deadline, race + " not scored in time");
            sleep(200);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void screenshot(String name) throws Exception {
        java.nio.file.Path dir = SharedStack.root().resolve("docs/screenshots");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.copy(browser.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(), dir.resolve(name + ".png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static void until(int seconds, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        HeadlessChromium.waiting(browser, Duration.ofSeconds(seconds)).until(condition);
    }

    static long sideways() {
        return (Long) browser.executeScript("""
                const w = window.innerWidth;
                return Math.max(document.documentElement.scrollWidth - w, ...[...document.querySelectorAll('body *')]
                  .filter(e => e.getClientRects().length && !e.closest('svg')).map(e => Math.round(e.getBoundingClientRect().right - w)));
                """);
    }

    /** Whatever a person or a screen reader meets on the page: its text, the accessible names and titles. */
    static String said() {
        return (String) browser.executeScript("""
                return document.body.innerText + ' ' + [...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')]
                  .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder'), e.getAttribute('alt')].join(' ')).join(' ')
                  + ' ' + [...document.querySelectorAll('svg title')].map(e => e.textContent).join(' ');
                """);
    }

    /** Words of the English pages and the server's English that an Italian reader must not meet, and any passage id. */
    static final List<String> ENGLISH = List.of("DUPLICATE", "duplicate of", "later", "backup chronometer", "Standings", "Map", "Anomalies",
            "MULTIPLE_CROSSINGS", "OUTSIDE_LAPS", "not counted", "Loading", "Leg", "Car", "Crew", "Score", "cars on the map", "Find a car",
            "must", "the");
    static final Pattern ENGLISH_WORDS = Pattern.compile("\\b(" + String.join("|", ENGLISH) + ")\\b");
    static final Pattern UUID_SHOWN = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    static void assertNoEnglishNorIds(String where) {
        assertNoEnglish(where);
        assertNoIds(where);
    }

    /** No word of {@link #ENGLISH} (as a whole word: "Mappa" is not "Map") in what the page says. */
    static void assertNoEnglish(String where) {
        String text = said();
        var m = ENGLISH_WORDS.matcher(text);
        assertTrue(!m.find(), where + " says \"" + (m.hitEnd() ? "" : m.group()) + "\": "
                + (m.hitEnd() ? "" : text.substring(Math.max(0, m.start() - 80), Math.min(text.length(), m.end() + 80))));
    }

    static void assertNoIds(String where) {
        String text = said();
        assertTrue(!UUID_SHOWN.matcher(text).find(), where + " shows a passage's id: " + text);
    }

    static void assertNothingMissing(String where) {
        String text = said();
        var m = BAD.matcher(text);
        assertTrue(!m.find(), where + " shows \"" + (m.hitEnd() ? "" : text.substring(Math.max(0, m.start() - 60), Math.min(text.length(), m.end() + 60))) + "\"");
        assertEquals(List.of(), HeadlessChromium.refusedByPolicy(browser), where + " runs something its Content-Security-Policy refuses");
    }

    @Test
    void onAPhoneInItalianTheStandingsFitAndTheLanguageIsKeptInTheAddress() throws Exception {
        HeadlessChromium.phone(browser);
        try {
            browser.get(stack.classificationUrl() + "/#/race/" + LIVE + "?lang=it");
            until(20, d -> d.findElements(By.cssSelector("#standings tbody tr")).size() == 14);
            new Select(browser.findElement(By.cssSelector("select[aria-label='Quale classifica']"))).selectByValue("overall");
            assertEquals(0L, sideways(), "nothing sideways at 360 px");
            List<String> shown = browser.findElements(By.cssSelector("#standings thead th")).stream().filter(WebElement::isDisplayed)
                    .map(WebElement::getText).toList();
            assertEquals(List.of("Pos.", "N.", "Equipaggio", "Punteggio", "Distacco"), shown);
            assertTrue(browser.findElement(By.id("status")).getText().contains("PROVVISORIA"));
            screenshot("dashboard-phone-it");
            // the switch says where it goes, and the address keeps the choice
            WebElement toggle = browser.findElement(By.cssSelector("button[aria-label='English']"));
            toggle.click();
            until(10, d -> d.getCurrentUrl().contains("lang=en") && d.findElement(By.id("status")).getText().contains("PROVISIONAL"));
            browser.findElement(By.cssSelector("#standings tbody tr[data-car='21']")).click();
            until(10, d -> d.getCurrentUrl().contains("/crew/21") && d.getCurrentUrl().contains("lang=en"));
            assertEquals(0L, sideways());
        } finally {
            HeadlessChromium.laptop(browser);
        }
    }

    @Test
    void everyRunningCarIsOnTheMapMovingBetweenCrossingsAndASearchFollowsIt() throws Exception {
        stack.timekeeper().ok("POST", stack.timingUrl() + "/api/races/" + LIVE + "/passages", passage(21, "A", Instant.now()));
        browser.get(stack.classificationUrl() + "/#/race/" + LIVE + "/map?leg=1&lang=en");
        until(20, d -> d.findElements(By.cssSelector("#leg-map circle.car")).size() == 14);
        WebElement dot = browser.findElement(By.cssSelector("#leg-map circle.car[data-car='21']"));
        double first = Double.parseDouble(dot.getAttribute("data-km"));
        sleep(2500);
        double later = Double.parseDouble(browser.findElement(By.cssSelector("#leg-map circle.car[data-car='21']")).getAttribute("data-km"));
        assertTrue(later > first && later <= 24.6, "car 21 moves on between A and B at 60 km/h: " + first + " → " + later);
        String name = browser.findElement(By.cssSelector("#leg-map circle.car[data-car='21']")).getAttribute("aria-label");
        assertTrue(name.startsWith("Car 21") && name.contains("estimated position after A"), name);
        // the cars that finished PC1 wait at the next point they have not crossed
        assertEquals("45.000", browser.findElement(By.cssSelector("#leg-map circle.car[data-car='22']")).getAttribute("data-km"),
                "half an hour after B at 50 km/h, it waits at C, which it has not crossed");
        screenshot("dashboard-map-cars");
        // a search by name follows the car
        browser.findElement(By.id("find-car")).sendKeys("bianchi");
        until(5, d -> d.findElement(By.id("map-status")).getText().startsWith("Following car 21"));
        assertTrue(browser.findElement(By.cssSelector("#leg-map circle.car[data-car='21']")).getAttribute("class").contains("found"));
        // car 21 crosses B: the stream brings it there and it moves on from B; a retired car leaves the map
        stack.timekeeper().ok("POST", stack.timingUrl() + "/api/races/" + LIVE + "/passages", passage(21, "B", Instant.now()));
        stack.raceDirection().ok("POST", stack.classificationUrl() + "/api/races/" + LIVE + "/rulings",
                Map.of("type", "RETIRE", "car", 34, "reason", "gearbox"));
        try {
            until(20, d -> d.findElement(By.cssSelector("#leg-map circle.car[data-car='21']")).getAttribute("aria-label").matches(".*(at|after) B, .*")
                    && d.findElements(By.cssSelector("#leg-map circle.car[data-car='34']")).isEmpty());
        } catch (RuntimeException e) {
            throw new AssertionError("car 21: " + browser.findElement(By.cssSelector("#leg-map circle.car[data-car='21']")).getAttribute("aria-label")
                    + "; car 34 shown: " + !browser.findElements(By.cssSelector("#leg-map circle.car[data-car='34']")).isEmpty()
                    + "; the API: " + new Api().ok("GET", stack.classificationUrl() + "/api/races/" + LIVE + "/positions?leg=1", null), e);
        }
        // car 22 sends a fix (issue 39): the positions stream moves it there, placed by GPS, no longer estimated
        Instant fixAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        stack.raceDirection().ok("POST", stack.timingUrl() + "/api/races/" + LIVE + "/cars/22/fixes", List.of(Map.of("time", fixAt.toString(),
                "lat", 45.44, "lon", 10.41, "speedMs", 14.0, "headingDeg", 80.0, "accuracyM", 4.0, "source", "PHONE")));
        String fixMs = String.valueOf(fixAt.toEpochMilli());
        try {
            until(20, d -> fixMs.equals(d.findElement(By.cssSelector("#leg-map circle.car[data-car='22']")).getAttribute("data-fix-time")));
        } catch (RuntimeException e) {
            throw new AssertionError("car 22 not moved by its fix: " + browser.findElement(By.cssSelector("#leg-map circle.car[data-car='22']"))
                    .getAttribute("outerHTML") + "; the API: " + new Api().ok("GET", stack.classificationUrl() + "/api/races/" + LIVE
                    + "/positions?leg=1", null), e);
        }
        long fixToMap = Instant.now().toEpochMilli() - fixAt.toEpochMilli();
        WebElement moved = browser.findElement(By.cssSelector("#leg-map circle.car[data-car='22']"));
        assertTrue(moved.getAttribute("class").contains("gps") && !moved.getAttribute("class").contains("estimated"), moved.getAttribute("class"));
        assertTrue(moved.getAttribute("aria-label").startsWith("Car 22") && moved.getAttribute("aria-label").contains("GPS position"),
                moved.getAttribute("aria-label"));
        System.out.println("fix to map (posted, through Kafka, the stream, the page): " + fixToMap + " ms");
    }

    @Test
    void theBigScreenPagesByItselfAndTheWidgetFollowsTheCompactStream() throws Exception {
        browser.get(stack.classificationUrl() + "/#/race/" + LIVE + "?screen=1&every=2&lang=it");
        until(20, d -> d.findElements(By.cssSelector("#screen-standings tbody tr")).size() == 10);
        assertTrue(browser.findElements(By.cssSelector("header.top")).stream().noneMatch(WebElement::isDisplayed), "no controls");
        until(8, d -> "1".equals(d.findElement(By.id("screen-list")).getAttribute("data-page")));
        assertTrue(browser.findElement(By.id("screen-page")).getText().equals("2 / 2"));
        until(10, d -> d.findElement(By.id("screen-best")).getText().startsWith("Migliori nella PC1"));
        screenshot("dashboard-screen");

        browser.get(stack.classificationUrl() + "/#/race/" + LIVE + "?lang=en");
        until(20, d -> !d.findElements(By.id("embed-code")).isEmpty());
        String code = browser.findElement(By.id("embed-code")).getAttribute("value");
        assertTrue(code.startsWith("<iframe src=\"" + stack.classificationUrl() + "/widget.html#/race/" + LIVE + "?size=10&lang=en\""), code);

        browser.get(stack.classificationUrl() + "/widget.html#/race/" + LIVE + "?size=10&lang=en");
        until(20, d -> d.findElements(By.cssSelector("#widget-standings tbody tr")).size() == 10);
        String before = browser.findElement(By.id("widget-standings")).getText();
        // car 33's PC1 is voided: its row moves, the compact stream says so
        String passage = new Api().ok("GET", stack.timingUrl() + "/api/races/" + LIVE + "/passages?car=33&point=B", null).get("entries").get(0)
                .get("id").asText();
        stack.raceDirection().ok("POST", stack.timingUrl() + "/api/races/" + LIVE + "/passages/" + passage + "/void", Map.of("reason", "test"));
        until(20, d -> !d.findElement(By.id("widget-standings")).getText().equals(before));
        screenshot("widget-laptop-en");
        // the widget on a phone, in Italian: its own page, nothing sideways
        HeadlessChromium.phone(browser);
        try {
            browser.get(stack.classificationUrl() + "/widget.html#/race/" + LIVE + "?size=10&lang=it");
            until(20, d -> d.findElements(By.cssSelector("#widget-standings tbody tr")).size() == 10);
            assertTrue(browser.findElement(By.id("app")).getText().contains("Classifica completa"));
            assertEquals(0L, sideways(), "the widget scrolls sideways on a phone");
            screenshot("widget-phone-it");
        } finally {
            HeadlessChromium.laptop(browser);
        }
    }

    @Test
    void theHomePagesMenuIsInItsLanguageTheBigScreenShowsTheLastPcAndACircuitsCrewPageItsLaps() throws Exception {
        // the home page in Italian: the race views' menu is not shown before a race is chosen, and its words are Italian
        browser.get(stack.classificationUrl() + "/#/?lang=it");
        until(20, d -> !d.findElement(By.id("app")).getText().isBlank() && !d.findElement(By.id("app")).getText().startsWith("Caricamento"));
        assertTrue(!browser.findElement(By.id("race-nav")).isDisplayed(), "no race views before a race is chosen");
        assertEquals("Classifica", browser.findElement(By.id("nav-standings")).getAttribute("textContent"));
        assertTrue(!said().contains("Standings") && !said().contains("Anomalies"), said());
        // the finished race's last trial is a CT, where every crew on time scores 0: the best are those of PC1
        browser.get(stack.classificationUrl() + "/#/race/" + DONE + "?screen=1&every=2&lang=it");
        until(20, d -> d.findElement(By.id("screen-best")).getText().startsWith("Migliori nella PC1"));
        // a circuit's crew page says on which lap each crossing counted
        HeadlessChromium.phone(browser);
        try {
            browser.get(stack.classificationUrl() + "/#/race/" + CIRCUIT + "/crew/7?lang=it");
            until(30, d -> d.findElements(By.cssSelector("tr[data-trial='PC2'] td.measured")).stream()
                    .anyMatch(e -> e.getText().contains("(giro 2)")));
            String pc1 = browser.findElement(By.cssSelector("tr[data-trial='PC1'] td.measured")).getText();
            assertTrue(pc1.contains("(giro 1)") && !pc1.contains("giro 2"), pc1);
            assertEquals(0L, sideways(), "nothing sideways at 360 px");
            String notes = browser.findElement(By.cssSelector("tr[data-trial='PC1'] + tr.notes")).getText();
            assertTrue(notes.contains("cronometro di riserva") && notes.contains("(tk-M)") && notes.contains("376 ms dopo"), notes);
            assertNoEnglishNorIds("the circuit's crew page in Italian");
            screenshot("dashboard-crew-circuit-phone-it");
            // the public anomalies page, in Italian: the duplicate in words, no code and no passage id
            browser.get(stack.classificationUrl() + "/#/race/" + CIRCUIT + "/anomalies?lang=it");
            until(20, d -> !d.findElements(By.cssSelector("#anomalies tr[data-type='DUPLICATE']")).isEmpty());
            assertTrue(browser.findElement(By.cssSelector("#anomalies tr[data-type='DUPLICATE']")).getText().startsWith("Doppione"));
            assertNoEnglishNorIds("the anomalies page in Italian");
        } finally {
            HeadlessChromium.laptop(browser);
        }
    }

    @Test
    void noViewOfAnyPageShowsNullUndefinedOrNaN() {
        String token = stack.directionToken("press-officer");
        for (String lang : List.of("en", "it")) {
            for (String race : List.of(EMPTY, LIVE, DONE)) {
                for (String view : List.of("/", "/race/" + race, "/race/" + race + "/crew/21", "/race/" + race + "/map",
                        "/race/" + race + "/anomalies", "/race/" + race + "?screen=1", "widget.html#/race/" + race)) {
                    String hash = view.contains("?") ? view + "&lang=" + lang : view + "?lang=" + lang;
                    browser.get(stack.classificationUrl() + (hash.startsWith("widget.html") ? "/" : "/#") + hash);
                    until(20, d -> !d.findElement(By.id("app")).getText().isBlank() && !d.findElement(By.id("app")).getText().startsWith("Loading"));
                    sleep(300);
                    assertNothingMissing("the dashboard at " + hash);
                    assertNoIds("the dashboard at " + hash);
                    if (lang.equals("it")) {
                        assertNoEnglish("the dashboard at " + hash);
                    }
                }
                // the console, signed in, every tab
                browser.get(stack.classificationUrl() + "/direction/");
                browser.executeScript("sessionStorage.setItem('direction.token', arguments[0]); sessionStorage.setItem('direction.race', arguments[1]);"
                        + "localStorage.setItem('direction.lang', arguments[2]);", token, race, lang);
                browser.navigate().refresh();
                until(20, d -> d.findElement(By.id("console")).isDisplayed());
                for (String tab : List.of("decide", "trials", "crew", "journal", "route", "entries", "posts", "season")) {
                    HeadlessChromium.click(browser, By.id("tab-" + tab));
                    sleep(600);
                    assertNothingMissing("the console's " + tab + " tab of " + race + " in " + lang);
                    if (lang.equals("it")) {
                        assertNoEnglish("the console's " + tab + " tab of " + race + " in Italian");
                    }
                }
                // the timekeeper app, set up for the race, and its set-up screen
                browser.get(stack.timingUrl() + "/timekeeper/manifest.json");
                browser.executeScript("localStorage.setItem('timekeeper.lang', JSON.stringify(arguments[0]))", lang);
                browser.get("about:blank");
                browser.get(stack.timingUrl() + "/timekeeper/#token=" + URLEncoder.encode(stack.postToken("tk-public"), StandardCharsets.UTF_8)
                        + "&race=" + race + "&leg=1&point=A&device=tk-public");
                until(20, d -> d.findElements(By.id("crossing")).stream().anyMatch(WebElement::isDisplayed));
                sleep(500);
                assertNothingMissing("the timekeeper app at " + race + " in " + lang);
                if (lang.equals("it")) {
                    assertNoEnglish("the timekeeper app at " + race + " in Italian");
                }
                browser.findElement(By.id("change-post")).click();
                sleep(300);
                assertNothingMissing("the timekeeper app's set-up in " + lang);
            }
        }
    }

    /**
     * Issue 36's pages: a championship over the finished race (final) and the live one (provisional), followed on the
     * dashboard in both languages on a phone and a laptop: its list, the rounds still provisional counted at a click, a
     * person's page saying which round was dropped and why, the big screen; and the home page leads to it.
     */
    @Test
    void theSeasonIsFollowedOnThePhoneAndTheLaptopInBothLanguages() throws Exception {
        String id = "trofeo-pubblico";
        String standings = stack.championshipUrl() + "/api/championships/" + id + "/standings";
        Api reader = new Api();
        until(60, d -> stack.raceDirection().send("PUT", stack.championshipUrl() + "/api/championships/" + id, """
                {"id": "%s", "name": "Trofeo del pubblico", "season": 2026, "rounds": [{"race": "%s"}, {"race": "%s", "weight": 2}],
                 "countBest": 1, "minRounds": 1}
                """.formatted(id, DONE, LIVE)).status() / 100 == 2);
        until(60, d -> reader.ok("GET", standings, null).get("entries").size() == 3
                && reader.ok("GET", standings + "?provisional=true", null).get("entries").size() == 14);
        for (String lang : List.of("it", "en")) {
            for (boolean onPhone : List.of(true, false)) {
                String where = "the championship in " + lang + (onPhone ? " on a phone" : " on a laptop");
                if (onPhone) {
                    HeadlessChromium.phone(browser);
                } else {
                    HeadlessChromium.laptop(browser);
                }
                browser.get(stack.classificationUrl() + "/#/?lang=" + lang);
                until(20, d -> !d.findElements(By.cssSelector("#championships a[data-championship='" + id + "']")).isEmpty());
                HeadlessChromium.click(browser, By.cssSelector("#championships a[data-championship='" + id + "']"));
                // by the final round only, then with the live round counted too, marked
                until(20, d -> d.findElements(By.cssSelector("#season-standings tbody tr")).size() == 3);
                String finalRounds = lang.equals("it") ? "GARE DEFINITIVE" : "FINAL ROUNDS"; // the list redrawn at each event: looked up again
                until(10, d -> finalRounds.equals(d.findElement(By.id("season-status")).getText()));
                HeadlessChromium.control(browser, lang.equals("it") ? "Conta le gare ancora provvisorie" : "Count the rounds still provisional").click();
                until(20, d -> d.findElements(By.cssSelector("#season-standings tbody tr")).size() == 14);
                String withProvisional = lang.equals("it") ? "CON GARE PROVVISORIE" : "WITH PROVISIONAL ROUNDS";
                until(10, d -> withProvisional.equals(d.findElement(By.id("season-status")).getText()));
                sleep(300);
                assertTrue(sideways() <= 0, where + " scrolls sideways by " + sideways() + " px");
                assertNothingMissing(where);
                if (lang.equals("it")) {
                    assertNoEnglish(where);
                }
                if (onPhone == lang.equals("it")) {
                    screenshot("season-standings-" + lang + (onPhone ? "-phone" : "-laptop"));
                }
                // a driver of both rounds: the round with fewer weighted points is dropped, and the page says why
                HeadlessChromium.click(browser, By.xpath("//table[@id='season-standings']//a[normalize-space()='Pilota 22']"));
                String why = lang.equals("it") ? "scartata: conta solo il miglior risultato" : "dropped: only the best result counts";
                // one round of two dropped (the best 1 counts), the page saying why; the page redrawn at each event: looked up again
                until(20, d -> "Pilota 22".equals(d.findElement(By.id("person-title")).getText())
                        && d.findElements(By.cssSelector("#person-rounds tbody tr")).size() == 2
                        && d.findElements(By.cssSelector("#person-rounds tr.counted")).size() == 1
                        && d.findElements(By.cssSelector("#person-rounds tr.not-counted")).stream().map(WebElement::getText).toList().size() == 1
                        && d.findElement(By.cssSelector("#person-rounds tr.not-counted")).getText().contains(why));
                sleep(300);
                assertTrue(sideways() <= 0, where + ": the person's page scrolls sideways by " + sideways() + " px");
                assertNothingMissing(where + ": the person's page");
                if (lang.equals("it")) {
                    assertNoEnglish(where + ": the person's page");
                }
                if (onPhone != lang.equals("it")) {
                    screenshot("season-person-" + lang + (onPhone ? "-phone" : "-laptop"));
                }
            }
        }
        // the big screen: ten at a time, large, nothing else
        HeadlessChromium.laptop(browser);
        browser.get(stack.classificationUrl() + "/#/championship/" + id + "?provisional=true&screen=1&every=1&lang=it");
        until(20, d -> d.findElements(By.cssSelector("#screen-standings tbody tr")).size() == 10);
        until(10, d -> "1".equals(d.findElement(By.id("screen-list")).getAttribute("data-page"))
                && d.findElements(By.cssSelector("#screen-standings tbody tr")).size() == 4); // it pages by itself: the last four
        assertTrue(!browser.findElement(By.cssSelector("header.top")).isDisplayed(), "the big screen shows the list alone");
        assertNothingMissing("the championship's big screen");
        browser.get("about:blank");
    }
}
