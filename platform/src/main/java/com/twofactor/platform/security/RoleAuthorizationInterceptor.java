package com.twofactor.platform.security;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.twofactor.api.error.ErrorCode;
import com.twofactor.platform.web.FieldViolation;
import com.twofactor.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Enforces {@link RequiresRole} on every handler under {@code /api/**}, after the filter has authenticated the
 * caller: the key needs one of the roles, must be allowed for the path's {@code organizationId}, and a request
 * that must name its actor (for the endpoint, or for the roles the key calls it through) must carry a valid
 * {@value ActorHeader#NAME}, and no request may carry it twice. Controller methods without the annotation are
 * refused (and logged as an error), so a forgotten annotation fails closed; handlers Spring MVC supplies itself
 * (the automatic {@code OPTIONS} answer, CORS pre-flights) are refused quietly.
 */
final class RoleAuthorizationInterceptor implements HandlerInterceptor {

    static final String ORGANIZATION_ID = "organizationId";
    private static final Logger log = LoggerFactory.getLogger(RoleAuthorizationInterceptor.class);

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        ApiClient client = ApiClient.from(request).orElse(null);
        if (client == null) {
            ProblemResponses.write(response, ErrorCode.UNAUTHORIZED, "The request is not authenticated.", request);
            return false;
        }
        if (!isApplicationHandler(handler)) {
            refuseFrameworkHandler(request, response, handler);
            return false;
        }
        RequiresRole requirement = requirementOf((HandlerMethod) handler);
        if (requirement == null) {
            // A controller method someone forgot to annotate: refused, and loud so it gets fixed.
            log.error("Refusing {} {}: its handler {} has no @RequiresRole", request.getMethod(),
                    request.getRequestURI(), handler);
            ProblemResponses.write(response, ErrorCode.FORBIDDEN, "This endpoint is not open to API keys.", request);
            return false;
        }
        if (!client.hasAnyRole(requirement.value())) {
            ProblemResponses.write(response, ErrorCode.FORBIDDEN,
                    "This API key does not have a role this endpoint requires: "
                            + Arrays.toString(requirement.value()) + ".", request);
            return false;
        }
        String organizationId = pathVariable(request, ORGANIZATION_ID);
        if (organizationId != null && !client.mayActFor(organizationId)) {
            ProblemResponses.write(response, ErrorCode.FORBIDDEN,
                    "This API key may not act for this organization.", request);
            return false;
        }
        if (Collections.list(request.getHeaders(ActorHeader.NAME)).size() > 1) {
            ProblemResponses.write(response, ProblemResponses.validationFailed(
                    "Name one person acting, in one " + ActorHeader.NAME + " header.",
                    List.of(new FieldViolation(ActorHeader.NAME, "must be sent once")), request));
            return false;
        }
        String actorId = request.getHeader(ActorHeader.NAME);
        boolean actorMissing = actorId == null || actorId.isBlank();
        if (actorMissing && actorRequired(requirement, client)) {
            ProblemResponses.write(response, ProblemResponses.validationFailed(
                    "Name the person acting in the " + ActorHeader.NAME + " header.",
                    List.of(new FieldViolation(ActorHeader.NAME, "is required")), request));
            return false;
        }
        if (!actorMissing && !ActorHeader.isValid(actorId)) {
            ProblemResponses.write(response, ProblemResponses.validationFailed(
                    "The " + ActorHeader.NAME + " header is not valid.",
                    List.of(new FieldViolation(ActorHeader.NAME, "must be 1 to 128 letters, digits or . _ @ -,"
                            + " starting with a letter or digit")), request));
            return false;
        }
        return true;
    }

    /** A method of an application {@code @Controller}, as opposed to a handler Spring MVC supplies itself. */
    private static boolean isApplicationHandler(Object handler) {
        return handler instanceof HandlerMethod method
                && AnnotatedElementUtils.hasAnnotation(method.getBeanType(), Controller.class);
    }

    /**
     * Spring MVC's own handlers under the API path: the automatic answer to {@code OPTIONS}, a CORS pre-flight, a
     * resource handler. The API offers none of them (no CORS, no resources), and any key holder can ask for them,
     * so they are refused without an error in the log. {@code OPTIONS} is a method the API does not allow: 405 with
     * the methods the path does allow, like any other method it does not allow.
     */
    private static void refuseFrameworkHandler(HttpServletRequest request, HttpServletResponse response,
                                               Object handler) throws IOException {
        log.debug("Refusing {} {}: served by {}, not by an API endpoint", request.getMethod(), request.getRequestURI(),
                handler);
        if (HttpMethod.OPTIONS.matches(request.getMethod()) && handler instanceof HandlerMethod options) {
            Set<HttpMethod> allowed = allowedMethods(options);
            if (!allowed.isEmpty()) {
                response.setHeader(HttpHeaders.ALLOW, StringUtils.collectionToDelimitedString(
                        allowed.stream().map(HttpMethod::name).toList(), ", "));
                ProblemResponses.write(response, ErrorCode.METHOD_NOT_ALLOWED,
                        "Method OPTIONS is not allowed here.", request);
                return;
            }
        }
        ProblemResponses.write(response, ErrorCode.FORBIDDEN, "This endpoint is not open to API keys.", request);
    }

    /**
     * The methods the path allows, as Spring's automatic {@code OPTIONS} handler would list them in {@code Allow},
     * without {@code OPTIONS} itself; empty when the handler is not that one.
     */
    private static Set<HttpMethod> allowedMethods(HandlerMethod options) {
        Method method = options.getMethod();
        if (method.getParameterCount() != 0 || !HttpHeaders.class.isAssignableFrom(method.getReturnType())) {
            return Set.of();
        }
        try {
            ReflectionUtils.makeAccessible(method);
            if (ReflectionUtils.invokeMethod(method, options.getBean()) instanceof HttpHeaders headers) {
                Set<HttpMethod> allowed = new LinkedHashSet<>(headers.getAllow());
                allowed.remove(HttpMethod.OPTIONS);
                return allowed;
            }
        } catch (RuntimeException e) {
            log.debug("Cannot tell the methods {} allows", options, e);
        }
        return Set.of();
    }

    /** Required for the endpoint, or for every role through which this key may call it. */
    private static boolean actorRequired(RequiresRole requirement, ApiClient client) {
        if (requirement.actorRequired()) {
            return true;
        }
        List<Role> needingActor = Arrays.asList(requirement.actorRequiredFor());
        return !needingActor.isEmpty() && Arrays.stream(requirement.value())
                .filter(role -> client.roles().contains(role))
                .allMatch(needingActor::contains);
    }

    private static RequiresRole requirementOf(HandlerMethod method) {
        RequiresRole onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresRole.class);
        return onMethod != null
                ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresRole.class);
    }

    private static String pathVariable(HttpServletRequest request, String name) {
        return request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get(name) instanceof String value
                ? value
                : null;
    }
}
