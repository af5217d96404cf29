package dev.wisp.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Debian's chromium-driver, for the page's tests; nothing
 * is downloaded. Elements are found as assistive technology finds them: by role and accessible
 * name ({@link #button}, {@link #checkbox}) or by label ({@link #field}).
 *
 * <p>Without {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (or {@code CHROME_BIN} /
 * {@code CHROMEDRIVER}), {@link #start} skips the test with one line; with
 * {@code WISP_REQUIRE_BROWSER=1} it fails instead. One browser per test class; close it.
 */
final class Browser implements AutoCloseable {
    /** How long a wait for the page may take: generous, it only bounds a failure. */
    static final Duration WAIT = Duration.ofSeconds(15);

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start(Path userDataDir) {
        Path chromium = Path.of(envOr("CHROME_BIN", "/usr/bin/chromium"));
        Path chromedriver = Path.of(envOr("CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String reason = "No browser: " + chromium + " or " + chromedriver + " is missing (apt-get install chromium chromium-driver)";
            if ("1".equals(System.getenv("WISP_REQUIRE_BROWSER"))) {
                Assertions.fail(reason + ", and WISP_REQUIRE_BROWSER=1");
            }
            Assumptions.abort(reason);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // As root in a container: no sandbox; and nothing that phones home or updates itself.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + userDataDir, "--window-size=1280,900");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options));
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    /** The form control labelled {@code label} (a {@code <label for>} or an enclosing label). */
    WebElement field(String label) {
        return driver.findElements(By.cssSelector("input, textarea, select")).stream()
                .filter(e -> label.equals(e.getAccessibleName()))
                .findFirst().orElseThrow(() -> new AssertionError("no field labelled '" + label + "'"));
    }

    /** The button named {@code name}, within {@code scope} (the page when null). */
    WebElement button(WebElement scope, String name) {
        List<WebElement> buttons = scope == null ? driver.findElements(By.cssSelector("button")) : scope.findElements(By.cssSelector("button"));
        return buttons.stream().filter(b -> name.equals(b.getAccessibleName())).findFirst()
                .orElseThrow(() -> new AssertionError("no button named '" + name + "'"));
    }

    /** The list items of the list named {@code name}. */
    List<WebElement> items(String listName) {
        return driver.findElements(By.cssSelector("ul, ol")).stream()
                .filter(l -> listName.equals(l.getAccessibleName()))
                .findFirst().orElseThrow(() -> new AssertionError("no list named '" + listName + "'"))
                .findElements(By.cssSelector("li"));
    }

    /** The list item whose checkbox is labelled {@code title}, or null. */
    WebElement item(String title) {
        return items("Todos").stream()
                .filter(li -> li.findElements(By.cssSelector("input[type=checkbox]")).stream()
                        .anyMatch(c -> title.equals(c.getAccessibleName())))
                .findFirst().orElse(null);
    }

    /** The checkbox labelled {@code title}. */
    WebElement checkbox(String title) {
        WebElement li = item(title);
        Assertions.assertNotNull(li, "a todo titled '" + title + "'");
        return li.findElement(By.cssSelector("input[type=checkbox]"));
    }

    /** Console messages at SEVERE (errors) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
