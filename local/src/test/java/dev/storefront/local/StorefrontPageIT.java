package dev.storefront.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storefront page in a real headless Chromium, against the three real services of the local
 * stack, opened as a shopper behind a plain-HTTP load balancer would: through a host name that is
 * not localhost ({@code storefront.test}, mapped to 127.0.0.1 by Chromium's host resolver rules),
 * so the page runs in a non-secure context where {@code crypto.randomUUID} does not exist. The
 * browser reaches frontend through {@link AnswerDroppingProxy}, which can lose an answer. What the
 * page shows is checked in the DOM, and what was stored in PostgreSQL; a screenshot of each state
 * is saved under {@code target/screenshots/}.
 *
 * <p>Chromium and its driver are Debian's ({@code apt-get install chromium chromium-driver});
 * other paths can be given with {@code -Dchromium.binary=...} and {@code -Dchromedriver=...}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorefrontPageIT {

    private static final Logger LOG = LoggerFactory.getLogger(StorefrontPageIT.class);

    /** A host name other than localhost, so the page is not a secure context. */
    private static final String HOST = "storefront.test";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Longest wait for a state of the page that needs no service restart. */
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(20);
    /**
     * Deadline for an order's outcome: a PENDING order turns PAID once payments is back, and on a
     * machine loaded enough for a payment to outlast orders' 3 s budget, an order that should be
     * PAID or DECLINED at once may first be PENDING and settle within this time.
     */
    private static final Duration SETTLEMENT_TIMEOUT = Duration.ofSeconds(60);
    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private EmbeddedStorefront stack;
    private AnswerDroppingProxy proxy;
    private ChromeDriver browser;
    private String origin;

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
        stack = EmbeddedStorefront.start(new EmbeddedStorefront.Settings(home, 0, 0, 0, Map.of(),
                Duration.ofSeconds(120),
                Map.of("OTEL_TRACES_EXPORTER", "none"), new PrintStream(System.out, true)));
        proxy = new AnswerDroppingProxy(stack.service("frontend").url());
        // The first payment of a cold stack can outlast orders' 3 s payments budget on a loaded machine
        // and leave that order PENDING: one checkout first, so the tests see the services warm.
        new StorefrontClient(stack.service("frontend").url())
                .checkout(StorefrontClient.checkoutJson("warm-up@example.com", "SKU-1", 1), null);
        origin = "http://" + HOST + ":" + proxy.port();
        browser = chromium();
    }

    private static ChromeDriver chromium() {
        Path binary = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        Path driver = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
        assertThat(binary).as("Chromium (apt-get install chromium)").isExecutable();
        assertThat(driver).as("ChromeDriver (apt-get install chromium-driver)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        // Both paths given: Selenium Manager, which would download a browser, is not used.
        options.setBinary(binary.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1100,1300", "--host-resolver-rules=MAP " + HOST + " 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        LOG.info("browser: {}", chrome.getCapabilities().getBrowserVersion());
        return chrome;
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void freshTab() {
        // A new tab state: no checkout attempt of an earlier test in sessionStorage.
        browser.get(origin + "/app.css");
        browser.executeScript("sessionStorage.clear()");
    }

    @Test
    void checkoutShowsThePaidOrderWithItsTotalAndItsKeyIsAUuidMadeWithoutRandomUuid() throws SQLException {
        openShop();
        assertThat(browser.executeScript("return window.isSecureContext")).isEqualTo(false);
        assertThat(browser.executeScript("return typeof crypto.randomUUID")).isEqualTo("undefined");
        screenshot("page-catalog");

        checkout("paid-page@example.com", Map.of("SKU-1", "2"));

        awaitOrderStatus("PAID", SETTLEMENT_TIMEOUT);
        assertThat(text("order-total")).isEqualTo("$90.00");
        assertThat(text("order-message")).contains("Paid");
        assertThat(browser.findElement(By.id("order-lines")).getText()).contains("SKU-1").contains("$45.00");
        screenshot("page-paid");
        StoredOrder stored = onlyOrderOf("paid-page@example.com");
        assertThat(stored.status()).isEqualTo("PAID");
        assertThat(stored.totalCents()).isEqualTo(9000);
        assertThat(text("order-id")).isEqualTo(stored.id());
        assertThat(browser.getCurrentUrl()).endsWith("#order/" + stored.id());
        assertThat(stored.idempotencyKey()).matches(UUID_V4);
        assertThat(proxy.checkouts(stored.idempotencyKey())).hasSize(1);
    }

    @Test
    void declinedOrderIsShownDeclined() throws SQLException {
        openShop();

        checkout("declined-page@example.com", Map.of("SKU-5", "3"));

        awaitOrderStatus("DECLINED", SETTLEMENT_TIMEOUT);
        assertThat(text("order-total")).isEqualTo("$5,697.00");
        assertThat(text("order-message")).contains("declined").contains("Nothing was charged");
        screenshot("page-declined");
        assertThat(onlyOrderOf("declined-page@example.com").status()).isEqualTo("DECLINED");
    }

    @Test
    void validationErrorsAreShownNextToTheirFieldsAndNothingIsStored() throws SQLException {
        long ordersBefore = count("SELECT count(*) FROM orders");
        openShop();

        checkout("not-an-email", Map.of("SKU-2", "101"));

        WebElement emailError = awaitVisible("email-error");
        assertThat(emailError.getText()).contains("well-formed email address");
        assertThat(browser.findElement(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("email")).getAttribute("aria-describedby")).isEqualTo("email-error");
        WebElement quantityError = awaitVisible("qty-SKU-2-error");
        assertThat(quantityError.getText()).contains("less than or equal to 100");
        assertThat(browser.findElement(By.id("qty-SKU-2")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text("checkout-error")).contains("correct the marked fields");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus on the first invalid field")
                .isIn("email", "qty-SKU-2");
        assertThat(browser.findElement(By.id("submit")).isEnabled()).isTrue();
        screenshot("page-validation-error");
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(ordersBefore);
    }

    @Test
    void doubleClickOnCheckoutPlacesOneOrder() throws SQLException {
        openShop();
        fill("double-click@example.com", Map.of("SKU-9", "1"));
        int checkoutsBefore = proxy.checkouts().size();

        new Actions(browser).doubleClick(browser.findElement(By.id("submit"))).perform();

        awaitOrderStatus("PAID", SETTLEMENT_TIMEOUT);
        screenshot("page-double-click");
        assertThat(count("SELECT count(*) FROM orders WHERE customer_email = ?", "double-click@example.com"))
                .isEqualTo(1);
        List<AnswerDroppingProxy.Checkout> sent = proxy.checkouts().subList(checkoutsBefore, proxy.checkouts().size());
        assertThat(sent).as("one checkout request, and more only as the page's retries of an unanswered one")
                .extracting(AnswerDroppingProxy.Checkout::idempotencyKey)
                .containsOnly(onlyOrderOf("double-click@example.com").idempotencyKey());
        assertThat(sent.subList(0, sent.size() - 1)).extracting(AnswerDroppingProxy.Checkout::status)
                .allSatisfy(status -> assertThat(status).isIn(0, 409, 502, 503));
    }

    @Test
    void lostCheckoutAnswerIsRetriedWithTheSameKeyAndPlacesOneOrder() throws SQLException {
        openShop();
        proxy.dropNextStoredCheckoutAnswer();

        checkout("lost-answer@example.com", Map.of("SKU-2", "1"));

        awaitOrderStatus("PAID", SETTLEMENT_TIMEOUT);
        screenshot("page-lost-answer-retried");
        StoredOrder stored = onlyOrderOf("lost-answer@example.com");
        assertThat(text("order-id")).isEqualTo(stored.id());
        List<AnswerDroppingProxy.Checkout> tries = proxy.checkouts(stored.idempotencyKey());
        assertThat(tries).as("tries of this checkout, all with its one key").hasSizeGreaterThanOrEqualTo(2);
        assertThat(tries).filteredOn(AnswerDroppingProxy.Checkout::dropped).as("the answer lost after the order was"
                + " stored").singleElement().satisfies(lost -> assertThat(lost.status()).isBetween(200, 202));
        AnswerDroppingProxy.Checkout last = tries.get(tries.size() - 1);
        assertThat(last.dropped()).isFalse();
        assertThat(last.status()).as("the page's retry got the stored order").isEqualTo(200);
    }

    @Test
    void checkoutDuringAnOrdersOutageIsRetriedWithOneKeyAndPlacesOneOrderOnceOrdersIsBack() throws SQLException {
        openShop();
        fill("outage-retry@example.com", Map.of("SKU-1", "1"));
        int checkoutsBefore = proxy.checkouts().size();
        List<AnswerDroppingProxy.Checkout> tries;
        assertThat(stack.stop("orders")).isPresent();
        try {
            browser.findElement(By.id("submit")).click();
            assertThat(browser.findElement(By.id("submit")).isEnabled()).as("disabled while running").isFalse();

            WebElement error = new WebDriverWait(browser, Duration.ofSeconds(40))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout-error")));
            assertThat(error.getText()).contains("did not confirm").contains("will not be placed twice");
            screenshot("page-checkout-unavailable");
            tries = proxy.checkouts().subList(checkoutsBefore, proxy.checkouts().size());
            assertThat(tries).as("the page's tries, each answered 503").hasSize(5)
                    .allSatisfy(c -> assertThat(c.status()).isEqualTo(503));
        } finally {
            stack.restart("orders");
        }
        String key = tries.get(0).idempotencyKey();
        assertThat(key).matches(UUID_V4);
        assertThat(tries).extracting(AnswerDroppingProxy.Checkout::idempotencyKey).containsOnly(key);

        // What the shopper is told to do: check out again. A freshly started orders on a loaded
        // machine may still answer slowly (503, then 409 while the first try runs): at most three
        // presses, each with up to five tries of the page's own.
        for (int press = 1; press <= 3 && !orderShown(); press++) {
            browser.findElement(By.id("submit")).click();
            new WebDriverWait(browser, SETTLEMENT_TIMEOUT).until(driver -> orderShown()
                    || browser.findElement(By.id("checkout-error")).isDisplayed());
        }

        awaitOrderStatus("PAID", SETTLEMENT_TIMEOUT);
        assertThat(proxy.checkouts().subList(checkoutsBefore, proxy.checkouts().size()))
                .as("every try, before and after the outage, with the same key")
                .extracting(AnswerDroppingProxy.Checkout::idempotencyKey).containsOnly(key);
        StoredOrder stored = onlyOrderOf("outage-retry@example.com");
        assertThat(stored.idempotencyKey()).isEqualTo(key);
    }

    private boolean orderShown() {
        return browser.findElement(By.id("order")).isDisplayed();
    }

    @Test
    void catalogFailureShowsAClearMessageAndRecoversOnRetry() {
        assertThat(stack.stop("orders")).isPresent();
        try {
            browser.get(origin + "/");

            WebElement error = awaitVisible("catalog-error");
            assertThat(error.getText()).contains("The catalog is unavailable right now").contains("try again");
            assertThat(browser.findElement(By.id("checkout")).isDisplayed()).as("no form without a catalog").isFalse();
            assertThat(browser.findElement(By.id("submit")).isEnabled()).isFalse();
            screenshot("page-catalog-unavailable");
        } finally {
            stack.restart("orders");
        }
        WebElement retry = browser.findElement(By.id("catalog-retry"));
        retry.sendKeys(" ");

        new WebDriverWait(browser, PAGE_TIMEOUT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("qty-SKU-1")));
        assertThat(browser.findElement(By.id("catalog-error")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("submit")).isEnabled()).isTrue();
    }

    /**
     * Needs the reconciler of orders, which settles PENDING orders once payments answers again:
     * without it the page rightly keeps showing PENDING and this test fails at the last step.
     */
    @Test
    void pendingOrderIsShownPendingAndTurnsPaidOncePaymentsIsBack() throws SQLException {
        openShop();
        assertThat(stack.stop("payments")).isPresent();
        try {
            checkout("pending-page@example.com", Map.of("SKU-9", "2"));

            awaitOrderStatus("PENDING", PAGE_TIMEOUT);
            assertThat(text("order-message")).contains("Waiting for the payment");
            assertThat(text("order-total")).isEqualTo("$36.00");
            screenshot("page-pending");
            assertThat(onlyOrderOf("pending-page@example.com").status()).isEqualTo("PENDING");
        } finally {
            stack.restart("payments");
        }

        awaitOrderStatus("PAID", SETTLEMENT_TIMEOUT);
        screenshot("page-pending-settled");
        assertThat(onlyOrderOf("pending-page@example.com").status()).isEqualTo("PAID");
    }

    // --- what a shopper does

    private void openShop() {
        browser.get(origin + "/");
        new WebDriverWait(browser, PAGE_TIMEOUT).until(ExpectedConditions.elementToBeClickable(By.id("submit")));
    }

    private void fill(String email, Map<String, String> quantities) {
        WebElement emailInput = browser.findElement(By.id("email"));
        emailInput.clear();
        emailInput.sendKeys(email);
        quantities.forEach((sku, quantity) -> {
            WebElement input = browser.findElement(By.id("qty-" + sku));
            input.clear();
            input.sendKeys(quantity);
        });
    }

    /** Fills the form and checks out with the keyboard: Enter in the e-mail field submits. */
    private void checkout(String email, Map<String, String> quantities) {
        fill(email, quantities);
        browser.findElement(By.id("email")).sendKeys("\n");
    }

    private void awaitOrderStatus(String status, Duration timeout) {
        new WebDriverWait(browser, timeout).withMessage(() -> "order status " + status + "; the page shows: "
                        + browser.findElement(By.tagName("main")).getText())
                .until(ExpectedConditions.textToBe(By.id("order-status"), status));
    }

    private WebElement awaitVisible(String id) {
        return new WebDriverWait(browser, PAGE_TIMEOUT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The whole page, not only the window, as a PNG under target/screenshots/. */
    private void screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Map<String, Object> layout = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) layout.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", content.get("width"),
                "height", content.get("height"), "scale", 1);
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("screenshot {}", file.toAbsolutePath());
    }

    // --- what was stored

    private record StoredOrder(String id, String status, long totalCents, String idempotencyKey) {
    }

    private StoredOrder onlyOrderOf(String email) throws SQLException {
        List<StoredOrder> orders = new ArrayList<>();
        try (Connection connection = connection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id, status, total_cents, idempotency_key FROM orders WHERE customer_email = ?")) {
            statement.setString(1, email);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    orders.add(new StoredOrder(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getString(4)));
                }
            }
        }
        assertThat(orders).as("orders of " + email).hasSize(1);
        return orders.get(0);
    }

    private long count(String sql, String... parameters) throws SQLException {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), EmbeddedStorefront.DB_USER, EmbeddedStorefront.DB_PASSWORD);
    }
}
