package com.twofactor.platform.security;

import com.twofactor.platform.runtime.RuntimeMode;
import com.twofactor.platform.runtime.RuntimeModeConfiguration;
import com.twofactor.platform.web.WebAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * API-key authentication for everything under {@value #API_PATH}: the filter authenticates, the interceptor
 * enforces {@link RequiresRole}; and no answer under it may be stored by a cache ({@link NoStoreFilter}).
 */
@AutoConfiguration(after = {RuntimeModeConfiguration.class, WebAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiKeyProperties.class)
public class ApiSecurityAutoConfiguration {

    /** Everything below this path needs an API key and a {@link RequiresRole} handler. */
    public static final String API_PATH = "/api";
    /** After the body size limit, before anything that reads the request. */
    public static final int AUTHENTICATION_FILTER_ORDER = WebAutoConfiguration.BODY_LIMIT_FILTER_ORDER + 10;
    /** First of the handler interceptors, see {@link WebAutoConfiguration#SINGLE_VALUED_HEADER_INTERCEPTOR_ORDER}. */
    public static final int AUTHORIZATION_INTERCEPTOR_ORDER = 0;
    /** Before every filter that may answer, so each answer under the API path carries it. */
    public static final int NO_STORE_FILTER_ORDER = WebAutoConfiguration.PARAMETER_FILTER_ORDER - 10;

    @Bean
    ApiKeyRegistry apiKeyRegistry(ApiKeyProperties properties, RuntimeMode runtimeMode) {
        return ApiKeyRegistry.create(properties, runtimeMode);
    }

    @Bean
    FilterRegistrationBean<NoStoreFilter> apiNoStoreFilter() {
        FilterRegistrationBean<NoStoreFilter> registration = new FilterRegistrationBean<>(new NoStoreFilter());
        registration.setOrder(NO_STORE_FILTER_ORDER);
        registration.addUrlPatterns(API_PATH + "/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiKeyAuthenticationFilter> apiKeyAuthenticationFilter(ApiKeyRegistry registry) {
        FilterRegistrationBean<ApiKeyAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiKeyAuthenticationFilter(registry));
        registration.setOrder(AUTHENTICATION_FILTER_ORDER);
        registration.addUrlPatterns(API_PATH + "/*");
        return registration;
    }

    @Bean
    WebMvcConfigurer apiAuthorizationWebMvcConfigurer() {
        RoleAuthorizationInterceptor interceptor = new RoleAuthorizationInterceptor();
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).addPathPatterns(API_PATH + "/**").order(AUTHORIZATION_INTERCEPTOR_ORDER);
            }
        };
    }
}
