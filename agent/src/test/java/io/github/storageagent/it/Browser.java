package io.github.storageagent.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, for the status page's tests.
 * Nothing is downloaded: the binaries are named by path (Selenium Manager never runs), and Chromium
 * is told not to reach for Google's services on a machine without network.
 */
public final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Where screenshots go, under the module's target folder. */
  public static final Path SCREENSHOTS = Path.of("target", "status-page-screenshots");

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a fresh browser with a window of {@code width} × {@code height} CSS pixels. */
  public static Browser start(int width, int height) throws IOException {
    if (!Files.isExecutable(CHROMIUM)) {
      fail(CHROMIUM + " is missing: install Debian's package chromium (apt-get install chromium)");
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      fail(
          CHROMEDRIVER
              + " is missing: install Debian's package chromium-driver"
              + " (apt-get install chromium-driver)");
    }
    Path profile = Files.createTempDirectory("status-page-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
    return new Browser(driver, profile);
  }

  /** Opens {@code url} and waits until the page has rendered its status. */
  public void open(String url) {
    driver.get(url);
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .withMessage(() -> "status page did not render at " + url + ":\n" + driver.getPageSource())
        .until(d -> !d.findElements(By.cssSelector("body[data-rendered]")).isEmpty());
  }

  /** Makes the page see {@code prefers-color-scheme: dark}, as on a phone set to dark mode. */
  public void preferDark() {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        java.util.Map.of(
            "features",
            java.util.List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public java.util.List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public Object script(String js, Object... args) {
    return driver.executeScript(js, args);
  }

  public Object asyncScript(String js, Object... args) {
    return driver.executeAsyncScript(js, args);
  }

  /**
   * Saves what the window shows, the whole page tall, as {@code name}.png and prints its path so
   * that it shows in the test output.
   */
  public Path screenshot(String name) throws IOException {
    Object height = driver.executeScript("return document.documentElement.scrollHeight");
    Dimension was = driver.manage().window().getSize();
    driver
        .manage()
        .window()
        .setSize(new Dimension(was.getWidth(), Math.min(6000, ((Number) height).intValue() + 120)));
    File shot = driver.getScreenshotAs(OutputType.FILE);
    driver.manage().window().setSize(was);
    Files.createDirectories(SCREENSHOTS);
    Path out = SCREENSHOTS.resolve(name + ".png").toAbsolutePath();
    Files.copy(shot.toPath(), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.println("screenshot: " + out);
    return out;
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
