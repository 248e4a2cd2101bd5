package com.twofactor.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The HTTP edge of a servlet application: problem details for every error (the controller advice, the error
 * controller behind the container's error page, Tomcat's own error reports), the request body size limit, query
 * strings that cannot be decoded, headers sent twice, and strict JSON request bodies.
 */
@AutoConfiguration(before = {ErrorMvcAutoConfiguration.class, WebMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HttpProperties.class)
public class WebAutoConfiguration {

    /** Runs before authentication: refusing an oversized body costs less than hashing a key. */
    public static final int BODY_LIMIT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 50;
    /**
     * Before everything that may read a parameter, after Boot's character encoding filter
     * ({@link Ordered#HIGHEST_PRECEDENCE}), which must come before the query string is decoded.
     */
    public static final int PARAMETER_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 40;
    /** Handler interceptors run in this order, lowest first; the API's authorization interceptor has order 0. */
    public static final int SINGLE_VALUED_HEADER_INTERCEPTOR_ORDER = 100;

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    @ConditionalOnMissingBean(org.springframework.boot.webmvc.error.ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    FilterRegistrationBean<RequestParameterFilter> requestParameterFilter() {
        FilterRegistrationBean<RequestParameterFilter> registration =
                new FilterRegistrationBean<>(new RequestParameterFilter());
        registration.setOrder(PARAMETER_FILTER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(HttpProperties properties) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxBodyBytes()));
        registration.setOrder(BODY_LIMIT_FILTER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Runs after the API's authorization interceptor (order 0): a caller without the right key learns nothing about
     * the endpoint's headers.
     */
    @Bean
    WebMvcConfigurer singleValuedHeaderWebMvcConfigurer() {
        SingleValuedHeaderInterceptor interceptor = new SingleValuedHeaderInterceptor();
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).order(SINGLE_VALUED_HEADER_INTERCEPTOR_ORDER);
            }
        };
    }

    /** Strict reading of request bodies by the web layer's Jackson 3 mapper: see {@link StrictJsonCustomizer}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer")
    static class StrictJsonConfiguration {

        @Bean
        StrictJsonCustomizer twofactorStrictJsonCustomizer() {
            return new StrictJsonCustomizer();
        }
    }

    /** What only Tomcat itself can do: see {@link TomcatCustomizer}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatConfiguration {

        @Bean
        TomcatCustomizer twofactorTomcatCustomizer() {
            return new TomcatCustomizer();
        }
    }
}
