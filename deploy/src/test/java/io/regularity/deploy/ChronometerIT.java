package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hundredths a timekeeper would sign, in a real headless Chromium against the packaged services: the chronometer line
 * parsers on the manuals' examples; a Timy3 on the post's laptop, fed through the Web Serial code path (a port the test
 * drives: the only part not real), timing a chained PC on two channels, the crew's breakdown showing its times to the
 * millisecond; a cable pulled and the memory read again without doubles; the strip typed line by line and sent exactly;
 * the button's crossings carrying their uncertainty; race direction's console naming the PC at risk and each clock.
 */
class ChronometerIT {

    static final String RACE = "coppa-cronometri-2024";
    static final String DEVICE = "timy-post";
    static Stack stack;
    static ChromeDriver browser;

    /** A serial port the test drives: navigator.serial answers it; window.__serialFeed sends it text, __serialPull pulls the cable. */
    static final String FAKE_SERIAL = """
            (() => {
              let controller = null;
              window.__serialFeed = text => controller.enqueue(new TextEncoder().encode(text));
              window.__serialPull = () => { controller.error(new Error('cable pulled')); controller = null; };
              window.__serialOpen = () => controller !== null;
              const port = () => ({
                async open(options) { window.__serialBaud = options.baudRate; },
                async close() {},
                readable: new ReadableStream({ start(c) { controller = c; } }),
              });
              Object.defineProperty(navigator, 'serial', { configurable: true, value: { requestPort: async () => port() } });
            })();
            """;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start("chronometer");
        stack = SharedStack.get();
        stack.raceDirection().ok("PUT", stack.routeUrl() + "/api/races/" + RACE, """
                {"name": "Coppa dei Cronometri", "year": 2024, "timeZone": "Europe/Rome",
                 "legs": [{"number": 1, "name": "Brescia – Ghedi", "date": "2024-06-11", "from": "Brescia", "to": "Ghedi",
                   "distanceKm": 30.0, "startPoint": "S",
                   "towns": [{"name": "Brescia", "province": "BS", "km": 0.0, "lat": 45.54, "lon": 10.21},
                             {"name": "Ghedi", "province": "BS", "km": 25.0, "lat": 45.40, "lon": 10.27}],
                   "timingPoints": [{"id": "S", "town": "Brescia", "km": 0.0}, {"id": "A", "town": "Ghedi", "km": 24.0},
                                    {"id": "B", "town": "Ghedi", "km": 24.6}, {"id": "C", "town": "Ghedi", "km": 25.3}],
                   "trials": [{"id": "PC1", "type": "PC", "start": "A", "finish": "B", "targetMs": 30000},
                              {"id": "PC2", "type": "PC", "start": "B", "finish": "C", "targetMs": 40000}]}]}
                """);
        stack.awaitRaceKnown(RACE);
        List<Map<String, Object>> crews = new ArrayList<>();
        for (int car : new int[] { 23, 24, 47, 48, 60 }) {
            crews.add(Map.of("car", car, "driver", Map.of("name", "Driver " + car), "coefficient", 1.0, "category", "A"));
        }
        stack.raceDirection().ok("POST", stack.classificationUrl() + "/api/races/" + RACE + "/crews", crews);
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", FAKE_SERIAL));
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

    static void until(int seconds, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        HeadlessChromium.waiting(browser, Duration.ofSeconds(seconds)).until(condition);
    }

    /** The app opened as the post's link opens it: race, leg, point and device set up. */
    static void openPost(String device, String point) {
        browser.get("about:blank");
        browser.get(stack.timingUrl() + "/timekeeper/#token=" + URLEncoder.encode(stack.postToken(device), StandardCharsets.UTF_8)
                + "&race=" + RACE + "&leg=1&point=" + point + "&device=" + device);
        until(30, d -> button("Crossing").isDisplayed());
    }

    static JsonNode passages(int car) {
        return stack.raceDirection().ok("GET", stack.timingUrl() + "/api/races/" + RACE + "/passages?car=" + car + "&size=50", null);
    }

    static JsonNode passageAt(int car, String point) {
        for (JsonNode p : passages(car).get("entries")) {
            if (p.get("point").asText().equals(point)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void theLineParsersReadTheManualsExamples() {
        openPost(DEVICE, "A");
        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/timekeeper/chrono.js').then(c => {
                  const pattern = c.patternParser('{car};{channel};{time}');
                  done({
                    plain: c.parseTimy(' 0023 c1 15:44:15,7847 00'),
                    memory: c.parseTimy('m 0009 c0 15:44:00,5499 00'),
                    keypad: c.parseTimy('0015 c0M 15:43:55,6200 00'),
                    keypadShort: c.parseTimy('0019 c0M 15:43:57,020 00'),
                    renumbered: c.parseTimy('n 0014 c0 15:44:01,0366 00'),
                    cleared: c.parseTimy('c 0023 c1 15:44:15,7847 00'),
                    typedIn: c.parseTimy('i 0023 c1 15:44:15,7847 00'),
                    noNumber: c.parseTimy('? 0000 c0 15:44:02,1111 00'),
                    timy2: c.parseTimy(' 0002 C0 10:27:28.4172 00'),
                    noise: c.parseTimy('TIMY 04 present'),
                    generic: pattern('47;c2;09:12:33,47'),
                    genericNoCar: pattern(';c1;09:12:34.125'),
                    strip: c.parseStrip('47 09:12:33.47'),
                    stripBad: c.parseStrip('47 9.12'),
                    precision: [4, 3, 2, 1, 0].map(c.precisionOf),
                    rome: new Date(c.instantOf('2024-06-11', c.parseStrip('1 15:44:15.7847').time, 'Europe/Rome')).toISOString(),
                    winter: new Date(c.instantOf('2024-01-11', c.parseStrip('1 15:44:15.78').time, 'Europe/Rome')).toISOString(),
                  });
                });
                """);
        assertEquals(Map.of("info", "", "car", 23L, "channel", "c1", "manual", false), pick(read.get("plain")));
        assertEquals("15:44:15.7847", time(read.get("plain")).get("text"));
        assertEquals(4L, time(read.get("plain")).get("decimals"));
        assertEquals(Map.of("info", "m", "car", 9L, "channel", "c0", "manual", false), pick(read.get("memory")));
        assertEquals(Map.of("info", "", "car", 15L, "channel", "c0", "manual", true), pick(read.get("keypad")));
        assertEquals(3L, time(read.get("keypadShort")).get("decimals"));
        assertEquals("n", pick(read.get("renumbered")).get("info"));
        assertEquals("c", pick(read.get("cleared")).get("info"));
        assertEquals(true, pick(read.get("typedIn")).get("manual"));
        assertNull(pick(read.get("noNumber")).get("car"));
        assertEquals(Map.of("info", "", "car", 2L, "channel", "c0", "manual", false), pick(read.get("timy2")));
        assertNull(read.get("noise"));
        assertEquals(Map.of("info", "", "car", 47L, "channel", "c2", "manual", false), pick(read.get("generic")));
        assertEquals(2L, time(read.get("generic")).get("decimals"));
        assertNull(pick(read.get("genericNoCar")).get("car"));
        assertEquals(47L, ((Map<?, ?>) read.get("strip")).get("car"));
        assertNull(read.get("stripBad"));
        assertEquals(List.of(0.1, 1L, 10L, 100L, 1000L), read.get("precision"));
        assertEquals("2024-06-11T13:44:15.784Z", read.get("rome"), "summer time, truncated to the millisecond");
        assertEquals("2024-01-11T14:44:15.780Z", read.get("winter"));
    }

    static Map<String, Object> pick(Object parsed) {
        Map<?, ?> m = (Map<?, ?>) parsed;
        Map<String, Object> picked = new java.util.HashMap<>();
        for (String k : List.of("info", "car", "channel", "manual")) {
            picked.put(k, m.get(k));
        }
        return picked;
    }

    static Map<?, ?> time(Object parsed) {
        return (Map<?, ?>) ((Map<?, ?>) parsed).get("time");
    }

    @Test
    void aTimy3OnTwoChannelsTimesAChainedPcToTheMillisecondAndACablePulledLosesNothing() throws Exception {
        openPost(DEVICE, "A");
        button("Connect chronometer"); // present: this browser has Web Serial
        browser.findElement(By.cssSelector("#chrono summary")).click();
        new Select(control("Format")).selectByValue("timy3");
        new Select(control("Speed (baud)")).selectByValue("9600");
        new Select(control("Channel c0")).selectByValue("A");
        new Select(control("Channel c1")).selectByValue("B");
        new Select(control("Channel c2")).selectByValue("C");
        button("Connect chronometer").click();
        until(10, d -> (Boolean) browser.executeScript("return window.__serialOpen()"));
        assertEquals(9600L, browser.executeScript("return window.__serialBaud"));
        // car 23: PC1 A→B 30.111 s, PC2 B→C 40.333 s; split across chunks as a serial port delivers them
        browser.executeScript("window.__serialFeed(' 0023 c0 10:00:00,1234 00\\r 0023 c1 10:00:30,23')");
        browser.executeScript("window.__serialFeed('45 00\\r 0023 c2 10:01:10,5678 00\\r')");
        // an impulse without a start number waits to be numbered; a keypad impulse is MANUAL
        browser.executeScript("window.__serialFeed('? 0000 c0 10:02:00,0001 00\\r0024 c1M 10:02:31,5500 00\\r')");
        until(30, d -> passageAt(23, "C") != null && passageAt(24, "B") != null);
        JsonNode start = passageAt(23, "A");
        assertEquals("2024-06-11T08:00:00.123Z", start.get("time").asText(), "10:00:00,1234 in Rome, truncated to the ms");
        assertEquals(0.1, start.get("precisionMs").asDouble());
        assertEquals(0.0, start.get("clockUncertaintyMs").asDouble());
        assertEquals(0, start.get("clockOffsetMs").asInt());
        assertEquals("HOSE", start.get("source").asText());
        assertEquals(DEVICE, start.get("device").asText());
        JsonNode keypad = passageAt(24, "B");
        assertEquals("MANUAL", keypad.get("source").asText());
        assertEquals(10.0, keypad.get("precisionMs").asDouble());
        // the unnumbered impulse, numbered at the post
        control("Car").sendKeys("48" + Keys.ENTER);
        until(30, d -> passageAt(48, "A") != null);
        assertEquals("2024-06-11T08:02:00.000Z", passageAt(48, "A").get("time").asText());

        // the crew's breakdown: the chronometer's times to the millisecond, and their quality
        until(30, d -> "MEASURED".equals(new Api().ok("GET", stack.classificationUrl() + "/api/races/" + RACE + "/crews/23/results", null)
                .path("trials").path(1).path("state").asText()));
        JsonNode breakdown = new Api().ok("GET", stack.classificationUrl() + "/api/races/" + RACE + "/crews/23/results", null);
        JsonNode pc1 = breakdown.get("trials").get(0);
        assertEquals("10:00:00.123", pc1.get("start").get("localTime").asText());
        assertEquals("10:00:30.234", pc1.get("finish").get("localTime").asText());
        assertEquals(0.1, pc1.get("finish").get("precisionMs").asDouble());
        assertEquals(30111, pc1.get("elapsedMs").asLong());
        assertEquals(11, pc1.get("penalty").asInt());
        assertEquals(40333, breakdown.get("trials").get(1).get("elapsedMs").asLong());

        // the cable is pulled, then plugged again: said plainly; the memory read out again is not taken twice
        browser.executeScript("window.__serialPull()");
        until(10, d -> browser.findElement(By.id("chrono-state")).getText().contains("stopped"));
        button("Connect chronometer").click();
        until(10, d -> browser.findElement(By.id("chrono-state")).getText().contains("disconnected from"));
        browser.executeScript("window.__serialFeed('m 0023 c0 10:00:00,1234 00\\rm 0023 c1 10:00:30,2345 00\\rm 0060 c0 10:03:00,5000 00\\r')");
        until(30, d -> passageAt(60, "A") != null);
        assertEquals(3, passages(23).get("total").asInt(), "the memory read-out took nothing twice");
    }

    @Test
    void theStripIsSentExactlyAsTypedAndItsOddLinesAreFlaggedNotRefused() {
        openPost("tk-strip", "C");
        button("Strip").click();
        assertEquals("true", button("Strip").getAttribute("aria-pressed"));
        control("Strip line").sendKeys("47 10:05:12.47" + Keys.ENTER);
        until(10, d -> control("Strip line").getAttribute("value").isEmpty());
        control("Strip line").sendKeys("24 10:04:00.125" + Keys.ENTER); // earlier than the line before
        control("Strip line").sendKeys("60 10:40:00.00" + Keys.ENTER);  // 36 minutes after it
        control("Strip line").sendKeys("not a line" + Keys.ENTER);
        assertTrue(browser.findElement(By.id("strip-error")).getText().contains("47 09:12:33.47"));
        assertEquals("not a line", control("Strip line").getAttribute("value"), "a line that cannot be read stays to be corrected");
        until(30, d -> passageAt(47, "C") != null && passageAt(24, "C") != null && passageAt(60, "C") != null);
        JsonNode typed = passageAt(47, "C");
        assertEquals("2024-06-11T08:05:12.470Z", typed.get("time").asText());
        assertEquals("MANUAL", typed.get("source").asText());
        assertEquals(0, typed.get("clockOffsetMs").asInt(), "no clock offset on a time read from the reference chronometer");
        assertEquals(10.0, typed.get("precisionMs").asDouble());
        assertEquals(1.0, passageAt(24, "C").get("precisionMs").asDouble());
        List<String> lines = browser.findElements(By.cssSelector("#strip-lines li")).stream().map(WebElement::getText).toList();
        assertTrue(lines.get(1).contains("earlier than the line before"), lines.toString());
        assertTrue(lines.get(0).contains("0:35 after the line before"), lines.toString());
    }

    @Test
    void theButtonsCrossingsCarryTheirUncertaintyAndTheConsoleNamesThePcAtRisk() {
        openPost("tk-thumb", "S");
        until(20, d -> browser.findElement(By.id("clock")).getText().contains("±"));
        button("Crossing").click();
        control("Car").sendKeys("47" + Keys.ENTER);
        until(30, d -> passageAt(47, "S") != null);
        JsonNode thumb = passageAt(47, "S");
        assertEquals(100.0, thumb.get("precisionMs").asDouble());
        assertNotNull(thumb.get("clockUncertaintyMs"));
        assertTrue(thumb.get("clockUncertaintyMs").isNumber(), thumb.toString());

        // car 47's PC1 timed by two phones whose clocks add up to 14 ms: at risk
        Api phones = stack.timekeeper();
        phones.ok("POST", stack.timingUrl() + "/api/races/" + RACE + "/passages/batch", List.of(
                Map.of("id", UUID.randomUUID().toString(), "car", 47, "point", "A", "time", "2024-06-11T09:00:00.000Z", "device", "tk-a",
                        "source", "HOSE", "clockOffsetMs", 12, "precisionMs", 10, "clockUncertaintyMs", 8),
                Map.of("id", UUID.randomUUID().toString(), "car", 47, "point", "B", "time", "2024-06-11T09:00:30.000Z", "device", "tk-b",
                        "source", "HOSE", "clockOffsetMs", -3, "precisionMs", 10, "clockUncertaintyMs", 6)));
        until(30, d -> new Api().ok("GET", stack.classificationUrl() + "/api/races/" + RACE + "/trials", null).get(0).get("atRisk").toString()
                .contains("47"));

        browser.get(stack.classificationUrl() + "/direction/");
        browser.executeScript("sessionStorage.clear(); localStorage.setItem('direction.lang', 'en')");
        browser.navigate().refresh();
        until(20, d -> control("Token").isDisplayed() && new Select(control("Race")).getOptions().size() > 1);
        control("Token").sendKeys(stack.directionToken("chief-timekeeper"));
        new Select(control("Race")).selectByValue(RACE);
        button("Sign in").click();
        HeadlessChromium.click(browser, By.id("tab-trials"));
        until(20, d -> !d.findElements(By.cssSelector("tr[data-trial='PC1'][data-at-risk]")).isEmpty());
        assertEquals("47", browser.findElement(By.cssSelector("tr[data-trial='PC1']")).getAttribute("data-at-risk"));
        assertTrue(browser.findElement(By.cssSelector("tr[data-trial='PC1']")).getText().contains("at risk: car 47"));
        HeadlessChromium.click(browser, By.id("tab-posts"));
        until(20, d -> !d.findElements(By.cssSelector("#clocks tr[data-device='tk-a']")).isEmpty());
        browser.findElement(By.cssSelector("#clocks summary")).click();
        assertTrue(browser.findElement(By.cssSelector("#clocks summary")).getText().startsWith("Clocks of the devices ("));
        assertTrue(browser.findElement(By.cssSelector("#clocks tr[data-device='tk-a']")).getText().contains("12 ms"));
        assertTrue(browser.findElement(By.cssSelector("#clocks tr[data-device='tk-a']")).getText().contains("8 ms"));
    }
}
