package com.twofactor.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.axonframework.queryhandling.QueryExecutionException;
import org.junit.jupiter.api.Test;

import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.query.readmodel.ReadModelAccess;

class QueriesTest {

    private final DomainException unavailable = new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "not yet");

    @Test
    void aDomainExceptionFromALocalHandler_arrivesAsItself() {
        assertThat(Queries.unwrap(new CompletionException(ReadModelAccess.queryFailure(unavailable))))
                .isSameAs(unavailable);
        assertThat(Queries.unwrap(new ExecutionException(new CompletionException(unavailable)))).isSameAs(unavailable);
    }

    @Test
    void aRemoteFailure_arrivesWithItsErrorCodeInTheDetails() {
        QueryExecutionException remote = new QueryExecutionException("not yet", null, "SERVICE_UNAVAILABLE");

        RuntimeException unwrapped = Queries.unwrap(new CompletionException(remote));

        assertThat(unwrapped).isSameAs(remote);
        assertThat(remote.<String>getDetails()).contains("SERVICE_UNAVAILABLE");
    }

    @Test
    void anyOtherFailure_losesOnlyTheFuturesWrappers() {
        IllegalStateException failure = new IllegalStateException("boom");

        assertThat(Queries.unwrap(new CompletionException(new ExecutionException(failure)))).isSameAs(failure);
    }
}
