package dev.storefront.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.amazon.awscdk.services.rds.ProxyTarget;
import software.amazon.awscdk.services.rds.DatabaseSecret;
import software.amazon.awscdk.services.rds.IInstanceEngine;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.constructs.Construct;

/**
 * The data stores (docs/data.md): RDS for PostgreSQL for orders, the DynamoDB table of payments.
 *
 * <p>The database: encrypted, in isolated subnets, not public, reachable only from the orders
 * tasks' security group, credentials generated into Secrets Manager, IAM database authentication
 * enabled. {@code max_connections} is pinned in the parameter group to the value the connection
 * budget in {@link Sizing} was checked against.
 *
 * <p>The table: keyed by {@code orderId}, on demand, point-in-time recovery, encrypted with the
 * AWS managed key (its use shows in CloudTrail; no key policy to maintain).
 */
public final class Data extends Construct {

    /** The PostgreSQL port, the one DB_URL names (docs/configuration.md). */
    public static final int POSTGRES_PORT = 5432;

    /** Storage allocated to the database at creation, in GiB; storage autoscaling may grow it to 100. */
    public static final int ALLOCATED_STORAGE_GIB = 20;

    /**
     * @param vpc                the VPC
     * @param subnets            the isolated data subnets
     * @param databaseClass      instance class and its max_connections ({@link Sizing#database()})
     * @param multiAz            a standby in the second AZ; default true
     * @param deletionProtection deletion protection on the database and the table; default true
     * @param databaseName       the database orders uses; {@code orders}
     * @param username           the database user of orders; {@code storefront}
     * @param proxy              put an RDS Proxy in front of the database for orders; empty: none
     */
    public record Props(
            IVpc vpc,
            SubnetSelection subnets,
            Sizing.DatabaseClass databaseClass,
            boolean multiAz,
            boolean deletionProtection,
            String databaseName,
            String username,
            Optional<Proxy> proxy) {
    }

    /**
     * The RDS Proxy of orders.
     *
     * @param subnets               where the proxy's endpoints live (the task subnets)
     * @param iamAuth               clients authenticate with IAM tokens (DB_IAM_AUTH=true); otherwise
     *                              with the password of the secret the proxy holds
     * @param borrowTimeout         how long a client waits for a database connection, then fails
     * @param maxConnectionsPercent the proxy's ceiling, in percent of max_connections
     * @param statementTimeout      statement_timeout, set in the parameter group because a
     *                              session-level setting pins every proxy connection
     */
    public record Proxy(
            SubnetSelection subnets,
            boolean iamAuth,
            java.time.Duration borrowTimeout,
            int maxConnectionsPercent,
            java.time.Duration statementTimeout) {
    }

    private static final IInstanceEngine ENGINE = DatabaseInstanceEngine.postgres(
            PostgresInstanceEngineProps.builder().version(PostgresEngineVersion.VER_17).build());

    private final Props props;
    private final SecurityGroup databaseSecurityGroup;
    private final DatabaseInstance database;
    private final TableV2 paymentsTable;
    private final Optional<DatabaseProxy> proxy;
    private final Optional<SecurityGroup> proxySecurityGroup;

    /** Creates the database, its credentials and security group, and the payments table. */
    public Data(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;

        this.databaseSecurityGroup = SecurityGroup.Builder.create(this, "DatabaseSecurityGroup")
                .vpc(props.vpc())
                .description("orders database: PostgreSQL from the orders tasks only")
                .allowAllOutbound(false)
                .build();

        Map<String, String> parameterValues = new TreeMap<>();
        parameterValues.put("max_connections", String.valueOf(props.databaseClass().maxConnections()));
        // Behind the proxy the timeout cannot travel with the connection (options=-c ... or SET pin
        // the session to one database connection), so the database applies it to every session.
        props.proxy().ifPresent(proxy ->
                parameterValues.put("statement_timeout", String.valueOf(proxy.statementTimeout().toMillis())));
        ParameterGroup parameters = ParameterGroup.Builder.create(this, "DatabaseParameters")
                .engine(ENGINE)
                .description("storefront orders: max_connections pinned for the connection budget")
                .parameters(parameterValues)
                .build();

        DatabaseSecret credentials = DatabaseSecret.Builder.create(this, "DatabaseCredentials")
                .username(props.username())
                .build();
        Nag.acknowledge(credentials, "AwsSolutions-SMG4",
                "ECS injects DB_PASSWORD once at task start: rotating it would break new pool connections"
                        + " of running tasks until they are replaced. Credential rotation is DB_IAM_AUTH=true"
                        + " (IAM authentication is enabled and granted): tokens live 15 minutes");

        this.database = DatabaseInstance.Builder.create(this, "Database")
                .engine(ENGINE)
                .instanceType(new InstanceType(props.databaseClass().instanceType()))
                .vpc(props.vpc())
                .vpcSubnets(props.subnets())
                .securityGroups(List.of(databaseSecurityGroup))
                .publiclyAccessible(false)
                .port(POSTGRES_PORT)
                .databaseName(props.databaseName())
                .credentials(Credentials.fromSecret(credentials))
                .iamAuthentication(true)
                .multiAz(props.multiAz())
                .storageEncrypted(true)
                .storageType(StorageType.GP3)
                .allocatedStorage(ALLOCATED_STORAGE_GIB)
                .maxAllocatedStorage(100)
                .backupRetention(Duration.days(7))
                .deletionProtection(props.deletionProtection())
                .parameterGroup(parameters)
                .build();

        this.paymentsTable = TableV2.Builder.create(this, "PaymentsTable")
                .partitionKey(Attribute.builder().name("orderId").type(AttributeType.STRING).build())
                .billing(Billing.onDemand())
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .encryption(TableEncryptionV2.awsManagedKey())
                .deletionProtection(props.deletionProtection())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        if (props.proxy().isPresent()) {
            Proxy settings = props.proxy().get();
            SecurityGroup proxyGroup = SecurityGroup.Builder.create(this, "ProxySecurityGroup")
                    .vpc(props.vpc())
                    .description("orders database proxy: PostgreSQL from the orders tasks only")
                    .allowAllOutbound(false)
                    .build();
            DatabaseProxy databaseProxy = DatabaseProxy.Builder.create(this, "Proxy")
                    .proxyTarget(ProxyTarget.fromInstance(database))
                    .secrets(List.of(database.getSecret()))
                    .vpc(props.vpc())
                    .vpcSubnets(settings.subnets())
                    .securityGroups(List.of(proxyGroup))
                    .requireTls(true)
                    .iamAuth(settings.iamAuth())
                    .borrowTimeout(Duration.seconds(settings.borrowTimeout().toSeconds()))
                    .maxConnectionsPercent(settings.maxConnectionsPercent())
                    .maxIdleConnectionsPercent(settings.maxConnectionsPercent() / 2)
                    .build();
            // ProxyTarget.fromInstance adds the pair of rules proxy → database on the database port.
            this.proxy = Optional.of(databaseProxy);
            this.proxySecurityGroup = Optional.of(proxyGroup);
        } else {
            this.proxy = Optional.empty();
            this.proxySecurityGroup = Optional.empty();
        }

        Nag.acknowledge(database, "AwsSolutions-RDS11",
                "DB_URL (docs/configuration.md) names the PostgreSQL port 5432; the database is in isolated"
                        + " subnets and its security group admits only the orders tasks, so a non-default port"
                        + " adds nothing");
        if (!props.multiAz()) {
            Nag.acknowledge(database, "AwsSolutions-RDS3",
                    "Multi-AZ turned off on purpose with storefront:dbMultiAz=false (development deployment)");
        }
        if (!props.deletionProtection()) {
            Nag.acknowledge(database, "AwsSolutions-RDS10",
                    "Deletion protection turned off on purpose with storefront:deletionProtection=false (teardown)");
        }
    }

    /**
     * DB_URL: {@code jdbc:postgresql://<endpoint>:5432/orders?sslmode=require}. TLS is required:
     * IAM database authentication sends a token that must not travel in clear text, and the
     * proxy requires TLS.
     *
     * <p>Behind the proxy the URL also removes what would pin each client connection to one
     * database connection (RDS User Guide, "Avoiding pinning an RDS Proxy"): {@code
     * prepareThreshold=0} (no named server-side prepared statements), {@code
     * assumeMinServerVersion=9.0} (no {@code SET extra_float_digits} or {@code SET application_name}
     * after connecting, which older pgjdbc versions issue), and an empty {@code options}: URL
     * parameters win over the driver properties, so it replaces orders' {@code -c
     * statement_timeout=2000} (the parameter group sets the timeout instead). Checked with pgjdbc
     * 42.7.8 against PostgreSQL: the session then shows the server's statement_timeout, and no
     * named prepared statement after ten executions of one PreparedStatement.
     */
    public String jdbcUrl() {
        if (proxy.isPresent()) {
            return "jdbc:postgresql://" + proxy.get().getEndpoint() + ":" + POSTGRES_PORT + "/" + props.databaseName()
                    + "?sslmode=require&prepareThreshold=0&assumeMinServerVersion=9.0&options=";
        }
        return "jdbc:postgresql://" + database.getDbInstanceEndpointAddress() + ":"
                + database.getDbInstanceEndpointPort() + "/" + props.databaseName() + "?sslmode=require";
    }

    /** The RDS Proxy in front of the database, when there is one. */
    public Optional<DatabaseProxy> proxy() {
        return proxy;
    }

    /** DB_USERNAME. */
    public String username() {
        return props.username();
    }

    /** DB_PASSWORD, from the generated Secrets Manager secret (granted to the execution role by ECS). */
    public Secret password() {
        return Secret.fromSecretsManager(database.getSecret(), "password");
    }

    /** The orders database, for its CloudWatch metrics ({@link Operations}). */
    public DatabaseInstance database() {
        return database;
    }

    /** The payments table, for its CloudWatch metrics ({@link Operations}). */
    public TableV2 paymentsTable() {
        return paymentsTable;
    }

    /** PAYMENTS_TABLE. */
    public String paymentsTableName() {
        return paymentsTable.getTableName();
    }

    /**
     * Admits PostgreSQL connections from the orders tasks, and from nothing else: to the proxy
     * when there is one (the database then admits the proxy only), else to the database.
     */
    public void allowDatabaseAccessFrom(StorefrontService orders) {
        SecurityGroup target = proxySecurityGroup.orElse(databaseSecurityGroup);
        target.addIngressRule(
                orders.service().getConnections().getSecurityGroups().get(0),
                Port.tcp(POSTGRES_PORT),
                orders.name() + " to PostgreSQL");
    }

    /**
     * Grants {@code rds-db:connect} as the orders user, the permission DB_IAM_AUTH=true needs
     * (<a href="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.IAMPolicy.html">
     * RDS User Guide, "Creating and using an IAM policy for IAM database access"</a>).
     */
    public void grantConnect(IGrantable ordersTaskRole) {
        if (proxy.isPresent()) {
            // The token is for the proxy's endpoint, so the grant is on the proxy; without IAM
            // authentication the proxy checks the password against its secret and needs no grant.
            if (props.proxy().get().iamAuth()) {
                proxy.get().grantConnect(ordersTaskRole, props.username());
            }
        } else {
            database.grantConnect(ordersTaskRole, props.username());
        }
    }

    /**
     * Grants what payments does with its table: GetItem (reads and the readiness
     * probe) and PutItem (the conditional write), nothing else.
     */
    public void grantPaymentsAccess(IGrantable paymentsTaskRole) {
        paymentsTable.grant(paymentsTaskRole, "dynamodb:GetItem", "dynamodb:PutItem");
    }
}
