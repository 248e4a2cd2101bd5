package com.twofactor.platform.web;

import java.io.IOException;

import com.twofactor.api.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decodes the query string up front and answers one the container cannot decode (a bad percent-encoding, bytes that
 * are not UTF-8, too many parameters) with 400 {@code malformed_request}. Decoding it later, wherever a parameter
 * is first read, would fail as a 500 and log the container's message, which quotes the raw value: it may be a code
 * a user typed. Request bodies are never read for parameters (the connector parses no body methods), so this reads
 * the query string only.
 */
final class RequestParameterFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestParameterFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (RuntimeException e) {
            if (!isInvalidParameter(e)) {
                throw e;
            }
            // Neither the message nor the query string: both may carry what the user typed.
            log.debug("Refusing {} {}: its query string cannot be decoded", request.getMethod(), request.getRequestURI());
            ProblemResponses.write(response, ErrorCode.MALFORMED_REQUEST,
                    "The query string is not valid: percent-encode it as UTF-8.", request);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Tomcat's {@code InvalidParameterException}, matched by name so the platform does not depend on Tomcat here. */
    static boolean isInvalidParameter(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getName().equals("org.apache.tomcat.util.http.InvalidParameterException")) {
                    return true;
                }
            }
        }
        return false;
    }
}
