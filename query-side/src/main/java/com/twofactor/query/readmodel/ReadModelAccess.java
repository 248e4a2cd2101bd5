package com.twofactor.query.readmodel;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;
import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;

/**
 * How query handlers read read models: failures to read become {@code SERVICE_UNAVAILABLE} (a read model that
 * cannot be read answers 503, never a guess), and read-your-writes waits until a document has caught up with
 * the version a command returned.
 */
@Component
public class ReadModelAccess {

    private static final Logger log = LoggerFactory.getLogger(ReadModelAccess.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final Duration readYourWritesTimeout;

    public ReadModelAccess(@Value("${twofactor.query.read-your-writes-timeout:2s}") Duration readYourWritesTimeout) {
        this.readYourWritesTimeout = readYourWritesTimeout;
    }

    /**
     * Runs a read; any failure to read — the store down, or a document that no longer maps — becomes
     * {@code SERVICE_UNAVAILABLE}: an answer is only ever made from a read model that could be read.
     */
    public <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (DomainException e) {
            throw e;
        } catch (DataAccessException | MongoException e) {
            log.warn("Read model unavailable: {}", e.toString());
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "The read model cannot be read right now");
        } catch (RuntimeException e) {
            log.error("Read model cannot be read", e);
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "The read model cannot be read right now");
        }
    }

    /**
     * Reads until the result's version is at least {@code minVersion}, polling every 20 ms, for at most
     * {@code twofactor.query.read-your-writes-timeout} (default 2 s).
     *
     * <p>Versions are aggregate sequence numbers, which start at 0: a caller that got version 0 back wrote the
     * aggregate's first event, so with any {@code minVersion} the document must also exist.
     *
     * @param minVersion the version the caller needs, or null to read once
     * @param reader     reads the document (or a view of it); returns null while there is none
     * @param versionOf  the version of a non-null result
     * @return the first result at or above {@code minVersion} (null only when {@code minVersion} is null)
     * @throws DomainException {@code SERVICE_UNAVAILABLE} when it does not get there in time
     */
    public <T> T awaitVersion(Long minVersion, Supplier<T> reader, ToLongFunction<T> versionOf) {
        T result = read(reader);
        if (minVersion == null || minVersion < 0) {
            return result;
        }
        long deadline = System.nanoTime() + readYourWritesTimeout.toNanos();
        while (result == null || versionOf.applyAsLong(result) < minVersion) {
            if (System.nanoTime() - deadline >= 0) {
                throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                        "The read model has not reached version " + minVersion + " yet; retry shortly");
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while waiting for the read model");
            }
            result = read(reader);
        }
        return result;
    }

    /**
     * The exception a query handler throws for a domain error. The error code travels as the exception's
     * details, which survive the trip through Axon Server; in one JVM the cause is the domain exception itself.
     */
    public static QueryExecutionException queryFailure(DomainException exception) {
        return new QueryExecutionException(exception.getMessage(), exception, exception.errorCode().name());
    }
}
