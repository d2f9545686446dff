package dev.storefront.payments.persistence;

import dev.storefront.payments.PaymentsConfiguration;
import dev.storefront.payments.domain.PaymentIntent;
import dev.storefront.payments.domain.PaymentIntentStore;
import dev.storefront.payments.domain.PaymentStatus;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The payments table: the one place that knows its name and attribute names. Keyed by
 * {@code orderId} (string); attributes {@code paymentId}, {@code amountCents} (number),
 * {@code currency}, {@code status}, {@code createdAt} (ISO 8601). Uses only GetItem and PutItem,
 * the only two actions the task role allows on the table.
 */
@Singleton
public class PaymentRepository implements PaymentIntentStore {

    static final String ORDER_ID = "orderId";
    static final String PAYMENT_ID = "paymentId";
    static final String AMOUNT_CENTS = "amountCents";
    static final String CURRENCY = "currency";
    static final String STATUS = "status";
    static final String CREATED_AT = "createdAt";

    private final DynamoDbClient dynamoDb;
    private final DynamoDbClient readinessDynamoDb;
    private final String table;

    PaymentRepository(DynamoDbClient dynamoDb,
                      @Named(DynamoDbClientFactory.READINESS) DynamoDbClient readinessDynamoDb,
                      PaymentsConfiguration configuration) {
        this.dynamoDb = dynamoDb;
        this.readinessDynamoDb = readinessDynamoDb;
        this.table = configuration.table();
    }

    /** The table name (PAYMENTS_TABLE). */
    public String table() {
        return table;
    }

    /** A conditional PutItem, {@code attribute_not_exists(orderId)}. */
    @Override
    public Optional<PaymentIntent> putIfAbsent(PaymentIntent intent) {
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(toItem(intent))
                    .conditionExpression("attribute_not_exists(#orderId)")
                    .expressionAttributeNames(Map.of("#orderId", ORDER_ID))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            if (e.hasItem()) {
                return Optional.of(fromItem(e.item()));
            }
            return find(intent.orderId());
        }
    }

    /** A GetItem with {@code consistentRead}. */
    @Override
    public Optional<PaymentIntent> find(UUID orderId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(table)
                .key(Map.of(ORDER_ID, AttributeValue.fromS(orderId.toString())))
                .consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Proves the table answers: a GetItem of a key that is never written. Used by readiness, so
     * it needs no permission beyond the task role's.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when it does not answer
     */
    public void probe() {
        readinessDynamoDb.getItem(GetItemRequest.builder()
                .tableName(table)
                .key(Map.of(ORDER_ID, AttributeValue.fromS("readiness-probe")))
                .build());
    }

    private static Map<String, AttributeValue> toItem(PaymentIntent intent) {
        return Map.of(
                ORDER_ID, AttributeValue.fromS(intent.orderId().toString()),
                PAYMENT_ID, AttributeValue.fromS(intent.paymentId().toString()),
                AMOUNT_CENTS, AttributeValue.fromN(Long.toString(intent.amountCents())),
                CURRENCY, AttributeValue.fromS(intent.currency()),
                STATUS, AttributeValue.fromS(intent.status().name()),
                CREATED_AT, AttributeValue.fromS(intent.createdAt().toString()));
    }

    private static PaymentIntent fromItem(Map<String, AttributeValue> item) {
        return new PaymentIntent(
                UUID.fromString(item.get(PAYMENT_ID).s()),
                UUID.fromString(item.get(ORDER_ID).s()),
                PaymentStatus.valueOf(item.get(STATUS).s()),
                Long.parseLong(item.get(AMOUNT_CENTS).n()),
                item.get(CURRENCY).s(),
                Instant.parse(item.get(CREATED_AT).s()));
    }
}
