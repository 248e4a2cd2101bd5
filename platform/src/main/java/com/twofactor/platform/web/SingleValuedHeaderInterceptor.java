package com.twofactor.platform.web;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request that repeats a header its handler binds to one value ({@code @RequestHeader String token}),
 * with 400 {@code validation_failed} naming the header. Spring would otherwise join the values with a comma into
 * one string, which then fails (or passes) validation under the handler's own parameter name.
 */
final class SingleValuedHeaderInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (header == null || multiValued(parameter)) {
                continue;
            }
            String name = headerName(header, parameter);
            if (name != null && Collections.list(request.getHeaders(name)).size() > 1) {
                ProblemResponses.write(response, ProblemResponses.validationFailed(
                        "Send the " + name + " header once.",
                        List.of(new FieldViolation(name, "must be sent once")), request));
                return false;
            }
        }
        return true;
    }

    private static boolean multiValued(MethodParameter parameter) {
        Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
        return type.isArray() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                || org.springframework.http.HttpHeaders.class.isAssignableFrom(type);
    }

    private static String headerName(RequestHeader header, MethodParameter parameter) {
        if (!header.name().isEmpty()) {
            return header.name();
        }
        if (!header.value().isEmpty()) {
            return header.value();
        }
        return parameter.getParameterName();
    }
}
