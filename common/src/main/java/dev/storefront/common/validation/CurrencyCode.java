package dev.storefront.common.validation;

import jakarta.validation.Constraint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated string is an active ISO 4217 alphabetic currency code, such as {@code USD} or
 * {@code EUR}, as {@link java.util.Currency} knows them (the JDK's copy of the ISO 4217 list).
 * {@code null} is valid: combine with {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
public @interface CurrencyCode {

    /** The violation message. */
    String message() default "must be an ISO 4217 currency code such as USD";

    /** Validation groups. */
    Class<?>[] groups() default {};

    /** Payload. */
    Class<?>[] payload() default {};
}
