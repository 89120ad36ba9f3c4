package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The "active sessions" page in headless Chromium: two devices sign in as the same user, the first
 * sees both, revokes the other after confirming, and the other is signed out and told why; long
 * lists page with "Show more". Uses Debian's chromium and chromedriver
 * (paths overridable with -Dsessionkit.chromium / -Dsessionkit.chromedriver); nothing is downloaded.
 * Runs in the {@code browser} profile, which CI always enables; a missing browser fails the test.
 */
class ActiveSessionsPageBrowserTest {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir Path dataDir;
  @TempDir Path profiles;
  private ExampleServer server;
  private final List<WebDriver> browsers = new ArrayList<>();

  private int jettyLogs;

  @BeforeEach
  void start() throws IOException {
    jettyLogs = JettyLogs.atRuntimeLevels();
    server = ExampleServer.start(ServerConfig.embedded(0, dataDir));
  }

  @AfterEach
  void stop() {
    browsers.forEach(WebDriver::quit);
    server.close();
    assertThat(JettyLogs.warningsSince(jettyLogs)).as("Jetty's warnings and errors").isEmpty();
  }

  private WebDriver browser(String profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("sessionkit.chromium", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=900,820", "--user-data-dir=" + profiles.resolve(profile));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(System.getProperty("sessionkit.chromedriver", "/usr/bin/chromedriver")))
        .usingAnyFreePort()
        .build();
    WebDriver driver = new ChromeDriver(service, options);
    browsers.add(driver);
    return driver;
  }

  private static WebDriverWait waitOn(WebDriver driver) {
    return new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  private void signIn(WebDriver driver, String device) {
    driver.get(server.uri().toString());
    waitOn(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
    driver.findElement(By.id("username")).sendKeys("alice");
    driver.findElement(By.id("password")).sendKeys("alice-password");
    driver.findElement(By.id("device-name")).sendKeys(device);
    driver.findElement(By.id("signin-button")).click();
    waitOn(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("account")));
  }

  private static final String SIGNED_OUT =
      "This device was signed out, from another device or because the session expired. Sign in again.";

  /** The confirmation dialog is open with this title; it is answered with its Cancel or confirm button. */
  private static void answerConfirmation(WebDriver driver, String title, boolean confirm) {
    WebElement dialog = waitOn(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
    assertThat(dialog.findElement(By.id("confirm-title")).getText()).isEqualTo(title);
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-cancel"); // the safe default
    dialog.findElement(By.id(confirm ? "confirm-ok" : "confirm-cancel")).click();
    waitOn(driver).until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
  }

  /** Back on the sign-in form, told why. */
  private static void assertSignedOutElsewhere(WebDriver driver) {
    waitOn(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
    assertThat(driver.findElement(By.id("account")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("signin-notice")).getText()).isEqualTo(SIGNED_OUT);
  }

  private static List<WebElement> rows(WebDriver driver, int expected) {
    waitOn(driver).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions .session"), expected));
    return driver.findElements(By.cssSelector("#sessions .session"));
  }

  private static Path screenshot(WebDriver driver, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path target = SCREENSHOTS.resolve(name);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  @Test
  void twoDevicesSeeEachOtherAndOneSignsTheOtherOut() throws IOException {
    WebDriver phone = browser("phone");
    signIn(phone, "Phone");
    assertThat(rows(phone, 1)).hasSize(1);

    WebDriver laptop = browser("laptop");
    signIn(laptop, "Laptop");
    assertThat(rows(laptop, 2)).hasSize(2);

    phone.navigate().refresh();
    List<WebElement> seen = rows(phone, 2);
    WebElement mine = seen.stream().filter(r -> r.getAttribute("class").contains("current")).findFirst().orElseThrow();
    WebElement other = seen.stream().filter(r -> !r.getAttribute("class").contains("current")).findFirst().orElseThrow();
    assertThat(mine.findElement(By.className("device")).getText()).isEqualTo("Phone");
    assertThat(mine.findElement(By.className("badge")).getText()).isEqualTo("This device");
    assertThat(mine.findElements(By.className("revoke"))).isEmpty();
    assertThat(other.findElement(By.className("device")).getText()).isEqualTo("Laptop");
    assertThat(other.findElement(By.className("badge")).isDisplayed()).isFalse();
    assertThat(other.findElement(By.className("browser")).getText()).containsIgnoringCase("chrome");
    assertThat(other.findElement(By.className("os")).getText()).isEqualTo("Linux");
    assertThat(other.findElement(By.className("ip")).getText()).isEqualTo("127.0.0.1");
    assertThat(other.findElement(By.className("last-active")).getText()).isEqualTo("just now");
    assertThat(phone.findElement(By.id("session-count")).getText()).isEqualTo("2 active sessions");
    Path both = screenshot(phone, "active-sessions-two-devices.png");

    other.findElement(By.className("revoke")).click();
    assertThat(phone.findElement(By.id("confirm-text")).getText())
        .startsWith("Laptop (").endsWith(") will be signed out and will have to sign in again.");
    Path asking = screenshot(phone, "active-sessions-confirm-revoke.png");
    answerConfirmation(phone, "Revoke Laptop?", false);
    assertThat(rows(phone, 2)).hasSize(2); // Cancel revokes nothing

    phone.findElements(By.cssSelector("#sessions .session:not(.current) .revoke")).get(0).click();
    answerConfirmation(phone, "Revoke Laptop?", true);
    assertThat(rows(phone, 1).get(0).findElement(By.className("device")).getText()).isEqualTo("Phone");
    waitOn(phone).until(ExpectedConditions.textToBe(By.id("notice"), "Signed out Laptop."));
    Path after = screenshot(phone, "active-sessions-after-revoke.png");

    laptop.navigate().refresh();
    assertSignedOutElsewhere(laptop);
    Path told = screenshot(laptop, "active-sessions-signed-out-elsewhere.png");
    assertThat(List.of(both, asking, after, told)).allSatisfy(shot -> assertThat(shot).isNotEmptyFile());
  }

  @Test
  void signOutAllOtherDevicesLeavesOnlyThisOne() {
    WebDriver first = browser("first");
    signIn(first, "First");
    WebDriver second = browser("second");
    signIn(second, "Second");
    WebDriver third = browser("third");
    signIn(third, "Third");
    rows(third, 3);

    third.findElement(By.id("revoke-others")).click();
    assertThat(third.findElement(By.id("confirm-text")).getText()).isEqualTo(
        "2 other devices will be signed out and will have to sign in again. This device stays signed in.");
    answerConfirmation(third, "Sign out all other devices?", false);
    assertThat(rows(third, 3)).hasSize(3);
    third.findElement(By.id("revoke-others")).click();
    answerConfirmation(third, "Sign out all other devices?", true);

    waitOn(third).until(ExpectedConditions.textToBe(By.id("notice"), "Signed out 2 other devices."));
    assertThat(rows(third, 1).get(0).findElement(By.className("device")).getText()).isEqualTo("Third");
    first.navigate().refresh();
    assertSignedOutElsewhere(first);
    // A device that is in use when it is signed out learns it at its next call, and says so too.
    second.findElement(By.id("revoke-others")).click();
    answerConfirmation(second, "Sign out all other devices?", true);
    assertSignedOutElsewhere(second);
  }

  @Test
  void signingOutHereSaysNothingAndSigningInAgainClearsTheMessage() {
    WebDriver laptop = browser("laptop");
    signIn(laptop, "Laptop");
    laptop.findElement(By.id("signout")).click();
    waitOn(laptop).until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
    assertThat(laptop.findElement(By.id("signin-notice")).isDisplayed()).isFalse();

    signIn(laptop, "Laptop");
    rows(laptop, 1);
    ApiClient api = new ApiClient(server.uri());
    api.delete("/sessions", api.token("alice", "elsewhere")); // signs alice out everywhere, the laptop too
    laptop.navigate().refresh();
    assertSignedOutElsewhere(laptop);
    signIn(laptop, "Laptop");
    assertThat(laptop.findElement(By.id("signin-notice")).isDisplayed()).isFalse();
  }

  @Test
  void showMorePagesThroughEverySession() throws IOException {
    ApiClient api = new ApiClient(server.uri());
    for (int i = 1; i <= 14; i++) {
      api.token("alice", "Device " + i); // with the browser's, 15: one page of 10 and a next one
    }
    WebDriver laptop = browser("laptop");
    signIn(laptop, "Laptop");
    waitOn(laptop).until(ExpectedConditions.textToBe(By.id("session-count"), "15 active sessions"));
    int firstPage = laptop.findElements(By.cssSelector("#sessions .session")).size();
    assertThat(firstPage).isBetween(10, 11); // this device, and ten others or nine (when it is among them)
    assertThat(laptop.findElement(By.id("show-more")).isDisplayed()).isTrue();

    laptop.findElement(By.id("show-more")).click();

    List<WebElement> all = rows(laptop, 15);
    waitOn(laptop).until(ExpectedConditions.invisibilityOfElementLocated(By.id("show-more")));
    assertThat(all).extracting(row -> row.getAttribute("data-session-id")).doesNotHaveDuplicates();
    assertThat(all).filteredOn(row -> row.getAttribute("class").contains("current"))
        .extracting(row -> row.findElement(By.className("device")).getText()).containsExactly("Laptop");
    assertThat(screenshot(laptop, "active-sessions-show-more.png")).isNotEmptyFile();
  }
}
