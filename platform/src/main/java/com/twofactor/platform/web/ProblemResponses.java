package com.twofactor.platform.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.twofactor.api.error.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds and writes the RFC 9457 problem details every error of the API is answered with, so the controller
 * advice, the error controller and the servlet filters produce one shape:
 * {@code type, title, status, detail, instance, code} and, for validation failures, {@code errors}.
 */
public final class ProblemResponses {

    /** Prefix of every problem {@code type}; the stable {@code code} completes it. */
    public static final String TYPE_PREFIX = "https://twofactor.example/problems/";
    /** The member carrying the stable error code. */
    public static final String CODE = "code";
    /** The member carrying the list of {@link FieldViolation}s of a validation failure. */
    public static final String ERRORS = "errors";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    /** The problem for this error, about the request being served; {@code detail} defaults to the title. */
    public static ProblemDetail problem(ErrorCode errorCode, String detail, HttpServletRequest request) {
        return problem(errorCode, detail, instanceOf(request));
    }

    public static ProblemDetail problem(ErrorCode errorCode, String detail, URI instance) {
        ProblemDetail problem = ProblemDetail.forStatus(errorCode.httpStatus());
        problem.setType(URI.create(TYPE_PREFIX + errorCode.code()));
        problem.setTitle(errorCode.title());
        problem.setDetail(detail == null || detail.isBlank() ? errorCode.title() : detail);
        problem.setInstance(instance);
        problem.setProperty(CODE, errorCode.code());
        return problem;
    }

    /** A {@code validation_failed} problem listing what is wrong. */
    public static ProblemDetail validationFailed(String detail, List<FieldViolation> errors, HttpServletRequest request) {
        ProblemDetail problem = problem(ErrorCode.VALIDATION_FAILED, detail, request);
        problem.setProperty(ERRORS, List.copyOf(errors));
        return problem;
    }

    /** The response entity for a problem, explicitly {@code application/problem+json} whatever the caller accepts. */
    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return response(problem, HttpHeaders.EMPTY);
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    public static ResponseEntity<ProblemDetail> response(ErrorCode errorCode, String detail, HttpServletRequest request) {
        return response(problem(errorCode, detail, request));
    }

    /**
     * Forbids any cache to keep the response: API answers carry secrets (an enrollment secret, recovery codes, a
     * trusted-browser token), and errors are no better kept. Sets (never adds) the headers, so it may run twice.
     */
    public static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
    }

    /** Writes the problem straight to the servlet response, for errors raised outside Spring MVC (filters). */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        noStore(response);
        response.getOutputStream().write(json(problem));
        response.flushBuffer();
    }

    /** The problem as the JSON body of a response. */
    static byte[] json(ProblemDetail problem) {
        return JSON.writeValueAsBytes(toMap(problem));
    }

    public static void write(HttpServletResponse response, ErrorCode errorCode, String detail,
                             HttpServletRequest request) throws IOException {
        write(response, problem(errorCode, detail, request));
    }

    /** The problem's members in their documented order, properties such as {@code code} at the top level. */
    public static Map<String, Object> toMap(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            members.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return members;
    }

    /** The path the caller asked for; on an error dispatch, the original one rather than {@code /error}. */
    static URI instanceOf(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String originalPath ? originalPath : request.getRequestURI();
        try {
            return path == null ? null : URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
