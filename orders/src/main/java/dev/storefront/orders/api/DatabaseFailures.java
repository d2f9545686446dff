package dev.storefront.orders.api;

import dev.storefront.common.problem.DependencyFailureHandler;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Maps a PostgreSQL outage to a fast 503 instead of a 500: no connection within Hikari's 1 s
 * connection timeout, a connection lost to a restart or failover, a statement cut by the 2 s
 * statement timeout. The same failure can surface as any of three Micronaut Data exception types,
 * hence three handlers sharing one rule. Any other database error stays a 500.
 */
final class DatabaseFailures {

    private static final String DEPENDENCY = "the orders database";

    private DatabaseFailures() {
    }

    /**
     * True when the cause chain holds a transient SQL failure: SQLState class 08 (connection
     * exception), 53 (insufficient resources), or 57 (operator intervention, including 57014
     * query_canceled by statement_timeout), per PostgreSQL's Appendix A error codes.
     */
    static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
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

    @Produces
    @Singleton
    static final class ConnectionFailureHandler extends DependencyFailureHandler<ConnectionException> {

        ConnectionFailureHandler(ErrorResponseProcessor<?> responseProcessor) {
            super(responseProcessor, DEPENDENCY);
        }
    }

    @Produces
    @Singleton
    static final class DataAccessFailureHandler extends DependencyFailureHandler<DataAccessException> {

        DataAccessFailureHandler(ErrorResponseProcessor<?> responseProcessor) {
            super(responseProcessor, DEPENDENCY);
        }

        @Override
        protected boolean isDependencyFailure(DataAccessException exception) {
            return isUnavailable(exception);
        }
    }

    @Produces
    @Singleton
    static final class TransactionFailureHandler extends DependencyFailureHandler<TransactionException> {

        TransactionFailureHandler(ErrorResponseProcessor<?> responseProcessor) {
            super(responseProcessor, DEPENDENCY);
        }

        @Override
        protected boolean isDependencyFailure(TransactionException exception) {
            return isUnavailable(exception);
        }
    }
}
