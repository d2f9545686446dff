package dev.storefront.common.drain;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicBoolean;

/** Whether this instance is draining: set once, on the first SIGTERM, never cleared. */
@Singleton
final class DrainState {

    private final AtomicBoolean draining = new AtomicBoolean();

    /** True once a drain has begun. */
    boolean isDraining() {
        return draining.get();
    }

    /** Marks the drain as begun; false if it already had. */
    boolean begin() {
        return draining.compareAndSet(false, true);
    }
}
