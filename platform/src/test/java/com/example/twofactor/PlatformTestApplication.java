package com.example.twofactor;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A tiny application on the platform. It lives outside {@code com.twofactor} on purpose: it gets the platform
 * only through auto-configuration, like the real services, and no service's component scan can ever find its
 * controllers when the platform's test classes are on that service's test classpath.
 */
@SpringBootApplication
public class PlatformTestApplication {
}
