package com.twofactor.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles an endpoint under {@code /api/**} accepts: the caller's API key needs at least one of them. Every such
 * endpoint must carry it (on the method, or on the controller class as a default); one without it is refused
 * with 403, so a forgotten annotation fails closed.
 *
 * <p>When the path has an {@code {organizationId}} variable, the key must also be allowed for that organization.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {

    /** The roles accepted; the caller needs any one of them. */
    Role[] value();

    /**
     * Whether the request must name the person acting in a valid {@value ActorHeader#NAME} header (admin
     * commands); without it the request is refused with 400 {@code validation_failed}.
     */
    boolean actorRequired() default false;
}
