package dev.storefront.infra;

import java.time.Duration;

/**
 * Every timeout, delay and health-check period of the deployment: the timing ladder of
 * DESIGN.md §5, in one place. Inner budgets are shorter than outer ones, so a slow dependency
 * fails fast at the innermost hop instead of holding every caller's thread; the constructor
 * rejects a set of values that breaks that order.
 *
 * <p>The two HTTP read timeouts are not deployed by this app: the services own them. They are
 * here because the ladder's rungs above and below them (Service Connect timeouts, deregistration
 * delay) are, and the order is only checkable against them.
 *
 * @param paymentsPerRequestTimeout   Service Connect per-request timeout in front of payments (2 s)
 * @param ordersToPaymentsReadTimeout orders' HTTP read timeout towards payments (3 s)
 * @param ordersPerRequestTimeout     Service Connect per-request timeout in front of orders (5 s)
 * @param frontendToOrdersReadTimeout frontend's HTTP read timeout towards orders (6 s)
 * @param deregistrationDelay         ALB target group deregistration delay (30 s, at least the
 *                                    longest request)
 * @param drainDelay                  DRAIN_DELAY: after SIGTERM, readiness is 503 but the service
 *                                    still serves (5 s): the time Service Connect's proxies take to
 *                                    learn from ECS that the task is stopping (they never probe
 *                                    readiness) and the client-side balancing takes to see the 503
 * @param shutdownGracePeriod         SHUTDOWN_GRACE_PERIOD: then in-flight requests may finish (20 s)
 * @param stopTimeout                 ECS stopTimeout: SIGTERM to SIGKILL (60 s; Fargate allows at
 *                                    most 120 s)
 * @param livenessInterval            container health check interval (15 s)
 * @param livenessTimeout             container health check timeout (5 s)
 * @param livenessRetries             container health check retries (3)
 * @param livenessStartPeriod         container health check start period (30 s)
 * @param readinessInterval           ALB health check interval (10 s)
 * @param readinessTimeout            ALB health check timeout (5 s)
 * @param readinessHealthyThreshold   ALB healthy threshold count (2)
 * @param readinessUnhealthyThreshold ALB unhealthy threshold count (2)
 * @param healthCheckGracePeriod      ECS service health check grace period (60 s)
 * @param scaleOutCooldown            auto scaling cooldown after scaling out (60 s: add capacity fast)
 * @param scaleInCooldown             auto scaling cooldown after scaling in (300 s: remove it slowly)
 * @param alarmPeriod                 period of the deployment alarms (1 min)
 * @param alarmEvaluationPeriods      periods over threshold before a deployment alarm fires (2)
 * @param serviceConnectIdleTimeout   Service Connect idle timeout of orders and payments (60 s):
 *                                    above every per-request timeout and the callers' read timeouts,
 *                                    so the proxy never closes a connection a caller still waits on
 * @param blueGreenBakeTime           blue/green bake time (5 min): the old revision stays ready to take
 *                                    traffic back; longer than a deployment alarm needs to fire
 * @param statementTimeout            PostgreSQL statement_timeout of orders (2 s)
 * @param proxyBorrowTimeout          RDS Proxy connection borrow timeout (1 s): a starved proxy fails a
 *                                    request no later than a slow statement would
 */
public record Timings(
        Duration paymentsPerRequestTimeout,
        Duration ordersToPaymentsReadTimeout,
        Duration ordersPerRequestTimeout,
        Duration frontendToOrdersReadTimeout,
        Duration deregistrationDelay,
        Duration drainDelay,
        Duration shutdownGracePeriod,
        Duration stopTimeout,
        Duration livenessInterval,
        Duration livenessTimeout,
        int livenessRetries,
        Duration livenessStartPeriod,
        Duration readinessInterval,
        Duration readinessTimeout,
        int readinessHealthyThreshold,
        int readinessUnhealthyThreshold,
        Duration healthCheckGracePeriod,
        Duration scaleOutCooldown,
        Duration scaleInCooldown,
        Duration alarmPeriod,
        int alarmEvaluationPeriods,
        Duration serviceConnectIdleTimeout,
        Duration blueGreenBakeTime,
        Duration statementTimeout,
        Duration proxyBorrowTimeout) {

    /** Fargate's ceiling for a container's stopTimeout (ECS task definition parameters). */
    private static final Duration FARGATE_MAX_STOP_TIMEOUT = Duration.ofSeconds(120);

    /** @throws IllegalArgumentException naming the first rung of the ladder that is out of order */
    public Timings {
        requireShorter("Service Connect perRequestTimeout of payments", paymentsPerRequestTimeout,
                "orders' read timeout towards payments", ordersToPaymentsReadTimeout);
        requireShorter("orders' read timeout towards payments", ordersToPaymentsReadTimeout,
                "Service Connect perRequestTimeout of orders", ordersPerRequestTimeout);
        requireShorter("Service Connect perRequestTimeout of orders", ordersPerRequestTimeout,
                "frontend's read timeout towards orders", frontendToOrdersReadTimeout);
        if (deregistrationDelay.compareTo(frontendToOrdersReadTimeout) < 0) {
            throw new IllegalArgumentException("Deregistration delay " + deregistrationDelay
                    + " must be at least frontend's read timeout " + frontendToOrdersReadTimeout
                    + ", or the ALB cuts requests still in flight");
        }
        requireShorter("DRAIN_DELAY + SHUTDOWN_GRACE_PERIOD", drainDelay.plus(shutdownGracePeriod),
                "ECS stopTimeout", stopTimeout);
        if (stopTimeout.compareTo(FARGATE_MAX_STOP_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "ECS stopTimeout " + stopTimeout + " exceeds Fargate's maximum of 120 s");
        }
        requireShorter("container health check timeout", livenessTimeout,
                "container health check interval", livenessInterval);
        requireShorter("ALB health check timeout", readinessTimeout,
                "ALB health check interval", readinessInterval);
        if (healthCheckGracePeriod.compareTo(livenessStartPeriod) < 0) {
            throw new IllegalArgumentException("ECS healthCheckGracePeriod " + healthCheckGracePeriod
                    + " must be at least the container health check start period " + livenessStartPeriod);
        }
        requireShorter("scale-out cooldown", scaleOutCooldown, "scale-in cooldown", scaleInCooldown);
        requireShorter("Service Connect perRequestTimeout of orders", ordersPerRequestTimeout,
                "Service Connect idle timeout", serviceConnectIdleTimeout);
        requireShorter("frontend's read timeout towards orders", frontendToOrdersReadTimeout,
                "Service Connect idle timeout", serviceConnectIdleTimeout);
        requireShorter("the time a deployment alarm needs to fire", alarmPeriod.multipliedBy(alarmEvaluationPeriods),
                "the blue/green bake time", blueGreenBakeTime);
        if (proxyBorrowTimeout.compareTo(statementTimeout) > 0) {
            throw new IllegalArgumentException("RDS Proxy borrow timeout " + proxyBorrowTimeout
                    + " must not exceed the statement timeout " + statementTimeout);
        }
        requireShorter("PostgreSQL statement_timeout", statementTimeout,
                "Service Connect perRequestTimeout of orders", ordersPerRequestTimeout);
    }

    /** The values of DESIGN.md §5. */
    public static Timings defaults() {
        return new Timings(
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                Duration.ofSeconds(5),
                Duration.ofSeconds(6),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                Duration.ofSeconds(60),
                Duration.ofSeconds(15),
                Duration.ofSeconds(5),
                3,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                2,
                2,
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                Duration.ofSeconds(300),
                Duration.ofMinutes(1),
                2,
                Duration.ofSeconds(60),
                Duration.ofMinutes(5),
                Duration.ofSeconds(2),
                Duration.ofSeconds(1));
    }

    /** The CDK form of a duration, in whole seconds (every value here is whole seconds). */
    static software.amazon.awscdk.Duration cdk(Duration duration) {
        return software.amazon.awscdk.Duration.seconds(duration.toSeconds());
    }

    /** The form Micronaut reads from DRAIN_DELAY and SHUTDOWN_GRACE_PERIOD, e.g. {@code 5s}. */
    static String micronaut(Duration duration) {
        return duration.toSeconds() + "s";
    }

    private static void requireShorter(String inner, Duration innerValue, String outer, Duration outerValue) {
        if (innerValue.compareTo(outerValue) >= 0) {
            throw new IllegalArgumentException("Timing ladder broken: " + inner + " (" + innerValue
                    + ") must be shorter than " + outer + " (" + outerValue + ")");
        }
    }
}
