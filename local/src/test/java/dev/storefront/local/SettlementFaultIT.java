package dev.storefront.local;

import dev.storefront.common.testing.CheckoutLoad;
import dev.storefront.common.testing.SettlementAudit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Money and orders agree whatever fails: the real jars (two orders instances, one payments) under a
 * bounded checkout load, with payments frozen (SIGSTOP) for 10 s, payments killed (SIGKILL) and
 * restarted, and one orders instance killed mid-checkout and restarted. After each fault the
 * reconciler, with its shipped schedule, settles every PENDING order within 60 s, one retry of every
 * checkout answers the order of its first answer, and the stores themselves (SQL and a scan of the
 * payments table) agree with each other and with what the clients saw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettlementFaultIT {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementFaultIT.class);

    /** The load: 10 checkouts a second for 20 s, at most 300. */
    private static final CheckoutLoad.Shape LOAD = new CheckoutLoad.Shape(10, 300, Duration.ofSeconds(20));
    /** The promise: every PENDING order settled this long after the fault at the latest. */
    private static final Duration SETTLED_WITHIN = Duration.ofSeconds(60);

    private EmbeddedStorefront stack;
    private SettlementAudit audit;

    @BeforeAll
    void startStack() {
        Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
        stack = EmbeddedStorefront.start(new EmbeddedStorefront.Settings(home, 0, 0, 0, Map.of("orders", 2),
                Duration.ofSeconds(120), Map.of("OTEL_TRACES_EXPORTER", "none"), new PrintStream(System.out, true)));
        audit = new SettlementAudit(stack.jdbcUrl(), EmbeddedStorefront.DB_USER, EmbeddedStorefront.DB_PASSWORD,
                SettlementAudit.Schedule.shipped(home));
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void paymentsFrozenForTenSecondsUnderLoadEndsWithEveryOrderSettledAndPaidOnce() throws Exception {
        ServiceProcess payments = stack.service("payments");
        runFault("payments frozen 10 s", () -> {
            pause(Duration.ofSeconds(3));
            signal(payments, "STOP");
            pause(Duration.ofSeconds(10));
            signal(payments, "CONT");
        });
    }

    @Test
    void paymentsKilledAndRestartedUnderLoadEndsWithEveryOrderSettledAndPaidOnce() throws Exception {
        runFault("payments killed and restarted", () -> {
            pause(Duration.ofSeconds(3));
            kill(stack.service("payments"));
            pause(Duration.ofSeconds(8));
            stack.restart("payments");
        });
    }

    @Test
    void oneOrdersInstanceKilledMidCheckoutEndsWithEveryOrderSettledAndPaidOnce() throws Exception {
        runFault("one of two orders instances killed and restarted", () -> {
            pause(Duration.ofSeconds(4));
            kill(stack.service("orders-2"));
            pause(Duration.ofSeconds(3));
            stack.restart("orders-2");
        });
    }

    /** Load with the fault in it, then settlement, one retry of everything, and the audit. */
    private void runFault(String fault, Runnable inject) throws Exception {
        CheckoutLoad load = new CheckoutLoad(stack.service("frontend").url(),
                fault.replaceAll("[^a-z0-9]+", "-") + "@example.com");
        SettlementAudit.Drill drill = audit.drill(fault, load, LOAD, inject, this::scanPayments, SETTLED_WITHIN);

        LOG.info("{}; orders that needed more than one attempt so far {}, most attempts {}", drill.summary(),
                audit.ordersRetried(), audit.maxAttempts());
        assertThat(drill.checkouts()).as("the load ran").hasSizeGreaterThan(100);
        assertThat(drill.findings().examples()).as("audit findings").isEmpty();
        assertThat(drill.findings().clean()).isTrue();
        assertThat(drill.checkouts()).as("checkouts acknowledged (201/202) or answered 503/409, never anything else")
                .allSatisfy(c -> assertThat(c.status()).isIn(201, 202, 409, 503));
    }

    private List<SettlementAudit.Payment> scanPayments() {
        return LocalStores.payments(stack);
    }

    /** kill -STOP / -CONT: freeze or thaw a service as a stalled host would. */
    private static void signal(ServiceProcess service, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(service.pid())).inheritIO().start();
            assertThat(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s", signal).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: no drain, as a crashed host or an OOM kill. Returns once the process is gone. */
    private static void kill(ServiceProcess service) {
        ProcessHandle.of(service.pid()).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(10)).until(() -> !service.isAlive());
    }

    /** Paces the fault inside the load. */
    private static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
