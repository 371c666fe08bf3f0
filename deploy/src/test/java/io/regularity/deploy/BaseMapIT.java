package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import com.sun.net.httpserver.HttpServer;

/**
 * Issue 38: the map on a real base map. classification-service is started again with a tile server set (a stub here,
 * answering every tile with one drawn image; OpenStreetMap's in production), the page draws the leg with Leaflet from
 * the service's own web jar, asks that server for tiles (the page's policy lets their images in), shows every running
 * car as a numbered marker, groups the cars that would overlap into one marker saying how many, and keeps the followed
 * car alone in the middle. Without a tile server (every other test), the map is the schematic.
 */
class BaseMapIT {

    static final String RACE = "coppa-mappa";
    static Stack stack;
    static ChromeDriver browser;
    static HttpServer tiles;
    static final AtomicInteger served = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        byte[] tile = tile();
        tiles = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tiles.createContext("/", exchange -> {
            served.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, tile.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(tile);
            }
        });
        tiles.start();
        stack.restartWith("classification-service",
                Map.of("REGULARITY_DASHBOARD_TILES", "http://localhost:" + tiles.getAddress().getPort() + "/{z}/{x}/{y}.png",
                        "REGULARITY_DASHBOARD_TILES_ATTRIBUTION", "© OpenStreetMap contributors (stub)"));
        stack.raceDirection().ok("PUT", stack.routeUrl() + "/api/races/" + RACE, PublicIT.brescia("Coppa della mappa"));
        stack.awaitRaceKnown(RACE);
        List<Map<String, Object>> crews = new ArrayList<>();
        for (int car = 1; car <= 8; car++) {
            crews.add(Map.of("car", car, "driver", Map.of("name", "Pilota " + car), "codriver", Map.of("name", "Navigatore " + car),
                    "coefficient", 1.0, "category", "A"));
        }
        stack.raceDirection().ok("POST", stack.classificationUrl() + "/api/races/" + RACE + "/crews", crews);
        // cars 1-6 left Brescia an hour ago and wait at A (the furthest their facts let them be): one place, one marker;
        // car 7 is past B on its way to C; car 8 has just left Brescia
        Instant now = Instant.now();
        List<Map<String, Object>> passages = new ArrayList<>();
        for (int car = 1; car <= 6; car++) {
            passages.add(passage(car, "S", now.minusSeconds(3600 + car)));
        }
        passages.add(passage(7, "S", now.minusSeconds(3600)));
        passages.add(passage(7, "A", now.minusSeconds(1800)));
        passages.add(passage(7, "B", now.minusSeconds(1800).plusMillis(36_000)));
        passages.add(passage(8, "S", now.minusSeconds(20)));
        stack.timekeeper().ok("POST", stack.timingUrl() + "/api/races/" + RACE + "/passages/batch", passages);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (new Api().ok("GET", stack.classificationUrl() + "/api/races/" + RACE + "/positions?leg=1", null).size() < 8) {
            assertTrue(System.nanoTime() < deadline, "the cars are not placed in time");
            Thread.sleep(200);
        }
        browser = HeadlessChromium.start("base map");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (tiles != null) {
            tiles.stop(0);
        }
        stack.restartWith("classification-service", Map.of()); // as every other test knows it: no tile server
    }

    static Map<String, Object> passage(int car, String point, Instant time) {
        return Map.of("id", UUID.randomUUID().toString(), "car", car, "point", point, "time", time.toString(), "device", "tk-" + point,
                "source", "HOSE");
    }

    /** A tile as a tile server draws one: a pale ground with two roads across. */
    static byte[] tile() throws Exception {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xf2efe9));
        g.fillRect(0, 0, 256, 256);
        g.setColor(new Color(0xffffff));
        g.fillRect(0, 120, 256, 10);
        g.fillRect(90, 0, 8, 256);
        g.setColor(new Color(0xaad3df));
        g.fillOval(170, 20, 70, 50);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void theLegIsOnTheBaseMapWithNumberedCarsGroupedWhereTheyOverlapAndTheFollowedCarAloneInTheMiddle() throws Exception {
        browser.manage().logs().get("browser"); // what came before this page is not this page's
        browser.get(stack.classificationUrl() + "/#/race/" + RACE + "/map?leg=1&lang=en");
        until(20, d -> (Boolean) browser.executeScript(
                "return [...document.querySelectorAll('#base-map img.leaflet-tile')].some(i => i.complete && i.naturalWidth === 256)"));
        assertTrue(served.get() > 0, "the tiles came from the configured server");
        assertEquals(List.of(), HeadlessChromium.refusedByPolicy(browser), "the page's policy lets the tile server's images in");
        assertTrue(browser.findElement(By.cssSelector("#base-map .leaflet-control-attribution")).getText().contains("OpenStreetMap"));
        assertTrue(browser.findElements(By.id("leg-map")).isEmpty(), "no schematic under a base map");
        // the six cars waiting at A are one marker saying 6; cars 7 and 8 are markers of their own with their numbers
        until(20, d -> markers().contains("6") && markers().contains("7") && markers().contains("8"));
        WebElement group = browser.findElement(By.cssSelector("#base-map .car-pin.group"));
        assertEquals("6", group.getText());
        assertTrue(group.getAttribute("aria-label").startsWith("6 cars here (1, 2, 3, 4, 5, 6)"), group.getAttribute("aria-label"));
        WebElement seven = browser.findElement(By.cssSelector("#base-map .car-pin[data-car='7']"));
        assertTrue(seven.getAttribute("aria-label").contains("7"), seven.getAttribute("aria-label"));
        HeadlessChromium.laptop(browser);
        screenshot("dashboard-map-base-laptop");
        // follow car 3: it leaves the group, alone, marked, in the middle of the map
        browser.findElement(By.id("find-car")).sendKeys("3");
        until(10, d -> d.findElement(By.id("map-status")).getText().startsWith("Following car 3"));
        until(10, d -> !d.findElements(By.cssSelector("#base-map .car-pin.found[data-car='3']")).isEmpty()
                && markers().contains("5"));
        @SuppressWarnings("unchecked")
        List<Number> offset = (List<Number>) browser.executeScript("""
                const box = document.getElementById('base-map').getBoundingClientRect();
                const pin = document.querySelector("#base-map .car-pin[data-car='3']").getBoundingClientRect();
                return [pin.left + pin.width / 2 - (box.left + box.width / 2), pin.top + pin.height / 2 - (box.top + box.height / 2)];
                """);
        assertTrue(Math.abs(offset.get(0).doubleValue()) < 30 && Math.abs(offset.get(1).doubleValue()) < 30,
                "the followed car is in the middle: " + offset);
    }

    @Test
    void onAPhoneInItalianTheBaseMapFitsTheScreen() throws Exception {
        HeadlessChromium.phone(browser);
        try {
            browser.get(stack.classificationUrl() + "/#/race/" + RACE + "/map?leg=1&lang=it");
            until(20, d -> (Boolean) browser.executeScript(
                    "return [...document.querySelectorAll('#base-map img.leaflet-tile')].some(i => i.complete && i.naturalWidth === 256)"));
            until(20, d -> markers().contains("6"));
            assertTrue(browser.findElement(By.cssSelector("#base-map .car-pin.group")).getAttribute("aria-label").startsWith("6 vetture qui"));
            long sideways = (Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
            assertEquals(0, sideways, "nothing sideways on a phone");
            assertTrue(browser.findElement(By.id("map-status")).getText().contains("vetture sulla mappa"));
            screenshot("dashboard-map-base-phone-it");
        } finally {
            HeadlessChromium.laptop(browser);
        }
    }

    static List<String> markers() {
        return browser.findElements(By.cssSelector("#base-map .car-pin")).stream().map(WebElement::getText).toList();
    }

    static void until(int seconds, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        HeadlessChromium.waiting(browser, Duration.ofSeconds(seconds)).until(condition);
    }

    static void screenshot(String name) throws Exception {
        java.nio.file.Path dir = SharedStack.root().resolve("docs/screenshots");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
