package dev.storefront.common.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The wall clock, as a bean so that time-dependent rules read it from one place. */
@Factory
final class ClockFactory {

    /** UTC system clock. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
