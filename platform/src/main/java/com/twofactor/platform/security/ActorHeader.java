package com.twofactor.platform.security;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@value #NAME} header, in which the caller names the person acting (an agent, contact or admin id). It is
 * recorded on every event as {@link MetaDataKeys#ACTOR_ID}. A present header must match {@link #PATTERN}; the
 * authorization interceptor refuses the request otherwise.
 */
public final class ActorHeader {

    public static final String NAME = "X-Actor-Id";
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    private ActorHeader() {
    }

    public static boolean isValid(String actorId) {
        return actorId != null && PATTERN.matcher(actorId).matches();
    }

    /** The valid actor id this request names; empty when the header is absent, blank or not valid. */
    public static Optional<String> from(HttpServletRequest request) {
        String actorId = request.getHeader(NAME);
        return isValid(actorId) ? Optional.of(actorId) : Optional.empty();
    }

    /** The valid actor id of the HTTP request this thread is serving, if any. */
    public static Optional<String> current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? from(attributes.getRequest())
                : Optional.empty();
    }
}
