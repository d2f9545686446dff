package dev.storefront.orders;

import dev.storefront.common.testing.HttpAnswers;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class TransactionTest extends OrdersTestBase {

    @AfterEach
    void dropTrigger() {
        execute("DROP TRIGGER IF EXISTS fail_second_line ON order_lines");
        execute("DROP FUNCTION IF EXISTS fail_second_line()");
    }

    @Test
    void failureAfterTheOrderInsertLeavesNoPartialOrder() {
        // A real database failure in the middle of the transaction: the second line's insert fails.
        execute("""
                CREATE FUNCTION fail_second_line() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.line_no = 2 THEN RAISE EXCEPTION 'injected failure on line 2'; END IF;
                  RETURN NEW;
                END $$""");
        execute("CREATE TRIGGER fail_second_line BEFORE INSERT ON order_lines "
                + "FOR EACH ROW EXECUTE FUNCTION fail_second_line()");

        HttpResponse<?> answer = postOrder(orderJson("partial@example.com", "SKU-1", "1", "SKU-2", "1"), null);

        assertStatus(answer, 500);
        assertThat(problem(answer).detail()).doesNotContain("injected").doesNotContain("SQL");
        // No record declares stackTrace: only the answer's member names show it is absent.
        assertThat(HttpAnswers.members(answer)).doesNotContain("stackTrace");
        assertThat(count("SELECT count(*) FROM orders WHERE customer_email = 'partial@example.com'")).isZero();
        assertThat(count("SELECT count(*) FROM order_lines l LEFT JOIN orders o ON o.id = l.order_id "
                + "WHERE o.id IS NULL")).isZero();
        assertThat(payments.requests()).as("no payment for an order that was not stored").isEmpty();
    }
}
