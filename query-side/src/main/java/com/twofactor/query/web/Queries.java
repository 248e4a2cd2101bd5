package com.twofactor.query.web;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import com.twofactor.api.error.DomainException;

/** Sends a query through Axon and waits for the answer, so controllers stay one line per endpoint. */
@Component
class Queries {

    private static final int MAX_CAUSE_DEPTH = 16;

    private final QueryGateway queryGateway;

    Queries(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /**
     * The handler's answer. A failure is rethrown without the future's wrappers: a {@link DomainException}
     * anywhere in the chain as itself, anything else as the first cause that is not a wrapper, for the problem
     * details advice to map.
     */
    <R> R ask(Object query, Class<R> responseType) {
        try {
            return queryGateway.query(query, responseType).join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    static RuntimeException unwrap(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (current instanceof DomainException domain) {
                return domain;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        Throwable unwrapped = failure;
        while ((unwrapped instanceof CompletionException || unwrapped instanceof ExecutionException)
                && unwrapped.getCause() != null) {
            unwrapped = unwrapped.getCause();
        }
        return unwrapped instanceof RuntimeException runtime ? runtime : new CompletionException(unwrapped);
    }
}
