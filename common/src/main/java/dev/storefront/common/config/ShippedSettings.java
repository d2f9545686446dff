package dev.storefront.common.config;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a service ships with, read without starting it: {@code storefront-defaults.yml}
 * (common) under the service's own {@code application.yml}, the service's file winning where both
 * set a key, as {@link SharedDefaults} orders them at run time. A placeholder
 * {@code ${VARIABLE:default}} reads as its default: these are the values a service runs with when
 * the environment does not override them (docs/configuration.md).
 *
 * <p>For whatever must agree with the services without being one: infra-cdk's {@code Timings} and
 * {@code Sizing}, the launcher's and the container tests' stop timeouts, the tests' expectations.
 * Keys are dotted paths, e.g. {@code micronaut.http.services.orders.read-timeout}.
 */
public final class ShippedSettings {

    /** The shared defaults, on every service's classpath (common's jar) and in the repository. */
    public static final String SHARED_DEFAULTS = "storefront-defaults.yml";

    /** Where the shared defaults live in the repository, from its root. */
    public static final String SHARED_DEFAULTS_SOURCE = "common/src/main/resources/" + SHARED_DEFAULTS;

    /**
     * Closing the application context after the drain's grace period (HikariCP pool, SDK and HTTP
     * clients, the telemetry's last export): a stop timeout must leave at least this on top of
     * {@link #drainBudget()}.
     */
    public static final Duration CONTEXT_CLOSE_BUDGET = Duration.ofSeconds(10);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z0-9_.\\-]+(?::(.*))?}");
    private static final Pattern MICRONAUT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, Object> service;
    private final Map<String, Object> shared;

    private ShippedSettings(Map<String, Object> service, Map<String, Object> shared) {
        this.service = service;
        this.shared = shared;
    }

    /**
     * The shared defaults alone, from the classpath (common's jar).
     *
     * @throws IllegalStateException if {@value #SHARED_DEFAULTS} is not on the classpath
     */
    public static ShippedSettings shared() {
        return new ShippedSettings(Map.of(), resource(SHARED_DEFAULTS));
    }

    /**
     * One service's settings, from classpath resources (a tool packaged with copies of the files).
     *
     * @param serviceResource the service's application.yml, e.g. {@code settings/orders/application.yml}
     * @param sharedResource  storefront-defaults.yml
     * @throws IllegalStateException if either is not on the classpath
     */
    public static ShippedSettings fromClasspath(String serviceResource, String sharedResource) {
        return new ShippedSettings(resource(serviceResource), resource(sharedResource));
    }

    /**
     * One service's settings, from the repository's source files.
     *
     * @param repositoryRoot the repository's root folder
     * @param service        {@code frontend}, {@code orders} or {@code payments}
     * @throws UncheckedIOException if either file cannot be read
     */
    public static ShippedSettings of(Path repositoryRoot, String service) {
        return new ShippedSettings(
                read(repositoryRoot.resolve(service).resolve("src/main/resources/application.yml")),
                read(repositoryRoot.resolve(SHARED_DEFAULTS_SOURCE)));
    }

    /**
     * A duration setting, in Micronaut's forms ({@code 400ms}, {@code 6s}, {@code 5m}) or ISO-8601
     * ({@code PT6S}).
     *
     * @throws IllegalArgumentException if the key is not set or is not a duration
     */
    public Duration duration(String key) {
        String text = string(key);
        Matcher matcher = MICRONAUT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " = " + text + " is not a duration", e);
        }
    }

    /** @throws IllegalArgumentException if the key is not set or is not an integer */
    public int integer(String key) {
        try {
            return Integer.parseInt(string(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = " + string(key) + " is not an integer", e);
        }
    }

    /** @throws IllegalArgumentException if the key is not set */
    public String string(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException(key + " is not set"));
    }

    /** The value of a key, its placeholder resolved to the default; empty if neither file sets it. */
    public Optional<String> find(String key) {
        Object value = lookup(service, key);
        if (value == null) {
            value = lookup(shared, key);
        }
        return Optional.ofNullable(value).map(String::valueOf).map(ShippedSettings::resolve);
    }

    /**
     * How long a service may take from SIGTERM to exit by itself: {@code storefront.drain.delay} +
     * {@code storefront.drain.grace-period} + {@link #CONTEXT_CLOSE_BUDGET} (35 s shipped). The
     * shortest stop timeout (SIGTERM to SIGKILL) an orchestrator may give it.
     */
    public Duration stopTimeout() {
        return drainBudget().plus(CONTEXT_CLOSE_BUDGET);
    }

    /** {@code storefront.drain.delay} + {@code storefront.drain.grace-period} (25 s shipped). */
    public Duration drainBudget() {
        return duration("storefront.drain.delay").plus(duration("storefront.drain.grace-period"));
    }

    private static String resolve(String value) {
        Matcher matcher = PLACEHOLDER.matcher(value.trim());
        if (!matcher.matches()) {
            return value;
        }
        String fallback = matcher.group(1) == null ? "" : matcher.group(1);
        return fallback.startsWith("`") && fallback.endsWith("`") && fallback.length() >= 2
                ? fallback.substring(1, fallback.length() - 1)
                : fallback;
    }

    @SuppressWarnings("unchecked")
    private static Object lookup(Map<String, Object> tree, String key) {
        Object node = tree;
        String rest = key;
        // Walks the tree, matching the longest key at each level: YAML may nest "a: b: c" or hold
        // a dotted key "a.b: c"; both mean a.b.c, as Micronaut reads them.
        while (node instanceof Map<?, ?> map && !rest.isEmpty()) {
            Object next = null;
            String remaining = null;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = String.valueOf(entry.getKey());
                if (rest.equals(name)) {
                    next = entry.getValue();
                    remaining = "";
                    break;
                }
                if (rest.startsWith(name + ".") && (remaining == null || remaining.length() > rest.length() - name.length() - 1)) {
                    next = entry.getValue();
                    remaining = rest.substring(name.length() + 1);
                }
            }
            if (remaining == null) {
                return null;
            }
            node = next;
            rest = remaining;
        }
        return rest.isEmpty() ? node : null;
    }

    private static Map<String, Object> resource(String name) {
        try (InputStream in = ShippedSettings.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static Map<String, Object> parse(InputStream in) {
        Map<String, Object> tree = new Yaml().load(in);
        return tree == null ? Map.of() : tree;
    }
}
