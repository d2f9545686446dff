package dev.storefront.infra;

/**
 * Every sizing value of the deployment in one place: task sizes, task counts, deployment
 * percentages, the database instance and the connection budget that ties them together.
 *
 * <p>The budget (docs/data.md, "Connection budget"): the connections orders can open must stay
 * within 80 % of the database's {@code max_connections}. A rolling deployment with
 * {@code maxHealthyPercent} 200 can run twice the tasks for a while, each with a full pool, so the
 * budget is checked at the deployment peak,
 * {@code dbPoolSize × orders.maxTasks × maxHealthyPercent / 100}, not at the steady state. That
 * caps orders at {@link #maxOrdersTasksWithinBudget()} tasks (18 with the defaults: 0.8 × 225 = 180
 * connections, 10 per task at the peak).
 *
 * <p>Behind an RDS Proxy ({@code storefront:rdsProxy}) the pools connect to the proxy, not to
 * PostgreSQL. The proxy borrows a database connection per transaction and opens at most
 * {@link #proxyMaxConnectionsPercent()} % of max_connections (the same headroom share, 180), so
 * the number of orders tasks no longer bounds the database's connections: at most 180
 * transactions run at once, and one more waits up to the proxy's borrow timeout and then fails
 * fast. The check then is the proxy's ceiling against the headroom, and the task cap is lifted.
 *
 * @param dbPoolSize            HikariCP maximumPoolSize per orders task: orders' shipped
 *                              {@code datasources.default.maximum-pool-size} (DB_POOL_SIZE, 5)
 * @param frontend              frontend task size and count (0.5 vCPU / 1 GiB, 2 to 10 tasks)
 * @param orders                orders task size and count (1 vCPU / 2 GiB, 2 to 10 tasks)
 * @param payments              payments task size and count (0.5 vCPU / 1 GiB, 2 to 10 tasks)
 * @param minHealthyPercent     ECS deployment minimum healthy percent (100: never below desired)
 * @param maxHealthyPercent     ECS deployment maximum percent (200: start a full new set first)
 * @param database              RDS instance class ({@code db.t4g.small}, 2 GiB)
 * @param connectionHeadroom    share of max_connections the services may use (0.8; the rest is
 *                              for RDS's reserved connections, migrations and an operator's psql)
 * @param requestsPerTarget     frontend scaling target, ALB requests per target per minute (600)
 * @param cpuTargetPercent      CPU utilisation target of every service (60 %)
 * @param max5xxPerPeriod       5xx answers per alarm period above which a deployment alarm fires (5)
 * @param rdsProxy              orders reaches the database through an RDS Proxy (false)
 */
public record Sizing(
        int dbPoolSize,
        ServiceScale frontend,
        ServiceScale orders,
        ServiceScale payments,
        int minHealthyPercent,
        int maxHealthyPercent,
        DatabaseClass database,
        double connectionHeadroom,
        int requestsPerTarget,
        int cpuTargetPercent,
        int max5xxPerPeriod,
        boolean rdsProxy) {

    /**
     * Size and count of one service's tasks.
     *
     * @param taskSize CPU and memory of one task
     * @param minTasks auto scaling minimum (at least 2: one per Availability Zone)
     * @param maxTasks auto scaling maximum
     */
    public record ServiceScale(TaskSize taskSize, int minTasks, int maxTasks) {
        /** @throws IllegalArgumentException if the counts are not 1 ≤ min ≤ max */
        public ServiceScale {
            if (minTasks < 1 || maxTasks < minTasks) {
                throw new IllegalArgumentException(
                        "Task counts must satisfy 1 <= min <= max, got " + minTasks + ".." + maxTasks);
            }
        }

        /** This scale with another task size. */
        public ServiceScale withTaskSize(TaskSize size) {
            return new ServiceScale(size, minTasks, maxTasks);
        }
    }

    /**
     * An RDS for PostgreSQL instance class and the max_connections it gets.
     *
     * @param instanceType EC2-style instance type without the {@code db.} prefix, e.g. {@code t4g.small}
     * @param memoryMiB    the class's memory in MiB (db.t4g.small: 2048)
     */
    public record DatabaseClass(String instanceType, int memoryMiB) {

        /** Bytes of instance memory per connection in RDS for PostgreSQL's default formula. */
        private static final long BYTES_PER_CONNECTION = 9_531_392L;

        /**
         * {@code LEAST(DBInstanceClassMemory / 9531392, 5000)}, the RDS for PostgreSQL default
         * (<a href="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections">
         * RDS User Guide, "Maximum number of database connections"</a>), computed on the class's
         * nominal memory. {@link Data} pins this value in the parameter group, so the number the
         * budget is checked against is the number the database runs with.
         */
        public int maxConnections() {
            return (int) Math.min(memoryMiB * 1024L * 1024L / BYTES_PER_CONNECTION, 5000);
        }
    }

    /**
     * @throws IllegalArgumentException if orders' connections at the deployment peak exceed the
     *     headroom share of max_connections; the message shows the computation
     */
    public Sizing {
        int peak = peakOrdersConnections(dbPoolSize, orders.maxTasks(), maxHealthyPercent);
        int allowed = (int) Math.floor(connectionHeadroom * database.maxConnections());
        if (!rdsProxy && peak > allowed) {
            throw new IllegalArgumentException("Connection budget exceeded: DB_POOL_SIZE " + dbPoolSize
                    + " x orders max tasks " + orders.maxTasks() + " x maxHealthyPercent "
                    + maxHealthyPercent + "% = " + peak + " connections > " + connectionHeadroom
                    + " x max_connections " + database.maxConnections() + " of db." + database.instanceType()
                    + " = " + allowed + ". Pick a larger instance class or fewer orders tasks.");
        }
        if (minHealthyPercent != 100 || maxHealthyPercent <= 100) {
            throw new IllegalArgumentException("Deployments must keep every task serving until its"
                    + " replacement is healthy: minHealthyPercent must be 100 and maxHealthyPercent above 100");
        }
    }

    /** The shipped sizing, around orders' pool size as its configuration ships it (docs/data.md,
     * "Connection budget"). */
    public static Sizing defaults() {
        return new Sizing(
                ServiceSettings.databasePoolSize(),
                new ServiceScale(new TaskSize(512, 1024), 2, 10),
                new ServiceScale(new TaskSize(1024, 2048), 2, 10),
                new ServiceScale(new TaskSize(512, 1024), 2, 10),
                100,
                200,
                new DatabaseClass("t4g.small", 2048),
                0.8,
                600,
                60,
                5,
                false);
    }

    /** This sizing with orders behind an RDS Proxy, or not. */
    public Sizing withRdsProxy(boolean proxy) {
        return new Sizing(dbPoolSize, frontend, orders, payments, minHealthyPercent, maxHealthyPercent,
                database, connectionHeadroom, requestsPerTarget, cpuTargetPercent, max5xxPerPeriod, proxy);
    }

    /**
     * Database connections orders can hold at once: without a proxy the deployment peak of the
     * pools ({@code DB_POOL_SIZE × orders max tasks × maxHealthyPercent / 100}, 100 by default);
     * behind the proxy its ceiling ({@link #proxyMaxConnectionsPercent()} % of max_connections, 180).
     */
    public int peakDatabaseConnections() {
        return rdsProxy
                ? database.maxConnections() * proxyMaxConnectionsPercent() / 100
                : peakOrdersConnections(dbPoolSize, orders.maxTasks(), maxHealthyPercent);
    }

    /**
     * The most orders tasks the connection budget allows without a proxy (18 by default);
     * {@link Integer#MAX_VALUE} behind the proxy, where tasks no longer hold database connections.
     */
    public int maxOrdersTasksWithinBudget() {
        if (rdsProxy) {
            return Integer.MAX_VALUE;
        }
        int allowed = (int) Math.floor(connectionHeadroom * database.maxConnections());
        return allowed * 100 / (dbPoolSize * maxHealthyPercent);
    }

    /**
     * API Gateway steady-state throttle in requests per second: twice what frontend serves at its
     * scaling target and maximum scale ({@code 2 × frontend max tasks × requestsPerTarget / 60},
     * 200 by default).
     */
    public int apiRateLimit() {
        return 2 * frontend.maxTasks() * requestsPerTarget / 60;
    }

    /** API Gateway burst limit: twice the rate limit (400 by default). */
    public int apiBurstLimit() {
        return 2 * apiRateLimit();
    }

    /** RDS Proxy MaxConnectionsPercent: the headroom share of max_connections (80). */
    public int proxyMaxConnectionsPercent() {
        return (int) Math.round(connectionHeadroom * 100);
    }

    /** The scale of the named service ({@code frontend}, {@code orders} or {@code payments}). */
    public ServiceScale scaleOf(String service) {
        return switch (service) {
            case "frontend" -> frontend;
            case "orders" -> orders;
            case "payments" -> payments;
            default -> throw new IllegalArgumentException("Unknown service " + service);
        };
    }

    /** This sizing with one service's task size replaced. */
    public Sizing withTaskSize(String service, TaskSize size) {
        return new Sizing(dbPoolSize,
                service.equals("frontend") ? frontend.withTaskSize(size) : frontend,
                service.equals("orders") ? orders.withTaskSize(size) : orders,
                service.equals("payments") ? payments.withTaskSize(size) : payments,
                minHealthyPercent, maxHealthyPercent, database, connectionHeadroom,
                requestsPerTarget, cpuTargetPercent, max5xxPerPeriod, rdsProxy);
    }

    /** The connections orders can hold at a deployment's peak: pool size × max tasks × maxHealthyPercent. */
    public int peakOrdersConnections() {
        return peakOrdersConnections(dbPoolSize, orders.maxTasks(), maxHealthyPercent);
    }

    private static int peakOrdersConnections(int poolSize, int maxTasks, int maxHealthyPercent) {
        return poolSize * maxTasks * maxHealthyPercent / 100;
    }
}
