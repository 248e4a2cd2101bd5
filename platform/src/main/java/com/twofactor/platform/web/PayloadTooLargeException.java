package com.twofactor.platform.web;

import java.io.IOException;

/**
 * Raised while reading a request body that turns out longer than allowed (a chunked body has no Content-Length to
 * refuse up front). An {@link IOException} because that is what body reads may throw; wrapped in whatever the
 * reader wraps it in, it is found again by walking the causes.
 */
final class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long maxBodyBytes) {
        super("Request body exceeds " + maxBodyBytes + " bytes");
    }

    static boolean isCauseOf(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
