package dev.storefront.infra;

import dev.storefront.common.config.ShippedSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * Every timeout, delay and health-check period of the deployment, and the timing ladder they form
 * with the services' own (docs/timing-ladder.md): inner budgets are shorter than outer ones, so a
 * slow dependency fails fast at the innermost hop instead of holding every caller's thread. The
 * constructor rejects a set of values that breaks that order, naming the rung.
 *
 * <p>The values the services run with are not copied here: {@link ServiceTimings#shipped()} reads
 * them from the services' own configuration, so that changing a service's timeout without the
 * rest of the ladder fails the synthesis and every test. What this record holds besides is what
 * only the deployment sets. Build one with {@link #builder(ServiceTimings)}; every value not set
 * is the shipped default given below.
 *
 * @param services                    the services' own timings, from their configuration
 * @param paymentsPerRequestTimeout   Service Connect per-request timeout in front of payments (2 s)
 * @param ordersPerRequestTimeout     Service Connect per-request timeout in front of orders (5 s)
 * @param deregistrationDelay         ALB target group deregistration delay (30 s, at least the
 *                                    longest request)
 * @param slowStart                   ALB target group slow start (120 s): a new target's share of
 *                                    requests grows linearly over this, so a cold JVM is ramped, not
 *                                    flooded; about the 2 minutes of load a service's JVM needs to
 *                                    reach 90 % of its warm throughput (30 s to 900 s; not applied to
 *                                    the first healthy target of a group, so not to the empty target
 *                                    group a blue/green deployment fills)
 * @param loadBalancerIdleTimeout     ALB idle timeout (60 s): below the services' keep-alive idle
 *                                    timeout, so the ALB always closes an idle connection first
 * @param stopTimeout                 ECS stopTimeout: SIGTERM to SIGKILL (60 s; Fargate allows at
 *                                    most 120 s), at least the services' drain and context close
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
 * @param proxyBorrowTimeout          RDS Proxy connection borrow timeout (1 s): a starved proxy fails a
 *                                    request no later than a slow statement would
 */
public record Timings(
        ServiceTimings services,
        Duration paymentsPerRequestTimeout,
        Duration ordersPerRequestTimeout,
        Duration deregistrationDelay,
        Duration slowStart,
        Duration loadBalancerIdleTimeout,
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
        Duration proxyBorrowTimeout) {

    /** The ALB's range for a target group's slow start (Elastic Load Balancing, target group attributes). */
    private static final Duration MIN_SLOW_START = Duration.ofSeconds(30);
    private static final Duration MAX_SLOW_START = Duration.ofSeconds(900);

    /** Fargate's ceiling for a container's stopTimeout (ECS task definition parameters). */
    private static final Duration FARGATE_MAX_STOP_TIMEOUT = Duration.ofSeconds(120);

    /**
     * The timings the services run with, as their configuration ships them (environment variables
     * may override them per deployment; this app sets none of these).
     *
     * @param frontendToOrdersReadTimeout frontend's HTTP read timeout towards orders
     *                                    ({@code micronaut.http.services.orders.read-timeout}, 6 s)
     * @param ordersToPaymentsReadTimeout orders' HTTP read timeout towards payments
     *                                    ({@code micronaut.http.services.payments.read-timeout}, 3 s)
     * @param dynamoDbCallTimeout         payments' budget for one DynamoDB call, retries included
     *                                    ({@code dynamodb.api-call-timeout}, 1 s)
     * @param statementTimeout            orders' PostgreSQL statement_timeout (2 s)
     * @param inFlightLease               how long orders' request holds an order's payment before a
     *                                    replay or the reconciler may drive it
     *                                    ({@code orders.settlement.in-flight-lease}, 8 s)
     * @param keepAliveIdleTimeout        how long the services keep an idle connection open
     *                                    ({@code micronaut.server.idle-timeout}, 330 s)
     * @param drainDelay                  DRAIN_DELAY ({@code storefront.drain.delay}, 5 s): after
     *                                    SIGTERM, readiness is 503 but the service still serves
     * @param shutdownGracePeriod         SHUTDOWN_GRACE_PERIOD ({@code storefront.drain.grace-period},
     *                                    20 s): then in-flight requests may finish
     * @param minimumStopTimeout          the shortest SIGTERM-to-SIGKILL a service needs: the drain
     *                                    plus closing its context (35 s)
     */
    public record ServiceTimings(
            Duration frontendToOrdersReadTimeout,
            Duration ordersToPaymentsReadTimeout,
            Duration dynamoDbCallTimeout,
            Duration statementTimeout,
            Duration inFlightLease,
            Duration keepAliveIdleTimeout,
            Duration drainDelay,
            Duration shutdownGracePeriod,
            Duration minimumStopTimeout) {

        /**
         * Reads the services' configuration as packaged with this app (infra-cdk's build copies each
         * service's application.yml and common's storefront-defaults.yml from their modules).
         *
         * @throws IllegalArgumentException if a setting is missing or does not parse
         */
        public static ServiceTimings shipped() {
            ShippedSettings frontend = ServiceSettings.of("frontend");
            ShippedSettings orders = ServiceSettings.of("orders");
            ShippedSettings payments = ServiceSettings.of("payments");
            return new ServiceTimings(
                    frontend.duration("micronaut.http.services.orders.read-timeout"),
                    orders.duration("micronaut.http.services.payments.read-timeout"),
                    payments.duration("dynamodb.api-call-timeout"),
                    ServiceSettings.statementTimeout(orders),
                    orders.duration("orders.settlement.in-flight-lease"),
                    frontend.duration("micronaut.server.idle-timeout"),
                    frontend.duration("storefront.drain.delay"),
                    frontend.duration("storefront.drain.grace-period"),
                    frontend.stopTimeout());
        }

        /** This with frontend's read timeout towards orders replaced (for tests of the ladder). */
        public ServiceTimings withFrontendToOrdersReadTimeout(Duration timeout) {
            return new ServiceTimings(timeout, ordersToPaymentsReadTimeout, dynamoDbCallTimeout, statementTimeout,
                    inFlightLease, keepAliveIdleTimeout, drainDelay, shutdownGracePeriod, minimumStopTimeout);
        }
    }

    /** @throws IllegalArgumentException naming the first rung of the ladder that is out of order */
    public Timings {
        Objects.requireNonNull(services, "services");
        requireShorter("payments' DynamoDB call timeout", services.dynamoDbCallTimeout(),
                "Service Connect perRequestTimeout of payments", paymentsPerRequestTimeout);
        requireShorter("Service Connect perRequestTimeout of payments", paymentsPerRequestTimeout,
                "orders' read timeout towards payments", services.ordersToPaymentsReadTimeout());
        requireShorter("orders' read timeout towards payments", services.ordersToPaymentsReadTimeout(),
                "Service Connect perRequestTimeout of orders", ordersPerRequestTimeout);
        requireShorter("orders' read timeout towards payments", services.ordersToPaymentsReadTimeout(),
                "orders' in-flight lease", services.inFlightLease());
        requireShorter("PostgreSQL statement_timeout", services.statementTimeout(),
                "Service Connect perRequestTimeout of orders", ordersPerRequestTimeout);
        requireShorter("Service Connect perRequestTimeout of orders", ordersPerRequestTimeout,
                "frontend's read timeout towards orders", services.frontendToOrdersReadTimeout());
        if (deregistrationDelay.compareTo(services.frontendToOrdersReadTimeout()) < 0) {
            throw new IllegalArgumentException("Timing ladder broken: deregistration delay " + deregistrationDelay
                    + " must be at least frontend's read timeout towards orders "
                    + services.frontendToOrdersReadTimeout() + ", or the ALB cuts requests still in flight");
        }
        if (slowStart.compareTo(MIN_SLOW_START) < 0 || slowStart.compareTo(MAX_SLOW_START) > 0) {
            throw new IllegalArgumentException("ALB slow start " + slowStart + " is outside 30 s to 900 s");
        }
        requireShorter("Service Connect perRequestTimeout of orders", ordersPerRequestTimeout,
                "Service Connect idle timeout", serviceConnectIdleTimeout);
        requireShorter("frontend's read timeout towards orders", services.frontendToOrdersReadTimeout(),
                "Service Connect idle timeout", serviceConnectIdleTimeout);
        requireShorter("Service Connect idle timeout", serviceConnectIdleTimeout,
                "the services' keep-alive idle timeout", services.keepAliveIdleTimeout());
        requireShorter("ALB idle timeout", loadBalancerIdleTimeout,
                "the services' keep-alive idle timeout", services.keepAliveIdleTimeout());
        if (stopTimeout.compareTo(services.minimumStopTimeout()) < 0) {
            throw new IllegalArgumentException("Timing ladder broken: ECS stopTimeout " + stopTimeout
                    + " must be at least the services' DRAIN_DELAY + SHUTDOWN_GRACE_PERIOD + context close ("
                    + services.minimumStopTimeout() + ")");
        }
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
        requireShorter("the time a deployment alarm needs to fire", alarmPeriod.multipliedBy(alarmEvaluationPeriods),
                "the blue/green bake time", blueGreenBakeTime);
        if (proxyBorrowTimeout.compareTo(services.statementTimeout()) > 0) {
            throw new IllegalArgumentException("RDS Proxy borrow timeout " + proxyBorrowTimeout
                    + " must not exceed the statement timeout " + services.statementTimeout());
        }
    }

    /** The deployment's timings around the services' shipped ones. */
    public static Timings defaults() {
        return builder(ServiceTimings.shipped()).build();
    }

    /** A builder holding the deployment's defaults, around the given service timings. */
    public static Builder builder(ServiceTimings services) {
        return new Builder(services);
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        Builder builder = new Builder(services);
        builder.paymentsPerRequestTimeout = paymentsPerRequestTimeout;
        builder.ordersPerRequestTimeout = ordersPerRequestTimeout;
        builder.deregistrationDelay = deregistrationDelay;
        builder.slowStart = slowStart;
        builder.loadBalancerIdleTimeout = loadBalancerIdleTimeout;
        builder.stopTimeout = stopTimeout;
        builder.livenessInterval = livenessInterval;
        builder.livenessTimeout = livenessTimeout;
        builder.livenessRetries = livenessRetries;
        builder.livenessStartPeriod = livenessStartPeriod;
        builder.readinessInterval = readinessInterval;
        builder.readinessTimeout = readinessTimeout;
        builder.readinessHealthyThreshold = readinessHealthyThreshold;
        builder.readinessUnhealthyThreshold = readinessUnhealthyThreshold;
        builder.healthCheckGracePeriod = healthCheckGracePeriod;
        builder.scaleOutCooldown = scaleOutCooldown;
        builder.scaleInCooldown = scaleInCooldown;
        builder.alarmPeriod = alarmPeriod;
        builder.alarmEvaluationPeriods = alarmEvaluationPeriods;
        builder.serviceConnectIdleTimeout = serviceConnectIdleTimeout;
        builder.blueGreenBakeTime = blueGreenBakeTime;
        builder.proxyBorrowTimeout = proxyBorrowTimeout;
        return builder;
    }

    /** Named values over the defaults; {@link #build()} checks the ladder. */
    public static final class Builder {
        private ServiceTimings services;
        private Duration paymentsPerRequestTimeout = Duration.ofSeconds(2);
        private Duration ordersPerRequestTimeout = Duration.ofSeconds(5);
        private Duration deregistrationDelay = Duration.ofSeconds(30);
        private Duration slowStart = Duration.ofSeconds(120);
        private Duration loadBalancerIdleTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(60);
        private Duration livenessInterval = Duration.ofSeconds(15);
        private Duration livenessTimeout = Duration.ofSeconds(5);
        private int livenessRetries = 3;
        private Duration livenessStartPeriod = Duration.ofSeconds(30);
        private Duration readinessInterval = Duration.ofSeconds(10);
        private Duration readinessTimeout = Duration.ofSeconds(5);
        private int readinessHealthyThreshold = 2;
        private int readinessUnhealthyThreshold = 2;
        private Duration healthCheckGracePeriod = Duration.ofSeconds(60);
        private Duration scaleOutCooldown = Duration.ofSeconds(60);
        private Duration scaleInCooldown = Duration.ofSeconds(300);
        private Duration alarmPeriod = Duration.ofMinutes(1);
        private int alarmEvaluationPeriods = 2;
        private Duration serviceConnectIdleTimeout = Duration.ofSeconds(60);
        private Duration blueGreenBakeTime = Duration.ofMinutes(5);
        private Duration proxyBorrowTimeout = Duration.ofSeconds(1);

        private Builder(ServiceTimings services) {
            this.services = services;
        }

        /** @see Timings#services() */
        public Builder services(ServiceTimings value) {
            services = value;
            return this;
        }

        /** @see Timings#paymentsPerRequestTimeout() */
        public Builder paymentsPerRequestTimeout(Duration value) {
            paymentsPerRequestTimeout = value;
            return this;
        }

        /** @see Timings#ordersPerRequestTimeout() */
        public Builder ordersPerRequestTimeout(Duration value) {
            ordersPerRequestTimeout = value;
            return this;
        }

        /** @see Timings#deregistrationDelay() */
        public Builder deregistrationDelay(Duration value) {
            deregistrationDelay = value;
            return this;
        }

        /** @see Timings#slowStart() */
        public Builder slowStart(Duration value) {
            slowStart = value;
            return this;
        }

        /** @see Timings#loadBalancerIdleTimeout() */
        public Builder loadBalancerIdleTimeout(Duration value) {
            loadBalancerIdleTimeout = value;
            return this;
        }

        /** @see Timings#stopTimeout() */
        public Builder stopTimeout(Duration value) {
            stopTimeout = value;
            return this;
        }

        /** @see Timings#serviceConnectIdleTimeout() */
        public Builder serviceConnectIdleTimeout(Duration value) {
            serviceConnectIdleTimeout = value;
            return this;
        }

        /** @see Timings#blueGreenBakeTime() */
        public Builder blueGreenBakeTime(Duration value) {
            blueGreenBakeTime = value;
            return this;
        }

        /** @see Timings#proxyBorrowTimeout() */
        public Builder proxyBorrowTimeout(Duration value) {
            proxyBorrowTimeout = value;
            return this;
        }

        /** @see Timings#healthCheckGracePeriod() */
        public Builder healthCheckGracePeriod(Duration value) {
            healthCheckGracePeriod = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first rung of the ladder that is out of order */
        public Timings build() {
            return new Timings(services, paymentsPerRequestTimeout, ordersPerRequestTimeout, deregistrationDelay,
                    slowStart, loadBalancerIdleTimeout, stopTimeout, livenessInterval, livenessTimeout, livenessRetries,
                    livenessStartPeriod, readinessInterval, readinessTimeout, readinessHealthyThreshold,
                    readinessUnhealthyThreshold, healthCheckGracePeriod, scaleOutCooldown, scaleInCooldown,
                    alarmPeriod, alarmEvaluationPeriods, serviceConnectIdleTimeout, blueGreenBakeTime,
                    proxyBorrowTimeout);
        }
    }

    /** The CDK form of a duration, in whole seconds (every value here is whole seconds). */
    static software.amazon.awscdk.Duration cdk(Duration duration) {
        return software.amazon.awscdk.Duration.seconds(duration.toSeconds());
    }

    private static void requireShorter(String inner, Duration innerValue, String outer, Duration outerValue) {
        if (innerValue.compareTo(outerValue) >= 0) {
            throw new IllegalArgumentException("Timing ladder broken: " + inner + " (" + innerValue
                    + ") must be shorter than " + outer + " (" + outerValue + ")");
        }
    }
}
