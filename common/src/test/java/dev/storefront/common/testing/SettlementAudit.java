package dev.storefront.common.testing;

import dev.storefront.common.config.ShippedSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Checks from the stores themselves (SQL on the orders database, a scan of the payments table)
 * that money and orders agree: no order PENDING, every PAID order has an AUTHORIZED payment of the
 * same amount and currency, every AUTHORIZED payment belongs to a PAID order, every DECLINED order
 * has a DECLINED payment, no acknowledged checkout is missing, one order per key, one payment per
 * order, every retry answers the first answer's order, and no order was tried more often than the
 * reconciler's backoff allows.
 */
public final class SettlementAudit {

    /**
     * A payment item as scanned from the payments table.
     *
     * @param orderId the table's key
     * @param paymentId payments' id of the intent
     * @param status AUTHORIZED or DECLINED
     * @param amountCents amount in minor units of {@code currency}
     * @param currency ISO 4217 code
     */
    public record Payment(String orderId, String paymentId, String status, long amountCents, String currency) {
    }

    /**
     * The reconciler's schedule, as orders runs it.
     *
     * @param minAge ORDERS_RECONCILE_MIN_AGE
     * @param backoffBase first wait after a failed re-drive, before jitter takes up to half off
     * @param backoffCap the longest wait
     */
    public record Schedule(Duration minAge, Duration backoffBase, Duration backoffCap) {

        /** The schedule orders ships: read from its application.yml in the project, not copied. */
        public static Schedule shipped(Path projectRoot) {
            ShippedSettings orders = ShippedSettings.of(projectRoot, "orders");
            return new Schedule(orders.duration("orders.settlement.reconcile-min-age"),
                    orders.duration("orders.settlement.backoff-base"), orders.duration("orders.settlement.backoff-cap"));
        }

        /**
         * The most payment attempts an order can have had {@code lifetime} after it was placed: the
         * request's, one replay, and reconciler re-drives from {@code minAge} on, each further one
         * at least half a backoff after the previous.
         */
        public int maxAttempts(Duration lifetime) {
            int attempts = 2;
            Duration at = minAge;
            int failed = 0;
            while (at.compareTo(lifetime) <= 0) {
                attempts++;
                failed++;
                long full = Math.min(backoffCap.toMillis(), backoffBase.toMillis() << Math.min(failed - 1, 30));
                at = at.plusMillis(full / 2);
            }
            return attempts;
        }
    }

    /** Counts of each kind of disagreement; all zero when money and orders agree. */
    public record Findings(Map<String, Integer> counts, List<String> examples) {

        /** Whether every count is zero. */
        public boolean clean() {
            return counts.values().stream().allMatch(c -> c == 0);
        }
    }

    private final Supplier<Connection> database;
    private final Schedule schedule;

    /** Every item of the payments table, read with a consistent scan. */
    public static List<Payment> scanPayments(DynamoDbClient dynamoDb, String table) {
        return dynamoDb.scanPaginator(s -> s.tableName(table).consistentRead(true)).items().stream()
                .map(item -> new Payment(item.get("orderId").s(), item.get("paymentId").s(), item.get("status").s(),
                        Long.parseLong(item.get("amountCents").n()), item.get("currency").s()))
                .toList();
    }

    /**
     * @param jdbcUrl the orders database; {@code user} and {@code password} to read it
     * @param schedule the reconciler's schedule, for the bound on payment attempts
     */
    public SettlementAudit(String jdbcUrl, String user, String password, Schedule schedule) {
        this.schedule = schedule;
        this.database = () -> {
            try {
                return DriverManager.getConnection(jdbcUrl, user, password);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reach the orders database " + jdbcUrl, e);
            }
        };
    }

    /** Orders in status PENDING now, including any flagged for review. */
    public long pending() {
        return orders().values().stream().filter(o -> o.status().equals("PENDING")).count();
    }

    /**
     * Waits until no order is PENDING.
     *
     * @return how long it took
     * @throws AssertionError if orders are still PENDING after {@code atMost}
     */
    public Duration awaitNoPending(Duration atMost) {
        long start = System.nanoTime();
        org.awaitility.Awaitility.await().pollInterval(Duration.ofMillis(250)).atMost(atMost)
                .alias("no order PENDING").until(() -> pending() == 0);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Audits the stores against what the clients saw.
     *
     * @param checkouts the first answers
     * @param retries one retry of each checkout, with its key, in the same order
     * @param payments every item of the payments table
     */
    public Findings audit(List<CheckoutLoad.Checkout> checkouts, List<CheckoutLoad.Checkout> retries,
                          List<Payment> payments) {
        Map<String, OrderRow> orders = orders();
        Map<String, List<Payment>> paymentsByOrder = payments.stream()
                .collect(Collectors.groupingBy(Payment::orderId));
        Map<String, List<OrderRow>> ordersByKey = orders.values().stream().filter(o -> o.idempotencyKey() != null)
                .collect(Collectors.groupingBy(OrderRow::idempotencyKey));
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> examples = new ArrayList<>();
        Finder find = (kind, bad, example) -> {
            counts.merge(kind, bad ? 1 : 0, Integer::sum);
            if (bad && examples.size() < 20) {
                examples.add(kind + ": " + example);
            }
        };

        for (OrderRow order : orders.values()) {
            Payment payment = paymentsByOrder.getOrDefault(order.id(), List.of()).stream().findFirst().orElse(null);
            find.record("order PENDING", order.status().equals("PENDING"), order);
            if (order.status().equals("PAID")) {
                find.record("PAID order without an AUTHORIZED payment of its amount", payment == null
                        || !payment.status().equals("AUTHORIZED") || payment.amountCents() != order.totalCents()
                        || !payment.currency().equals(order.currency())
                        || !payment.paymentId().equals(order.paymentId()), order + " / " + payment);
            }
            if (order.status().equals("DECLINED")) {
                find.record("DECLINED order without a DECLINED payment",
                        payment == null || !payment.status().equals("DECLINED"), order + " / " + payment);
            }
            find.record("more attempts than the backoff allows",
                    order.attempts() > schedule.maxAttempts(order.lifetime()), order);
        }
        for (Payment payment : payments) {
            OrderRow order = orders.get(payment.orderId());
            if (payment.status().equals("AUTHORIZED")) {
                find.record("AUTHORIZED payment without a PAID order",
                        order == null || !order.status().equals("PAID"), payment + " / " + order);
            }
        }
        paymentsByOrder.forEach((orderId, items) ->
                find.record("several payments for one order", items.size() > 1, orderId));
        ordersByKey.forEach((key, rows) -> find.record("several orders for one key", rows.size() > 1, key));

        for (int i = 0; i < checkouts.size(); i++) {
            CheckoutLoad.Checkout first = checkouts.get(i);
            CheckoutLoad.Checkout retry = retries.get(i);
            List<OrderRow> stored = ordersByKey.getOrDefault(first.idempotencyKey(), List.of());
            find.record("acknowledged checkout missing", first.acknowledged() && first.order()
                    .map(o -> !orders.containsKey(o.orderId())).orElse(true), first);
            find.record("retry not answered with an order", retry.order().isEmpty(), retry);
            find.record("retry answered another order than the first answer",
                    first.order().isPresent() && retry.order().isPresent()
                            && !first.order().get().orderId().equals(retry.order().get().orderId()),
                    first + " / " + retry);
            find.record("retry answered another order than the key's",
                    retry.order().isPresent() && (stored.size() != 1
                            || !stored.get(0).id().equals(retry.order().get().orderId())), retry);
        }
        return new Findings(counts, examples);
    }

    /**
     * What one fault drill saw.
     *
     * @param fault what was done, e.g. "payments frozen 10 s"
     * @param checkouts the first answers of the load
     * @param pendingAfterFault orders PENDING when the load ended
     * @param settling how long after that the last one settled
     * @param retries one retry of every checkout, with its key
     * @param findings the audit of the stores afterwards
     */
    public record Drill(String fault, List<CheckoutLoad.Checkout> checkouts, long pendingAfterFault,
                        Duration settling, List<CheckoutLoad.Checkout> retries, Findings findings) {

        /** One line for the log and the notes: counts, statuses, timings and the audit. */
        public String summary() {
            return fault + ": " + checkouts.size() + " checkouts, answers " + CheckoutLoad.statuses(checkouts)
                    + ", PENDING after the fault " + pendingAfterFault + ", all settled " + settling.toMillis() / 1000.0
                    + " s later; retries " + CheckoutLoad.statuses(retries) + "; audit " + findings.counts();
        }
    }

    /**
     * A fault drill: runs the load with the fault in it, waits until no order is PENDING (at most
     * {@code settledWithin}), retries every checkout once with its key, and audits the stores.
     *
     * @param load the checkout load, with its shape
     * @param inject the fault, run while the load goes on
     * @param payments reads every item of the payments table, after the retries
     */
    public Drill drill(String fault, CheckoutLoad load, CheckoutLoad.Shape shape, Runnable inject,
                       Supplier<List<Payment>> payments, Duration settledWithin) throws Exception {
        List<CheckoutLoad.Checkout> checkouts = load.run(shape, inject);
        long pendingAfterFault = pending();
        Duration settling = awaitNoPending(settledWithin);
        List<CheckoutLoad.Checkout> retries = load.retry(checkouts);
        return new Drill(fault, checkouts, pendingAfterFault, settling, retries,
                audit(checkouts, retries, payments.get()));
    }

    /** Records one check: {@code bad} counts as a finding of that kind. */
    @FunctionalInterface
    private interface Finder {
        void record(String kind, boolean bad, Object example);
    }

    /** A row of the orders table, as the audit reads it. */
    private record OrderRow(String id, String idempotencyKey, String status, long totalCents, String currency,
                            String paymentId, int attempts, Instant createdAt, Instant updatedAt) {

        Duration lifetime() {
            return Duration.between(createdAt, updatedAt);
        }
    }

    private Map<String, OrderRow> orders() {
        Map<String, OrderRow> rows = new HashMap<>();
        try (Connection connection = database.get(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, idempotency_key, status, total_cents, currency, "
                     + "payment_id, payment_attempts, created_at, updated_at FROM orders")) {
            while (rs.next()) {
                OrderRow row = new OrderRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5).trim(), rs.getString(6), rs.getInt(7),
                        rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant());
                rows.put(row.id(), row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** Orders that needed more than one payment attempt: proof that settlement, not luck, did it. */
    public long ordersRetried() {
        return orders().values().stream().filter(o -> o.attempts() > 1).count();
    }

    /** The most attempts any order had. */
    public int maxAttempts() {
        return orders().values().stream().mapToInt(OrderRow::attempts).max().orElse(0);
    }
}
