package dev.storefront.infra;

import dev.storefront.common.config.ShippedSettings;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' configuration as this app is packaged with it: infra-cdk's build copies each
 * service's {@code application.yml} to {@code service-settings/<service>/} and common's
 * {@code storefront-defaults.yml} to {@code service-settings/} on its classpath, so that
 * {@link Timings} and {@link Sizing} hold no copy of a value a service holds.
 */
final class ServiceSettings {

    private static final String ROOT = "service-settings/";
    private static final Pattern STATEMENT_TIMEOUT = Pattern.compile("statement_timeout=(\\d+)");

    private ServiceSettings() {
    }

    /**
     * One service's shipped settings.
     *
     * @param service {@code frontend}, {@code orders} or {@code payments}
     * @throws IllegalStateException if the build did not package them
     */
    static ShippedSettings of(String service) {
        return ShippedSettings.fromClasspath(ROOT + service + "/application.yml", ROOT + ShippedSettings.SHARED_DEFAULTS);
    }

    /**
     * orders' PostgreSQL statement_timeout, from the connection options of its data source
     * ({@code -c statement_timeout=2000}, in ms).
     *
     * @throws IllegalArgumentException if orders' options set none
     */
    static Duration statementTimeout(ShippedSettings orders) {
        String options = orders.string("datasources.default.data-source-properties.options");
        Matcher matcher = STATEMENT_TIMEOUT.matcher(options);
        if (!matcher.find()) {
            throw new IllegalArgumentException("orders sets no statement_timeout in " + options);
        }
        return Duration.ofMillis(Long.parseLong(matcher.group(1)));
    }

    /** orders' HikariCP maximum pool size per task ({@code datasources.default.maximum-pool-size}). */
    static int databasePoolSize() {
        return of("orders").integer("datasources.default.maximum-pool-size");
    }
}
