package dev.storefront.orders.api;

import dev.storefront.common.problem.DependencyFailureHandler;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Maps a PostgreSQL outage to a fast 503 instead of a 500: no connection within Hikari's 1 s
 * connection timeout (database down, or every pooled connection busy), a connection lost to a
 * restart or failover, a statement cut by the 2 s statement timeout. Micronaut Data reports these
 * as four unrelated exception types (ConnectionException, CannotGetJdbcConnectionException,
 * DataAccessException, TransactionException), so this handler takes any RuntimeException that
 * no closer handler claims and decides by the SQL failure in its cause chain; any other error
 * stays a 500, logged with its stack trace.
 */
@Produces
@Singleton
final class DatabaseFailures extends DependencyFailureHandler<RuntimeException> {

    DatabaseFailures(ErrorResponseProcessor<?> responseProcessor) {
        super(responseProcessor, "the orders database");
    }

    /**
     * True when the cause chain holds a connection failure (Micronaut Data's ConnectionException or
     * CannotGetJdbcConnectionException; Hikari's "Connection is closed" has no SQLState) or a
     * transient SQL failure: SQLState class 08 (connection exception), 53 (insufficient
     * resources), or 57 (operator intervention, including 57014 query_canceled by
     * statement_timeout), per PostgreSQL's Appendix A error codes.
     */
    @Override
    protected boolean isDependencyFailure(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionException || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("53")
                    || sql.getSQLState().startsWith("57"))) {
                return true;
            }
        }
        return false;
    }
}
