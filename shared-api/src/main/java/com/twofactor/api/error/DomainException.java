package com.twofactor.api.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A business rule refused a command or a query could not be answered. Carries the stable error code; the
 * message is safe to show to the caller and never contains a secret, a code or a token.
 *
 * <p>{@link #properties()} become extra members of the problem details (for example {@code lockedUntil} and
 * {@code version} of a refused verification); they must be as safe to show as the message.
 */
public class DomainException extends RuntimeException {

    /** Property holding the seconds after which a retry may succeed; answered as {@code Retry-After}. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private final ErrorCode errorCode;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public DomainException(ErrorCode errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** Adds a member to the problem details; a null value is left out. */
    public DomainException with(String name, Object value) {
        if (value != null) {
            properties.put(name, value);
        }
        return this;
    }

    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(properties);
    }
}
