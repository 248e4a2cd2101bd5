package com.twofactor.query.mongo;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Whether {@code spring.mongodb.uri} points this process at a real MongoDB. */
final class MongoUriConditions {

    static final String URI_PROPERTY = "spring.mongodb.uri";

    private MongoUriConditions() {
    }

    static boolean uriIsSet(ConditionContext context) {
        return StringUtils.hasText(context.getEnvironment().getProperty(URI_PROPERTY));
    }

    /** No URI: the embedded mode's in-process server. */
    static final class NoUri implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !uriIsSet(context);
        }
    }

    /** A URI: Boot's auto-configuration connects to it. */
    static final class UriSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return uriIsSet(context);
        }
    }
}
