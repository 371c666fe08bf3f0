package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The timekeeper app in a real headless Chromium against the packaged services: a post set up and worked
 * like a timekeeper would, offline with a reload in between, refusals shown on their items, and the clock
 * offset measured against a skewed server. Controls are found by their accessible names.
 */
class TimekeeperIT {

    static final String RACE = "coppa-posti-2024";
    static final Api reader = new Api();
    static Stack stack;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start("timekeeper app");
        stack = SharedStack.get();
        stack.raceDirection().ok("PUT", stack.routeUrl() + "/api/races/" + RACE, """
                {"name": "Coppa dei Posti", "year": 2024,
                 "legs": [{"number": 1, "name": "Brescia – Salò", "date": "2024-06-11", "from": "Brescia", "to": "Salò",
                   "distanceKm": 40.0, "startPoint": "S",
                   "towns": [{"name": "Brescia", "province": "BS", "km": 0.0, "lat": 45.54, "lon": 10.21},
                             {"name": "Gavardo", "province": "BS", "km": 25.0, "lat": 45.58, "lon": 10.43}],
                   "timingPoints": [{"id": "S", "town": "Brescia", "km": 0.0}, {"id": "P1", "town": "Gavardo", "km": 24.8},
                                    {"id": "P2", "town": "Gavardo", "km": 25.4}, {"id": "P3", "town": "Gavardo", "km": 26.0},
                                    {"id": "P4", "town": "Gavardo", "km": 26.5}],
                   "trials": [{"id": "PC1", "type": "PC", "start": "P1", "finish": "P2", "targetMs": 30000}]}]}
                """);
        stack.awaitRaceKnown(RACE);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    // ---- finding controls as a person (or a screen reader) does: by their names

    static WebElement control(String label) {
        return HeadlessChromium.control(browser, label);
    }

    static WebElement button(String name) {
        return HeadlessChromium.button(browser, name);
    }

    static String status() {
        return browser.findElement(By.cssSelector("[role=status]")).getText();
    }

    static WebDriverWait waiting(int seconds) {
        return HeadlessChromium.waiting(browser, Duration.ofSeconds(seconds));
    }

    /** Opens the link race direction hands out, and sets the post up on a timing point. */
    static void setUpPost(String device, String point) {
        browser.get("about:blank"); // the link opened afresh, as from a QR code
        browser.get(stack.timingUrl() + "/timekeeper/#token=" + stack.postToken(device));
        waiting(20).until(d -> control("Race").isDisplayed() && !new Select(control("Race")).getOptions().isEmpty());
        assertEquals(device, control("Device").getAttribute("value"), "the device comes from the token");
        new Select(control("Race")).selectByValue(RACE);
        new Select(control("Leg")).selectByValue("1");
        new Select(control("Timing point")).selectByValue(point);
        button("Start").click();
        waiting(10).until(d -> button("Crossing").isDisplayed());
        waiting(10).until(d -> (Boolean) browser.executeScript("return !!navigator.serviceWorker.controller"));
    }

    /** Presses Crossing; returns the wall-clock window the press happened in. */
    static long[] press() {
        long before = System.currentTimeMillis();
        button("Crossing").click();
        return new long[] { before, System.currentTimeMillis() };
    }

    static void typeCar(int car) {
        control("Car").sendKeys(car + "" + Keys.ENTER);
    }

    /** Whatever a test did to the network, the next one starts online (a test that failed offline must not leave it so). */
    @org.junit.jupiter.api.AfterEach
    void backOnline() {
        offline(false);
    }

    static void offline(boolean offline) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Clicks a button of a crossing's row; again if the list was redrawn between finding the row and clicking (a stale element). */
    static void clickIn(int car, String labelStart) {
        waiting(5).until(d -> {
            item(car).findElement(By.xpath(".//button[starts-with(@aria-label, '" + labelStart + "')]")).click();
            return true;
        });
    }

    static WebElement item(int car) {
        return browser.findElements(By.cssSelector("#crossings li")).stream()
                .filter(li -> li.findElement(By.className("carno")).getText().equals("#" + car)).findFirst()
                .orElseThrow(() -> new AssertionError("no crossing of car " + car + " on the page"));
    }

    /** The race's passages from one device, by car, as timing stored them. */
    static Map<Integer, List<JsonNode>> stored(String device) {
        JsonNode page = stack.raceDirection().ok("GET", stack.timingUrl() + "/api/races/" + RACE + "/passages?size=500", null);
        Map<Integer, List<JsonNode>> byCar = new HashMap<>();
        page.get("entries").forEach(p -> {
            if (p.get("device").asText().equals(device)) {
                byCar.computeIfAbsent(p.get("car").asInt(), k -> new ArrayList<>()).add(p);
            }
        });
        return byCar;
    }

    static void screenshot(String name) throws Exception {
        Path dir = SharedStack.root().resolve("docs/screenshots");
        Files.createDirectories(dir);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve("timekeeper-" + name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aWholePostSessionStoresEveryCrossingOnceWithItsCarAndTime() throws Exception {
        setUpPost("tk-p1", "P1");
        Map<Integer, long[]> pressed = new HashMap<>();
        for (int car = 100; car < 110; car++) { // pressed and numbered one by one
            pressed.put(car, press());
            typeCar(car);
        }
        List<long[]> bunch = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // five cars arrive together: stamped first, numbered afterwards
            bunch.add(press());
        }
        waiting(5).until(d -> status().contains("5 to number"));
        for (int i = 0; i < 5; i++) {
            pressed.put(110 + i, bunch.get(i));
            typeCar(110 + i);
        }
        waiting(30).until(d -> status().contains("all sent"));
        // no network for a while: one crossing typed wrong and fixed before it is sent, one stamped by mistake
        offline(true);
        pressed.put(115, press());
        typeCar(151);
        clickIn(151, "Edit car");
        typeCar(115);
        press();
        item(115); // the fixed one is on the page
        waiting(5).until(d -> {
            browser.findElements(By.cssSelector("#crossings li")).stream().filter(li -> "new".equals(li.getAttribute("data-status")))
                    .findFirst().orElseThrow().findElement(By.xpath(".//button[starts-with(@aria-label, 'Delete')]")).click();
            return true;
        });
        waiting(5).until(d -> status().contains("1 waiting") && !status().contains("to number"));
        offline(false);
        button("Send now").click();
        for (int car = 116; car < 130; car++) {
            pressed.put(car, press());
            typeCar(car);
        }
        waiting(30).until(d -> status().contains("all sent"));
        // the crossing sent as car 125 was really car 135: corrected after it was sent
        waiting(10).until(d -> "sent".equals(item(125).getAttribute("data-status")));
        clickIn(125, "Correct");
        typeCar(135);
        waiting(30).until(d -> status().contains("all sent") && "voided".equals(item(125).getAttribute("data-status")));
        screenshot("laptop");

        Map<Integer, List<JsonNode>> stored = stored("tk-p1");
        List<Integer> expected = new ArrayList<>(pressed.keySet());
        expected.add(135);
        assertEquals(expected.stream().sorted().toList(), stored.keySet().stream().sorted().toList(), "the cars stored");
        stored.forEach((car, passages) -> assertEquals(1, passages.size(), "car " + car + " stored once"));
        pressed.forEach((car, window) -> {
            long at = Instant.parse(stored.get(car).get(0).get("time").asText()).toEpochMilli();
            assertTrue(at >= window[0] - 50 && at <= window[1] + 50, "car " + car + "'s time " + at + " is the press's, "
                    + window[0] + "–" + window[1]);
            assertEquals("P1", stored.get(car).get(0).get("point").asText());
        });
        JsonNode wrong = stored.get(125).get(0);
        assertEquals("VOIDED", wrong.get("status").asText());
        assertTrue(wrong.get("voidReason").asText().contains("125") && wrong.get("voidReason").asText().contains("135"));
        assertEquals("timekeeper-tk-p1", wrong.get("voidedBy").asText(), "the post voided it, and it says so");
        assertEquals("RECORDED", stored.get(135).get(0).get("status").asText());
        assertEquals(wrong.get("time").asText(), stored.get(135).get(0).get("time").asText(), "the same crossing, the right car");
    }

    @Test
    void crossingsRecordedOfflineSurviveAReloadAndArriveOnceTheNetworkIsBack() throws Exception {
        setUpPost("tk-p2", "P2");
        offline(true);
        try {
            for (int car = 200; car < 220; car++) {
                press();
                typeCar(car);
            }
            waiting(5).until(d -> status().contains("20 waiting"));
            browser.navigate().refresh();
            waiting(20).until(d -> button("Crossing").isDisplayed() && status().contains("20 waiting"));
            assertEquals(20, browser.findElements(By.cssSelector("#crossings li[data-status='waiting']")).size());
            assertTrue(stored("tk-p2").isEmpty(), "nothing reached the server while offline");
        } finally {
            offline(false);
        }
        button("Send now").click();
        waiting(60).until(d -> status().contains("all sent"));
        Map<Integer, List<JsonNode>> stored = stored("tk-p2");
        assertEquals(20, stored.size());
        stored.forEach((car, passages) -> assertEquals(1, passages.size(), "car " + car + " stored once"));
        browser.manage().window().setSize(new Dimension(360, 780));
        try {
            long overflow = (Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
            assertTrue(overflow <= 0, "the app scrolls sideways on a 360 px phone by " + overflow + " px");
            screenshot("phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1366, 900));
        }
    }

    @Test
    void aRefusedItemIsShownOnItselfAndTheOthersGoOn() throws Exception {
        setUpPost("tk-p3", "P3");
        browser.manage().window().setSize(new Dimension(360, 780));
        try {
            button("Italiano").click(); // the same post in Italian on a phone, then back
            waiting(5).until(d -> button("Passaggio").isDisplayed() && control("Vettura").isDisplayed()
                    && button("Invia ora").isDisplayed() && status().contains("tutto inviato"));
            screenshot("phone-it");
            button("English").click();
        } finally {
            browser.manage().window().setSize(new Dimension(1366, 900));
        }
        waiting(5).until(d -> button("Crossing").isDisplayed());
        offline(true);
        try {
            press();
            typeCar(300);
            press();
            typeCar(10_000); // not a car number the race can have: INVALID
            press();
            typeCar(302);
            waiting(5).until(d -> status().contains("3 waiting"));
            // meanwhile the id of 302's crossing reaches the server with other content: CONFLICT
            String id = item(302).getAttribute("data-id");
            stack.timekeeper().ok("POST", stack.timingUrl() + "/api/races/" + RACE + "/passages", Map.of("id", id, "car", 999,
                    "point", "P3", "time", "2024-06-11T09:00:00Z", "device", "tk-p3", "source", "MANUAL"));
        } finally {
            offline(false);
        }
        button("Send now").click();
        waiting(30).until(d -> status().contains("all sent"));
        assertEquals("sent", item(300).getAttribute("data-status"));
        assertEquals("rejected", item(10_000).getAttribute("data-status"));
        assertTrue(item(10_000).getText().contains("car"), item(10_000).getText());
        assertEquals("conflict", item(302).getAttribute("data-status"));
        assertTrue(stored("tk-p3").containsKey(300));
    }

    @Test
    void theClockOffsetAgainstASkewedServerTravelsWithThePassages() {
        // the server's clock is 5 s ahead of the device's: /api/time says so
        Map<String, Object> added = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                const realFetch = window.fetch.bind(window);
                window.fetch = async (input, init) => {
                  const response = await realFetch(input, init);
                  if (String(input).endsWith('/api/time')) {
                    const body = await response.json();
                    body.serverTime = new Date(Date.parse(body.serverTime) + 5000).toISOString();
                    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
                  }
                  return response;
                };
                """));
        try {
            setUpPost("tk-p4", "P4");
            waiting(15).until(d -> browser.findElement(By.id("clock")).getText().contains("check the device"));
            press();
            typeCar(400);
            waiting(30).until(d -> status().contains("all sent") && !stored("tk-p4").isEmpty());
            long offset = stored("tk-p4").get(400).get(0).get("clockOffsetMs").asLong();
            assertTrue(Math.abs(offset - 5000) <= 50, "clockOffsetMs " + offset + " for a server 5000 ms ahead");
        } finally {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
        }
    }
}
