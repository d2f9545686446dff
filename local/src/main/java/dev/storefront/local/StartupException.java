package dev.storefront.local;

/** The local stack could not start: a port is taken, a jar is missing, or a service died. */
public final class StartupException extends RuntimeException {

    /** @param message what went wrong and what to do about it */
    public StartupException(String message) {
        super(message);
    }
}
