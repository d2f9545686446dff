package dev.storefront.orders;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DB_IAM_AUTH=true wiring, against the embedded PostgreSQL (which trusts local connections, so the
 * token's signature is not checked here; RDS checks it): the pool's password is an RDS IAM token
 * for the configured host, port and user, signed offline with the SDK's default credentials.
 */
@MicronautTest(transactional = false)
class RdsIamAuthenticationTest extends OrdersTestBase {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("orders.database.iam-auth", "true");
        properties.put("orders.database.region", "eu-west-1");
        return properties;
    }

    @Test
    void thePoolConnectsWithAnIamTokenForItsHostPortAndUser() throws Exception {
        String password = dataSource.unwrap(HikariDataSource.class).getPassword();
        String jdbcUrl = dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
        String hostAndPort = jdbcUrl.replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");

        assertThat(password).startsWith(hostAndPort + "/?")
                .contains("Action=connect").contains("DBUser=postgres")
                .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256").contains("%2Feu-west-1%2Frds-db%2Faws4_request")
                // 15 minutes, counted by the SDK from its own clock: 899 when a second turns meanwhile.
                .containsPattern("X-Amz-Expires=(899|900)&").contains("X-Amz-Signature=");
        List<Product> products = http.toBlocking().retrieve(HttpRequest.GET("/products"), Argument.listOf(Product.class));
        assertThat(products).hasSize(20);
    }
}
