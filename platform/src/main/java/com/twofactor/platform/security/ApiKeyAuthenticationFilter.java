package com.twofactor.platform.security;

import java.io.IOException;
import java.util.Collections;
import java.util.Optional;

import com.twofactor.api.error.ErrorCode;
import com.twofactor.platform.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request under {@code /api/} by its {@code Authorization: Bearer <key>} header and stores the
 * caller as {@link ApiClient#REQUEST_ATTRIBUTE}. A missing or unknown key, or more than one {@code Authorization}
 * header, is answered 401 {@code unauthorized} with a {@code WWW-Authenticate: Bearer} challenge. The key itself is never logged or kept.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final String REALM = "Bearer realm=\"twofactor\"";
    /** Far longer than any sensible key; refusing longer ones bounds the hashing work per request. */
    private static final int MAX_KEY_LENGTH = 1024;

    private final ApiKeyRegistry registry;

    ApiKeyAuthenticationFilter(ApiKeyRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION)).size() > 1) {
            // Which one would count is a guess a proxy and this service could make differently: none does.
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"invalid_request\"");
            ProblemResponses.write(response, ErrorCode.UNAUTHORIZED,
                    "Send exactly one 'Authorization: Bearer <key>' header.", request);
            return;
        }
        String key = bearerKey(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (key == null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
            ProblemResponses.write(response, ErrorCode.UNAUTHORIZED,
                    "Send an API key as 'Authorization: Bearer <key>'.", request);
            return;
        }
        Optional<ApiClient> client = registry.authenticate(key);
        if (client.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"invalid_token\"");
            ProblemResponses.write(response, ErrorCode.UNAUTHORIZED, "The API key is not valid.", request);
            return;
        }
        request.setAttribute(ApiClient.REQUEST_ATTRIBUTE, client.get());
        chain.doFilter(request, response);
    }

    private static String bearerKey(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String key = authorization.substring(BEARER.length()).trim();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        return key;
    }
}
