package com.twofactor.api.error;

/**
 * Every error the HTTP API can answer, with the stable {@code code} member of its problem details and the
 * HTTP status it is answered with. Codes are part of the contract: never rename one, add new ones instead.
 */
public enum ErrorCode {
    VALIDATION_FAILED("validation_failed", 400, "The request is not valid"),
    MALFORMED_REQUEST("malformed_request", 400, "The request body cannot be read"),
    UNAUTHORIZED("unauthorized", 401, "Missing or unknown API key"),
    FORBIDDEN("forbidden", 403, "This API key may not do that"),
    NOT_FOUND("not_found", 404, "No such resource"),
    METHOD_NOT_ALLOWED("method_not_allowed", 405, "Method not allowed"),
    PAYLOAD_TOO_LARGE("payload_too_large", 413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "Unsupported content type"),
    NOT_ACCEPTABLE("not_acceptable", 406, "No acceptable representation"),

    INVALID_CODE("invalid_code", 422, "The code is not valid"),
    CODE_ALREADY_USED("code_already_used", 422, "The code was already used"),
    INVALID_RECOVERY_CODE("invalid_recovery_code", 422, "The recovery code is not valid"),
    LOCKED_OUT("locked_out", 423, "Second-factor verification is locked"),

    ENROLLMENT_NOT_STARTED("enrollment_not_started", 409, "No enrollment is pending"),
    ENROLLMENT_EXPIRED("enrollment_expired", 409, "The enrollment has expired; start again"),
    TWO_FACTOR_ALREADY_ENABLED("two_factor_already_enabled", 409, "Two-factor authentication is already enabled"),
    TWO_FACTOR_NOT_ENABLED("two_factor_not_enabled", 409, "Two-factor authentication is not enabled"),
    ENFORCED_BY_POLICY("enforced_by_policy", 409, "Two-factor authentication is enforced for this portal"),
    RESET_REQUEST_ALREADY_PENDING("reset_request_already_pending", 409, "A recovery reset request is already pending"),
    RESET_REQUEST_NOT_PENDING("reset_request_not_pending", 409, "The recovery reset request is not pending"),
    RESET_NOT_APPROVED("reset_not_approved", 409, "No approved recovery reset allows new codes"),
    CONCURRENT_MODIFICATION("concurrent_modification", 409, "The request conflicted with a concurrent one; retry"),
    REBUILD_NOT_POSSIBLE("rebuild_not_possible", 409, "The read model cannot be rebuilt right now"),

    SERVICE_UNAVAILABLE("service_unavailable", 503, "The service cannot answer reliably right now"),
    INTERNAL_ERROR("internal_error", 500, "Internal error");

    private final String code;
    private final int httpStatus;
    private final String title;

    ErrorCode(String code, int httpStatus, String title) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.title = title;
    }

    /** The stable, lower-case {@code code} member of the problem details. */
    public String code() {
        return code;
    }

    /** The HTTP status this error is answered with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** A short human-readable summary, the problem's {@code title}. */
    public String title() {
        return title;
    }

    /** The error with this stable code or enum name, or {@code null} when there is none. */
    public static ErrorCode fromCode(String codeOrName) {
        for (ErrorCode errorCode : values()) {
            if (errorCode.code.equals(codeOrName) || errorCode.name().equals(codeOrName)) {
                return errorCode;
            }
        }
        return null;
    }
}
