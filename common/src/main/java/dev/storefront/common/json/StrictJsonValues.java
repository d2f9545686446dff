package dev.storefront.common.json;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;

/**
 * Strict decoding of request fields, for the three services. Micronaut Serde coerces freely and has
 * no setting against it: {@code "quantity": 2.5} becomes 2, {@code "2"} and {@code true} become
 * numbers, {@code 5} becomes the string "5". These deserializers replace the built-in ones for
 * {@code Integer}, {@code Long} and {@code String}: a whole number must be a JSON integer within
 * the Java type's range (no fraction, no exponent, no string, no boolean), and a string must be a
 * JSON string. A mismatch is an {@link InvalidJsonValueException} naming the field, answered 400.
 */
@Factory
final class StrictJsonValues {

    @Singleton
    @Primary
    Deserializer<Integer> integers() {
        return new WholeNumber<>("", Integer.MIN_VALUE, Integer.MAX_VALUE, Math::toIntExact);
    }

    @Singleton
    @Primary
    Deserializer<Long> longs() {
        return new WholeNumber<>("", Long.MIN_VALUE, Long.MAX_VALUE, value -> value);
    }

    @Singleton
    @Primary
    Deserializer<String> strings() {
        return new Text("");
    }

    /** Converts a range-checked long to the field's type. */
    private interface Narrowing<T> {
        T narrow(long value);
    }

    /** A JSON integer, range-checked, for a field of type T. */
    private record WholeNumber<T extends Number>(String field, long min, long max, Narrowing<T> narrowing)
            implements Deserializer<T> {

        @Override
        public Deserializer<T> createSpecific(DecoderContext context, Argument<? super T> type) {
            return new WholeNumber<>(type.getName(), min, max, narrowing);
        }

        @Override
        public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            JsonNode node = decoder.decodeNode();
            if (!node.isNumber()) {
                throw new InvalidJsonValueException(field, "must be a whole number, not " + describe(node));
            }
            Number number = node.getNumberValue();
            if (!(number instanceof Integer || number instanceof Long || number instanceof BigInteger
                    || number instanceof Short || number instanceof Byte)) {
                throw new InvalidJsonValueException(field,
                        "must be a whole number, without fraction or exponent, not " + node.coerceStringValue());
            }
            BigInteger value = number instanceof BigInteger big ? big : BigInteger.valueOf(number.longValue());
            if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new InvalidJsonValueException(field, "is out of range: " + value);
            }
            return narrowing.narrow(value.longValue());
        }
    }

    /** A JSON string, nothing else. */
    private record Text(String field) implements Deserializer<String> {

        @Override
        public Deserializer<String> createSpecific(DecoderContext context, Argument<? super String> type) {
            return new Text(type.getName());
        }

        @Override
        public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type)
                throws IOException {
            JsonNode node = decoder.decodeNode();
            if (!node.isString()) {
                throw new InvalidJsonValueException(field, "must be a JSON string, not " + describe(node));
            }
            return node.getStringValue();
        }
    }

    private static String describe(JsonNode node) {
        if (node.isString()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }
}
