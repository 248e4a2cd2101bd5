package com.twofactor.api;

/** How the user passed the first factor. Only {@link #FORM} (password) logins are ever asked for a second factor. */
public enum LoginMethod {
    FORM,
    SSO,
    SOCIAL
}
