package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The crew app in a real headless Chromium against the packaged services: a crew's phone given by route-service (its
 * link opened as the crew sheet's QR code opens it), positions from the browser's geolocation (overridden, moved along
 * a road), the network lost while the car drives on (the fixes kept, the page reloaded offline), back, and every fix on
 * Kafka's {@code fixes} topic exactly once. The app on a 360 px phone and a 1400 px laptop, in Italian and English.
 */
class CrewAppIT {

    static final String RACE = "coppa-equipaggi-2024";
    static final int CAR = 48;
    static final String DEVICE = "crew-48";
    static Stack stack;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start("crew app");
        stack = SharedStack.get();
        stack.raceDirection().ok("PUT", stack.routeUrl() + "/api/races/" + RACE, """
                {"name": "Coppa degli Equipaggi", "year": 2024,
                 "legs": [{"number": 1, "name": "Brescia – Gavardo", "date": "2024-06-11", "from": "Brescia", "to": "Gavardo",
                   "distanceKm": 25.0, "startPoint": "S",
                   "towns": [{"name": "Brescia", "province": "BS", "km": 0.0, "lat": 45.54, "lon": 10.21},
                             {"name": "Gavardo", "province": "BS", "km": 25.0, "lat": 45.58, "lon": 10.43}],
                   "timingPoints": [{"id": "S", "town": "Brescia", "km": 0.0}, {"id": "P1", "town": "Gavardo", "km": 24.8},
                                    {"id": "P2", "town": "Gavardo", "km": 25.4}],
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

    static WebElement button(String name) {
        return HeadlessChromium.button(browser, name);
    }

    static void until(int seconds, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        HeadlessChromium.waiting(browser, Duration.ofSeconds(seconds)).until(condition);
    }

    static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    static int count(String id) {
        return Integer.parseInt(text(id).trim());
    }

    static void offline(boolean offline) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** The car somewhere on the road: the browser's position moved there, 4 m accuracy. */
    static void moveTo(double[] at) {
        browser.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", at[0], "longitude", at[1], "accuracy", 4));
    }

    /** Points along the SS45bis from Brescia towards Gavardo, some 30 m apart. */
    static double[] road(int i) {
        return new double[] { 45.5400 + i * 0.00022, 10.2100 + i * 0.00031 };
    }

    @Test
    void aCrewPhoneRecordsItsFixesOfflineAndBackAndEachReachesKafkaOnce() throws Exception {
        JsonNode given = stack.raceDirection().ok("POST", stack.routeUrl() + "/api/races/" + RACE + "/devices",
                Map.of("device", DEVICE, "car", CAR));
        String link = given.get("link").asText();
        assertTrue(link.startsWith(stack.timingUrl() + "/crew/#token="), link);
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", stack.timingUrl(), "permissions", List.of("geolocation")));
        moveTo(road(0));
        browser.get("about:blank");
        browser.get(link);
        browser.executeScript("localStorage.setItem('crew.lang', '\"en\"')");
        browser.navigate().refresh(); // the token left the address bar at once; the phone is enrolled all the same
        until(30, d -> button("Start recording").isDisplayed() && text("car-name").contains("Car 48"));
        assertTrue(browser.getCurrentUrl().endsWith("/crew/"), "the token leaves the address bar: " + browser.getCurrentUrl());
        until(20, d -> (Boolean) browser.executeScript("return !!navigator.serviceWorker.controller"));
        button("Start recording").click();
        until(10, d -> button("Stop recording").isDisplayed() && !text("last-fix").equals("—"));

        // online: the car drives, its fixes go out in batches
        List<double[]> path = new ArrayList<>();
        path.add(road(0));
        for (int i = 1; i <= 4; i++) {
            moveTo(road(i));
            path.add(road(i));
            Thread.sleep(400);
        }
        until(30, d -> count("kept") == 0 && count("sent") >= 5);

        // no network: the fixes are kept, the page reloaded (from the service worker) keeps them and goes on recording
        offline(true);
        try {
            for (int i = 5; i <= 9; i++) {
                moveTo(road(i));
                path.add(road(i));
                Thread.sleep(400);
            }
            until(20, d -> count("kept") >= 5 && text("send-state").contains("No network"));
            browser.navigate().refresh();
            until(30, d -> button("Stop recording").isDisplayed() && count("kept") >= 5);
            for (int i = 10; i <= 12; i++) {
                moveTo(road(i));
                path.add(road(i));
                Thread.sleep(400);
            }
            until(10, d -> count("kept") >= 8);
            // the phone stops giving positions: the app says so plainly
            until(25, d -> browser.findElement(By.cssSelector("#position[role=status]")).getText()
                    .contains("No position from the phone for"));
            HeadlessChromium.phone(browser);
            lookAt("crew-phone-offline");
        } finally {
            offline(false);
            HeadlessChromium.laptop(browser);
        }
        until(60, d -> count("kept") == 0 && text("send-state").contains("All sent"));
        int sent = count("sent");

        // Kafka's `fixes`: every fix of the car once, the positions the car was given among them
        List<JsonNode> fixes = fixesOnKafka(sent);
        Set<String> times = new HashSet<>();
        fixes.forEach(f -> times.add(f.get("time").asText()));
        assertEquals(sent, fixes.size(), "as many fixes on the topic as the app sent: " + fixes.size());
        assertEquals(fixes.size(), times.size(), "each fix once on the topic (by its time)");
        assertTrue(sent >= path.size(), "at least one fix a position: " + sent + " for " + path.size());
        for (double[] at : path) {
            assertTrue(fixes.stream().anyMatch(f -> Math.abs(f.get("lat").asDouble() - at[0]) < 1e-6 && Math.abs(f.get("lon").asDouble() - at[1]) < 1e-6),
                    "the position " + at[0] + ", " + at[1] + " reached Kafka");
        }
        fixes.forEach(f -> {
            assertEquals("PHONE", f.get("source").asText());
            assertEquals(DEVICE, f.get("device").asText());
            assertEquals(4.0, f.get("accuracyM").asDouble(), 0.01);
        });

        // how it looks: a phone and a laptop, English and Italian
        HeadlessChromium.phone(browser);
        try {
            lookAt("crew-phone");
            button("Italiano").click();
            until(5, d -> button("Smetti di registrare").isDisplayed() && text("send-state").contains("Tutto inviato"));
            lookAt("crew-phone-it");
        } finally {
            HeadlessChromium.laptop(browser);
        }
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", 900, "deviceScaleFactor", 1,
                "mobile", false));
        try {
            lookAt("crew-laptop-it");
            button("English").click();
            until(5, d -> button("Stop recording").isDisplayed());
            lookAt("crew-laptop");
        } finally {
            HeadlessChromium.laptop(browser);
        }
        button("Stop recording").click();
        until(5, d -> button("Start recording").isDisplayed());
    }

    /** The car's fixes on the topic, read from its start, once at least {@code expected} came and a moment passed for any double. */
    static List<JsonNode> fixesOnKafka(int expected) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "crew-app-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<JsonNode> mine = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("fixes"));
            long deadline = System.currentTimeMillis() + 30_000;
            long settle = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, settle)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if ((RACE + "/" + CAR).equals(r.key())) {
                        JsonNode fix = Api.JSON.readTree(r.value());
                        assertEquals(RACE, fix.get("raceId").asText());
                        assertEquals(CAR, fix.get("car").asInt());
                        mine.add(fix);
                    }
                }
                if (mine.size() >= expected && settle == Long.MAX_VALUE) {
                    settle = System.currentTimeMillis() + 3000;
                }
            }
        }
        return mine;
    }

    /** The page as it is now: nothing sideways, no "null" or "undefined", every control named; a screenshot in docs/. */
    static void lookAt(String name) throws Exception {
        Thread.sleep(300);
        long overflow = (Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(overflow <= 0, name + ": the app scrolls sideways by " + overflow + " px");
        String body = browser.findElement(By.tagName("body")).getText();
        assertTrue(!body.contains("null") && !body.contains("undefined") && !body.contains("NaN"), name + ": " + body);
        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) browser.executeScript("""
                const named = e => {
                  if (e.getAttribute('aria-label') && e.getAttribute('aria-label').trim()) return true;
                  if (e.tagName === 'BUTTON' || e.tagName === 'SUMMARY') return e.textContent.trim().length > 0;
                  return !!(e.id && document.querySelector('label[for="' + e.id + '"]') && document.querySelector('label[for="' + e.id + '"]').textContent.trim());
                };
                return [...document.querySelectorAll('button, input, select, textarea, summary')]
                  .filter(e => e.offsetParent !== null && !named(e)).map(e => e.outerHTML);
                """);
        assertTrue(unnamed.isEmpty(), name + ": controls without a name: " + unnamed);
        Path dir = SharedStack.root().resolve("docs/screenshots");
        Files.createDirectories(dir);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
