package dev.storefront.local;

import dev.storefront.common.testing.SettlementAudit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.List;

/** What the embedded stack's stores hold, read from the stores themselves, not through the services. */
final class LocalStores {

    private LocalStores() {
    }

    /** Every item of the payments table in the stack's DynamoDB Local, by a consistent scan. */
    static List<SettlementAudit.Payment> payments(EmbeddedStorefront stack) {
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(URI.create(stack.dynamoDbEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedStorefront.LOCAL_AWS_KEY, EmbeddedStorefront.LOCAL_AWS_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            return SettlementAudit.scanPayments(dynamoDb, EmbeddedStorefront.PAYMENTS_TABLE);
        }
    }
}
