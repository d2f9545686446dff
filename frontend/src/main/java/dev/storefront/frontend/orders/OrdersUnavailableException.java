package dev.storefront.frontend.orders;

/** Orders failed (5xx), refused the connection, or did not answer within the read timeout. */
public final class OrdersUnavailableException extends RuntimeException {

    OrdersUnavailableException(Throwable cause) {
        super("orders unavailable: " + cause.getMessage(), cause);
    }
}
