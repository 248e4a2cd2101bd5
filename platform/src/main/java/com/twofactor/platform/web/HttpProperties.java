package com.twofactor.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxBodyBytes requests with a longer body are refused with 413 {@code payload_too_large}, whether the
 *                     Content-Length says so or a chunked body runs past it
 */
@ConfigurationProperties("twofactor.http")
record HttpProperties(@DefaultValue("16384") long maxBodyBytes) {

    HttpProperties {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("twofactor.http.max-body-bytes must be positive");
        }
    }
}
