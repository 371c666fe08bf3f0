package io.regularity.deploy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's chromium and chromium-driver, headless, for the tests of the pages people use; without them the tests skip loudly. */
final class HeadlessChromium {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private HeadlessChromium() {
    }

    /** A browser with a profile of its own, or the calling test class skipped (saying so) where there is no Chromium. */
    static ChromeDriver start(String what) throws Exception {
        boolean available = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!available) {
            System.err.println("""

                    ************************************************************************
                    * NO CHROMIUM: the %s browser tests are SKIPPED, not passed.
                    * Install Debian's chromium and chromium-driver (.ci/run does) to run them.
                    ************************************************************************
                    """.formatted(what));
        }
        Assumptions.assumeTrue(available, "no Chromium at " + CHROMIUM + " / " + CHROMEDRIVER + ": browser tests skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        Path profile = Files.createTempDirectory(SharedStack.root().resolve("deploy/target"), "chromium-");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        // the browser's console is read by the tests: a page whose policy refuses something it runs says so there
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1366, 900));
        return browser;
    }

    /** What the pages printed to the console since last asked that a Content-Security-Policy refused. */
    static List<String> refusedByPolicy(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
    }

    /** A phone's screen, 360 px wide (a window is never narrower than 500 px: the viewport is emulated). */
    static void phone(ChromeDriver browser) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 360, "height", 780, "deviceScaleFactor", 2,
                "mobile", true));
    }

    /** Back to the laptop's own window. */
    static void laptop(ChromeDriver browser) {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** A wait that looks again while an element is being re-rendered or not shown yet. */
    static WebDriverWait waiting(ChromeDriver browser, Duration timeout) {
        return (WebDriverWait) new WebDriverWait(browser, timeout).ignoring(StaleElementReferenceException.class)
                .ignoring(AssertionError.class);
    }

    /** The input, select or textarea a visible label (or its own aria-label) names, as a screen reader finds it. */
    static WebElement control(ChromeDriver browser, String label) {
        WebElement l = browser.findElements(By.xpath("//label[normalize-space()='" + label + "']")).stream().filter(WebElement::isDisplayed)
                .findFirst().orElse(null);
        if (l != null) {
            return browser.findElement(By.id(l.getAttribute("for")));
        }
        return browser.findElements(By.xpath("//*[self::input or self::select or self::textarea][@aria-label='" + label + "']")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElseThrow(() -> new AssertionError("no control named " + label));
    }

    /** A button by its text or its aria-label. */
    static By named(String name) {
        return By.xpath("//button[normalize-space()='" + name + "' or @aria-label='" + name + "']");
    }

    static WebElement button(ChromeDriver browser, String name) {
        return browser.findElements(named(name)).stream().filter(WebElement::isDisplayed).findFirst()
                .orElseThrow(() -> new AssertionError("no button named " + name));
    }

    /** Clicks what {@code by} finds once the page has settled: an element re-rendered meanwhile is looked up again. */
    static void click(ChromeDriver browser, By by) {
        waiting(browser, Duration.ofSeconds(10)).until(d -> {
            try {
                WebElement e = d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
                if (e == null) {
                    return false;
                }
                e.click();
                return true;
            } catch (StaleElementReferenceException gone) {
                return false;
            }
        });
    }
}
