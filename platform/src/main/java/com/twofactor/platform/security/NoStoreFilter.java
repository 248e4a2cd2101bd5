package com.twofactor.platform.security;

import java.io.IOException;

import com.twofactor.platform.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Cache-Control: no-store} and {@code Pragma: no-cache} on every answer under the API path, before anything
 * else runs: answers carry enrollment secrets and QR codes, recovery codes and trusted-browser tokens, and no
 * browser, proxy or client cache may keep one. Errors set the same headers again where they reset the response.
 */
final class NoStoreFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProblemResponses.noStore(response);
        chain.doFilter(request, response);
    }
}
