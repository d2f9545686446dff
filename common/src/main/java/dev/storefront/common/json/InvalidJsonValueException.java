package dev.storefront.common.json;

import io.micronaut.serde.exceptions.SerdeException;

/**
 * A JSON value of the wrong type for its field, e.g. {@code "quantity": 2.5} or
 * {@code "quantity": "2"}. The message is written for the client: it names the field and says what
 * was expected, and never a Java type.
 */
public final class InvalidJsonValueException extends SerdeException {

    private final String field;

    /**
     * @param field the JSON property name, e.g. {@code quantity}
     * @param message what is wrong, e.g. {@code must be a whole number, not 2.5}
     */
    public InvalidJsonValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The JSON property name of the rejected value. */
    public String field() {
        return field;
    }
}
