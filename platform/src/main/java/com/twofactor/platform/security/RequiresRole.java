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

    /**
     * Roles that must name the actor on an endpoint several roles share: a request the key may make only through
     * these roles (it has no other role the endpoint accepts) needs a valid {@value ActorHeader#NAME}, as with
     * {@link #actorRequired()}. An admin revoking a user's trusted browsers is an admin command; the portal doing
     * it for the signed-in user is not.
     */
    Role[] actorRequiredFor() default {};
}
