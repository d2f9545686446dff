package dev.storefront.orders.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.SQLException;

/**
 * DB_IAM_AUTH=true: the database password is an RDS IAM authentication token, signed with the task
 * role's credentials, instead of DB_PASSWORD. A token is valid for 15 minutes and checked only when
 * a connection is opened (RDS User Guide, "IAM database authentication"), so the pool gets a fresh
 * one before it starts and every 10 minutes after; HikariCP reads the password each time it opens
 * a connection, and open connections are unaffected. The connection must use SSL
 * ({@code ?sslmode=require} in DB_URL), and the database user must have the {@code rds_iam} role.
 */
@Singleton
@Requires(property = "orders.database.iam-auth", value = "true")
final class RdsIamAuthentication implements BeanCreatedEventListener<DatasourceConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(RdsIamAuthentication.class);

    private final RdsUtilities rds;
    private final BeanProvider<DataSource> dataSource;
    private String host;
    private int port;
    private String username;

    RdsIamAuthentication(DatabaseConfiguration configuration, BeanProvider<DataSource> dataSource) {
        this.rds = RdsUtilities.builder()
                .region(Region.of(configuration.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
        this.dataSource = dataSource;
    }

    /** Before the pool opens its first connection: the first token. */
    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        // jdbc:postgresql://host:5432/orders?sslmode=require → host, 5432
        URI uri = URI.create(configuration.getJdbcUrl().substring("jdbc:".length()));
        host = uri.getHost();
        port = uri.getPort() == -1 ? 5432 : uri.getPort();
        username = configuration.getUsername();
        configuration.setPassword(token());
        LOG.info("database password: an RDS IAM token for {}@{}:{}, renewed every 10 minutes", username, host, port);
        return configuration;
    }

    /** Every 10 minutes, 5 before the current token expires: the next connections use a new one. */
    @Scheduled(fixedDelay = "10m", initialDelay = "10m")
    void renew() {
        try {
            dataSource.get().unwrap(HikariDataSource.class).getHikariConfigMXBean().setPassword(token());
        } catch (SQLException | RuntimeException e) {
            LOG.error("could not renew the RDS IAM token; new connections fail once the current one expires", e);
        }
    }

    /** A token: SigV4-presigned, made offline, no call to AWS. */
    String token() {
        return rds.generateAuthenticationToken(request -> request.hostname(host).port(port).username(username));
    }
}
