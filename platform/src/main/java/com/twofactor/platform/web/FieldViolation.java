package com.twofactor.platform.web;

/**
 * One entry of a {@code validation_failed} problem's {@code errors} list. Never carries the rejected value: it may
 * be a code, a recovery code or a token.
 *
 * @param field   the JSON field, request parameter or header that is not valid
 * @param message why, in words
 */
public record FieldViolation(String field, String message) {
}
