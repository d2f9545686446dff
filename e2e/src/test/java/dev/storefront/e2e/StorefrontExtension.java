package dev.storefront.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts one {@link StorefrontContainers} for the whole run (closed when the run ends) and hands it, and a
 * {@link StorefrontClient} for its frontend, to test classes and methods.
 *
 * <p>Without a Docker engine the suite is skipped with one line saying how to get one, except
 * when {@code CI=true}: in CI it fails, because the e2e suite must never be skipped there.
 */
final class StorefrontExtension implements BeforeAllCallback, ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(StorefrontExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StorefrontExtension.class);
    private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();

    static final String NO_DOCKER = "no Docker engine answers: start Docker and run again (on a machine "
            + "that cannot pull images: sudo scripts/air-gapped-images.sh, then "
            + "source scripts/air-gapped-images.env)";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true: the e2e suite may not be skipped, but " + NO_DOCKER);
            }
            if (SKIP_REPORTED.compareAndSet(false, true)) {
                LOG.warn("e2e tests skipped: {}", NO_DOCKER);
            }
            Assumptions.abort("e2e tests skipped: " + NO_DOCKER);
        }
        stack(context);
    }

    private static StorefrontContainers stack(ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Started.class, key -> Started.attempt(), Started.class);
        if (started.failure() != null) {
            throw new IllegalStateException("the e2e stack did not start (see the first failure)", started.failure());
        }
        return started.stack();
    }

    /** One attempt per run: a stack that failed to start is not started again for every class. */
    private record Started(StorefrontContainers stack, RuntimeException failure) implements AutoCloseable {

        static Started attempt() {
            try {
                return new Started(StorefrontContainers.start(), null);
            } catch (RuntimeException e) {
                return new Started(null, e);
            }
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StorefrontContainers.class || type == StorefrontClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        StorefrontContainers stack = stack(context);
        return parameter.getParameter().getType() == StorefrontContainers.class
                ? stack
                : new StorefrontClient(stack.frontendUrl());
    }
}
