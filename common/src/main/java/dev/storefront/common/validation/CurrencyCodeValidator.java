package dev.storefront.common.validation;

import io.micronaut.context.annotation.Factory;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import jakarta.inject.Singleton;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks {@link CurrencyCode} against the JDK's ISO 4217 list. */
@Factory
final class CurrencyCodeValidator {

    private static final Set<String> CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            // Not currencies a payment can be in: precious metals, testing and "no currency" codes.
            .filter(code -> !Set.of("XAU", "XAG", "XPD", "XPT", "XTS", "XXX", "XBA", "XBB", "XBC", "XBD", "XSU", "XUA",
                    "XDR").contains(code))
            .collect(Collectors.toUnmodifiableSet());

    @Singleton
    ConstraintValidator<CurrencyCode, CharSequence> currencyCode() {
        return (value, annotation, context) -> value == null || CODES.contains(value.toString());
    }
}
