package com.twofactor.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import com.twofactor.api.error.ErrorCode;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Replaces Tomcat's HTML error report (and Boot's copy of it) for errors no application code answered: requests
 * Tomcat refuses itself, such as an encoded slash or a backslash in the path, a control character in a header,
 * headers over the size limit, or raw non-ASCII bytes in the request line. They are answered as problem+json with
 * the status Tomcat chose, code {@code malformed_request} for a 400, and nothing about the server or the request.
 *
 * <p>Errors the application answers go through the error page to {@code ProblemErrorController}; this valve
 * leaves every response that has a body alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProblemDetail problem = ProblemResponses.problem(errorCode(status), detail(status), (java.net.URI) null);
        problem.setStatus(status);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            ProblemResponses.noStore(response);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(ProblemResponses.json(problem), StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body any more; nothing more to say.
        }
    }

    /** Tomcat's own 4xx refusals are about a request it could not read; other statuses keep their usual code. */
    private static ErrorCode errorCode(int status) {
        ErrorCode byStatus = ProblemDetailsAdvice.ErrorCodes.forStatus(status);
        return byStatus == ErrorCode.VALIDATION_FAILED ? ErrorCode.MALFORMED_REQUEST : byStatus;
    }

    private static String detail(int status) {
        return status < 500 ? "The request is malformed: the server cannot read it." : null;
    }
}
