package com.twofactor.platform.security;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.twofactor.api.error.ErrorCode;
import com.twofactor.platform.web.FieldViolation;
import com.twofactor.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Enforces {@link RequiresRole} on every handler under {@code /api/**}, after the filter has authenticated the
 * caller: the key needs one of the roles, must be allowed for the path's {@code organizationId}, and a request
 * that must name its actor (for the endpoint, or for the roles the key calls it through) must carry a valid
 * {@value ActorHeader#NAME}, and no request may carry it twice. Handlers without the annotation are
 * refused, so a forgotten annotation fails closed.
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
        RequiresRole requirement = handler instanceof HandlerMethod method ? requirementOf(method) : null;
        if (requirement == null) {
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
