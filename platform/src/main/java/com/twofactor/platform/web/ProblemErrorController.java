package com.twofactor.platform.web;

import com.twofactor.api.error.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's {@code BasicErrorController}: whatever reaches the container's error page (an exception thrown
 * in a filter, a {@code sendError}, a request Tomcat itself refused) is answered as problem+json with a code and a
 * generic detail, whatever the caller accepts: never HTML, never a message or a stack trace.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

    @RequestMapping
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
        ProblemResponses.noStore(response);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Asked for directly rather than forwarded to on an error: there is nothing here.
        int code = status instanceof Integer value ? value : 404;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && PayloadTooLargeException.isCauseOf(failure)) {
            code = 413;
        }
        ErrorCode errorCode = ProblemDetailsAdvice.ErrorCodes.forStatus(code < 400 ? 500 : code);
        return ProblemResponses.response(ProblemResponses.problem(errorCode, null, request));
    }
}
