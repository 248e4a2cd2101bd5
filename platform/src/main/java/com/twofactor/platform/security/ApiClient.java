package com.twofactor.platform.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.ServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The authenticated caller of the request being served: the API key's name, its roles and the organizations it
 * may act for ({@value #ALL_ORGANIZATIONS} for all). Never holds the key or its hash.
 */
public record ApiClient(String name, Set<Role> roles, Set<String> organizations) {

    /** The organizations entry that allows every organization. */
    public static final String ALL_ORGANIZATIONS = "*";
    /** The request attribute the authentication filter stores the caller in. */
    public static final String REQUEST_ATTRIBUTE = ApiClient.class.getName();

    public ApiClient {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An API client needs a name");
        }
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        organizations = organizations == null ? Set.of() : Set.copyOf(organizations);
    }

    /** Whether the key may act for every organization. */
    public boolean allOrganizations() {
        return organizations.contains(ALL_ORGANIZATIONS);
    }

    public boolean hasAnyRole(Role... accepted) {
        return Arrays.stream(accepted).anyMatch(roles::contains);
    }

    public boolean mayActFor(String organizationId) {
        return allOrganizations() || organizations.contains(organizationId);
    }

    /** The caller authenticated for this request, if any. */
    public static Optional<ApiClient> from(ServletRequest request) {
        return request.getAttribute(REQUEST_ATTRIBUTE) instanceof ApiClient client
                ? Optional.of(client)
                : Optional.empty();
    }

    /** The caller of the HTTP request this thread is serving, if any. */
    public static Optional<ApiClient> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes != null
                && attributes.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof ApiClient client
                ? Optional.of(client)
                : Optional.empty();
    }
}
