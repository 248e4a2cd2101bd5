package com.twofactor.command.user;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Makes trusted-browser tokens (256 random bits, base64url) and random public ids (trusted browsers, reset
 * requests). A class of its own so aggregate tests can make the outcome predictable.
 */
@Component
public class TokenGenerator {

    private final SecureRandom random = new SecureRandom();

    public String newTrustedBrowserToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String newId() {
        return UUID.randomUUID().toString();
    }
}
