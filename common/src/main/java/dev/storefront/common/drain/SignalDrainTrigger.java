package dev.storefront.common.drain;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import sun.misc.Signal;

/**
 * Starts the {@link Drain} on SIGTERM (what ECS, Docker and Kubernetes send) and SIGINT (Ctrl-C),
 * instead of the JVM's default of running the shutdown hooks at once. Not in tests, where the
 * JVM is shared by many application contexts.
 */
@Singleton
@Requires(notEnv = Environment.TEST)
final class SignalDrainTrigger implements ApplicationEventListener<ServerStartupEvent> {

    private final Drain drain;

    SignalDrainTrigger(Drain drain) {
        this.drain = drain;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        Signal.handle(new Signal("TERM"), signal -> drain.begin("SIGTERM"));
        Signal.handle(new Signal("INT"), signal -> drain.begin("SIGINT"));
    }
}
