package dev.storefront.common.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Loads {@value ShippedSettings#SHARED_DEFAULTS}, the settings every service shares, into every
 * application context (the services', and {@code @MicronautTest}'s): the one copy of what would
 * otherwise be repeated in three {@code application.yml} files. Micronaut reads only the first
 * {@code application.yml} on the classpath, so the shared file has its own name and a lower
 * priority than the service's {@code application.yml}, which wins where both set a key; environment
 * variables and system properties win over both (docs/configuration.md).
 */
@ContextConfigurer
public final class SharedDefaults implements ApplicationContextConfigurer {

    /** Below application.yml ({@link AbstractPropertySourceLoader#DEFAULT_POSITION}, -300). */
    static final int POSITION = AbstractPropertySourceLoader.DEFAULT_POSITION - 100;

    /** @throws IllegalStateException if the file is missing from the classpath */
    @Override
    public void configure(ApplicationContextBuilder builder) {
        try (InputStream in = SharedDefaults.class.getClassLoader().getResourceAsStream(ShippedSettings.SHARED_DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(ShippedSettings.SHARED_DEFAULTS + " is not on the classpath");
            }
            Map<String, Object> values = new YamlPropertySourceLoader().read(ShippedSettings.SHARED_DEFAULTS, in);
            builder.propertySources(PropertySource.of("storefront-defaults", values, POSITION));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
