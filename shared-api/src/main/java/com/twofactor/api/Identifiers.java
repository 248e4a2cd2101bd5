package com.twofactor.api;

import java.util.regex.Pattern;

/**
 * The shape of organization, user, actor and request identifiers: 1 to 128 characters, letters, digits and
 * {@code . _ @ -}, starting with a letter or digit. A colon is never part of one, so the pair
 * organization:user names exactly one aggregate.
 */
public final class Identifiers {

    /** For {@code @Pattern} annotations. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._@-]{0,127}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Identifiers() {
    }

    public static boolean isValid(String identifier) {
        return identifier != null && COMPILED.matcher(identifier).matches();
    }
}
