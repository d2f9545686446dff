package dev.storefront.payments.persistence;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Readiness: the payments table answers a GetItem within the SDK's 1 s budget (run on the I/O
 * executor, not the event loop). Not a liveness check: a DynamoDB outage must take instances out
 * of rotation, not get them killed. A failure is reported DOWN, hence HTTP 503.
 */
@Singleton
@Readiness
final class PaymentsTableHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final PaymentRepository payments;

    PaymentsTableHealthIndicator(PaymentRepository payments) {
        this.payments = payments;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        payments.probe();
        healthStatus = HealthStatus.UP;
        return Map.of("table", payments.table());
    }

    @Override
    protected String getName() {
        return "dynamodb";
    }
}
