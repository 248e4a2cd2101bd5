package com.twofactor.query.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.twofactor.api.query.AuditEventType;

/**
 * Request parameters in the contract's own terms: {@code type=two_factor.enabled} is an {@link AuditEventType}
 * by its stable name (or constant name); an unknown name is a type mismatch, answered 400
 * {@code validation_failed} like any bad parameter.
 */
@Configuration(proxyBeanMethods = false)
class QueryWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, AuditEventType.class, name -> AuditEventType.fromName(name.trim())
                .orElseThrow(() -> new IllegalArgumentException("Unknown audit event type")));
    }
}
