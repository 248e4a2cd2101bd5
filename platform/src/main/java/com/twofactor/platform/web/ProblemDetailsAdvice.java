package com.twofactor.platform.web;

import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Maps every exception that leaves a controller to RFC 9457 problem details with a stable {@code code}.
 *
 * <p>One handler decides for all, walking the exception and its causes, because what the API must answer is often
 * wrapped: a {@link DomainException} in a {@code CompletionException}, a {@code ConcurrencyException} in a unit of
 * work failure, an oversized body in a message-conversion error. The first cause that means something wins;
 * anything unrecognised is a 500 {@code internal_error} whose exception is logged and never shown.
 *
 * <p>Over Axon Server a handler's exception arrives as a {@link HandlerExecutionException} whose details hold the
 * {@link ErrorCode} (its name or code); locally the {@link DomainException} itself arrives.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final int MAX_CAUSE_DEPTH = 32;

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> handle(Exception exception, HttpServletRequest request,
                                                HttpServletResponse servletResponse) {
        ProblemResponses.noStore(servletResponse);
        if (PayloadTooLargeException.isCauseOf(exception)) {
            return ProblemResponses.response(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large.", request);
        }
        Throwable current = exception;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            ResponseEntity<ProblemDetail> response = map(current, request);
            if (response != null) {
                return response;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        log.error("Unexpected failure serving {} {}", request.getMethod(), request.getRequestURI(), exception);
        return ProblemResponses.response(ErrorCode.INTERNAL_ERROR,
                "The request could not be completed because of an internal error.", request);
    }

    /**
     * A domain refusal with its extra members; {@link DomainException#RETRY_AFTER_SECONDS} becomes the
     * {@code Retry-After} header (a lock-out says when trying again can succeed).
     */
    private static ResponseEntity<ProblemDetail> domainProblem(DomainException domain, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(domain.errorCode(), domain.getMessage(), request);
        HttpHeaders headers = new HttpHeaders();
        domain.properties().forEach((name, value) -> {
            if (DomainException.RETRY_AFTER_SECONDS.equals(name)) {
                headers.set(HttpHeaders.RETRY_AFTER, value.toString());
            } else {
                problem.setProperty(name, value);
            }
        });
        return ProblemResponses.response(problem, headers);
    }

    /** The answer for this exception alone, or {@code null} to look at its cause. */
    private ResponseEntity<ProblemDetail> map(Throwable exception, HttpServletRequest request) {
        if (exception instanceof DomainException domain) {
            return domainProblem(domain, request);
        }
        if (exception instanceof org.axonframework.messaging.interceptors.JSR303ViolationException invalid) {
            List<FieldViolation> violations = invalid.getViolations().stream()
                    .map(violation -> new FieldViolation(violation.getPropertyPath().toString(), violation.getMessage()))
                    .toList();
            return ProblemResponses.response(ProblemResponses.validationFailed(
                    "The request is not valid.", violations, request));
        }
        if (exception instanceof HandlerExecutionException execution) {
            return errorCodeOf(execution)
                    .map(code -> ProblemResponses.response(code, execution.getMessage(), request))
                    .orElse(null);
        }
        if (exception instanceof ConcurrencyException || exception instanceof AggregateStreamCreationException) {
            return ProblemResponses.response(ErrorCode.CONCURRENT_MODIFICATION,
                    "Another request changed the same data at the same time; retry.", request);
        }
        if (exception instanceof AggregateNotFoundException) {
            return ProblemResponses.response(ErrorCode.NOT_FOUND, "No such resource.", request);
        }
        if (exception instanceof NoHandlerForCommandException || exception instanceof NoHandlerForQueryException) {
            log.warn("No handler available for {} {}: {}", request.getMethod(), request.getRequestURI(),
                    exception.getMessage());
            return ProblemResponses.response(ErrorCode.SERVICE_UNAVAILABLE,
                    "The service cannot handle this request right now; retry later.", request);
        }
        if (isUnavailable(exception)) {
            log.warn("A store or Axon Server is unavailable serving {} {}", request.getMethod(),
                    request.getRequestURI(), exception);
            return ProblemResponses.response(ErrorCode.SERVICE_UNAVAILABLE,
                    "The service cannot answer reliably right now; retry later.", request);
        }
        if (exception instanceof TimeoutException || exception instanceof AsyncRequestTimeoutException) {
            return ProblemResponses.response(ErrorCode.SERVICE_UNAVAILABLE,
                    "The service did not answer in time; retry later.", request);
        }
        if (exception instanceof MethodArgumentNotValidException invalid) {
            return ProblemResponses.response(ProblemResponses.validationFailed(
                    "The request is not valid.", violations(invalid.getBindingResult()), request));
        }
        if (exception instanceof HandlerMethodValidationException invalid) {
            return ProblemResponses.response(ProblemResponses.validationFailed(
                    "The request is not valid.", violations(invalid), request));
        }
        if (exception instanceof ConstraintViolationException invalid) {
            return ProblemResponses.response(ProblemResponses.validationFailed(
                    "The request is not valid.", violations(invalid), request));
        }
        if (RequestParameterFilter.isInvalidParameter(exception)) {
            // Its message quotes the raw value; RequestParameterFilter normally refuses such a request first.
            return ProblemResponses.response(ErrorCode.MALFORMED_REQUEST,
                    "The query string is not valid: percent-encode it as UTF-8.", request);
        }
        if (exception instanceof HttpMessageNotReadableException unreadable) {
            return ProblemResponses.response(ErrorCode.MALFORMED_REQUEST, unreadableDetail(unreadable), request);
        }
        if (exception instanceof MissingRequestValueException
                || exception instanceof TypeMismatchException
                || exception instanceof ServletRequestBindingException) {
            return ProblemResponses.response(ProblemResponses.validationFailed(
                    "The request is not valid.", List.of(bindingViolation(exception)), request));
        }
        if (exception instanceof HttpMediaTypeNotSupportedException unsupported) {
            return ProblemResponses.response(
                    ProblemResponses.problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                            "Send the request body as application/json.", request),
                    unsupported.getHeaders());
        }
        if (exception instanceof HttpMediaTypeNotAcceptableException) {
            return ProblemResponses.response(ErrorCode.NOT_ACCEPTABLE,
                    "None of the accepted media types can be produced.", request);
        }
        if (exception instanceof HttpRequestMethodNotSupportedException unsupported) {
            return ProblemResponses.response(
                    ProblemResponses.problem(ErrorCode.METHOD_NOT_ALLOWED,
                            "Method " + unsupported.getMethod() + " is not allowed here.", request),
                    unsupported.getHeaders());
        }
        if (exception instanceof NoHandlerFoundException || exception instanceof NoResourceFoundException) {
            return ProblemResponses.response(ErrorCode.NOT_FOUND, "No such resource.", request);
        }
        if (exception instanceof MaxUploadSizeExceededException) {
            return ProblemResponses.response(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large.", request);
        }
        if (exception instanceof ErrorResponse errorResponse) {
            ErrorCode code = ErrorCodes.forStatus(errorResponse.getStatusCode().value());
            if (code == ErrorCode.INTERNAL_ERROR) {
                log.error("Failure serving {} {}", request.getMethod(), request.getRequestURI(), exception);
                return ProblemResponses.response(code, null, request);
            }
            return ProblemResponses.response(
                    ProblemResponses.problem(code, errorResponse.getBody().getDetail(), request),
                    errorResponse.getHeaders());
        }
        return null;
    }

    /**
     * A store or Axon Server that cannot be reached: answered 503 so callers retry and login checks fail closed.
     * Driver types are matched by name, so the platform does not depend on every driver.
     */
    private static boolean isUnavailable(Throwable exception) {
        if (exception instanceof DataAccessResourceFailureException
                || exception instanceof TransientDataAccessException
                || exception instanceof SQLTransientConnectionException
                || exception instanceof ConnectException) {
            return true;
        }
        if (isA(exception, "io.grpc.StatusRuntimeException")) {
            String status = String.valueOf(exception.getMessage());
            return status.startsWith("UNAVAILABLE") || status.startsWith("DEADLINE_EXCEEDED");
        }
        return isA(exception, "com.mongodb.MongoTimeoutException") || isA(exception, "com.mongodb.MongoSocketException");
    }

    private static boolean isA(Throwable exception, String className) {
        for (Class<?> type = exception.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<ErrorCode> errorCodeOf(HandlerExecutionException exception) {
        return exception.getDetails().map(details -> {
            if (details instanceof ErrorCode code) {
                return code;
            }
            return details instanceof CharSequence text ? ErrorCode.fromCode(text.toString()) : null;
        });
    }

    private static List<FieldViolation> violations(BindingResult bindingResult) {
        List<FieldViolation> violations = new ArrayList<>();
        for (FieldError error : bindingResult.getFieldErrors()) {
            violations.add(new FieldViolation(error.getField(), messageOf(error)));
        }
        for (ObjectError error : bindingResult.getGlobalErrors()) {
            violations.add(new FieldViolation(error.getObjectName(), messageOf(error)));
        }
        return violations;
    }

    private static List<FieldViolation> violations(HandlerMethodValidationException exception) {
        List<FieldViolation> violations = new ArrayList<>();
        for (ParameterValidationResult result : exception.getParameterValidationResults()) {
            if (result instanceof ParameterErrors errors) {
                for (FieldError error : errors.getFieldErrors()) {
                    violations.add(new FieldViolation(error.getField(), messageOf(error)));
                }
                for (ObjectError error : errors.getGlobalErrors()) {
                    violations.add(new FieldViolation(parameterName(result.getMethodParameter()), messageOf(error)));
                }
            } else {
                String name = parameterName(result.getMethodParameter());
                result.getResolvableErrors().forEach(error ->
                        violations.add(new FieldViolation(name, error.getDefaultMessage())));
            }
        }
        exception.getCrossParameterValidationResults().forEach(error ->
                violations.add(new FieldViolation("", error.getDefaultMessage())));
        return violations;
    }

    private static List<FieldViolation> violations(ConstraintViolationException exception) {
        List<FieldViolation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            violations.add(new FieldViolation(leafName(violation.getPropertyPath()), violation.getMessage()));
        }
        return violations;
    }

    private static String leafName(Path path) {
        String name = "";
        for (Path.Node node : path) {
            if (node.getName() != null) {
                name = node.getName();
            }
        }
        return name;
    }

    /** The name the caller used: the request parameter, header or path variable name, not the Java one. */
    private static String parameterName(MethodParameter parameter) {
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        RequestHeader requestHeader = parameter.getParameterAnnotation(RequestHeader.class);
        if (requestHeader != null && !requestHeader.name().isEmpty()) {
            return requestHeader.name();
        }
        PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        String name = parameter.getParameterName();
        return name == null ? "" : name;
    }

    private static FieldViolation bindingViolation(Throwable exception) {
        if (exception instanceof MissingServletRequestParameterException missing) {
            return new FieldViolation(missing.getParameterName(), "is required");
        }
        if (exception instanceof MissingRequestHeaderException missing) {
            return new FieldViolation(missing.getHeaderName(), "is required");
        }
        if (exception instanceof MethodArgumentTypeMismatchException mismatch) {
            return new FieldViolation(mismatch.getName(), "has a value of the wrong type or format");
        }
        if (exception instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
            return new FieldViolation(mismatch.getPropertyName(), "has a value of the wrong type or format");
        }
        return new FieldViolation("", "a required parameter or header is missing or not valid");
    }

    private static String messageOf(ObjectError error) {
        String message = error.getDefaultMessage();
        return message == null ? "is not valid" : message;
    }

    /** Says what is wrong with the body without Jackson's internals or the offending value. */
    private static String unreadableDetail(HttpMessageNotReadableException exception) {
        String message = exception.getMessage();
        if (message != null && message.startsWith("Required request body is missing")) {
            return "A request body is required.";
        }
        for (Throwable t = exception.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException jackson) {
                String path = jsonPath(jackson.getPath());
                if (!path.isEmpty()) {
                    return "The value of '" + path + "' is missing or not valid.";
                }
            }
        }
        return "The request body is not valid JSON for this request.";
    }

    private static String jsonPath(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Status-only mapping for errors that carry nothing else, shared with the error controller. */
    static final class ErrorCodes {

        private ErrorCodes() {
        }

        static ErrorCode forStatus(int status) {
            return switch (status) {
                case 400 -> ErrorCode.VALIDATION_FAILED;
                case 401 -> ErrorCode.UNAUTHORIZED;
                case 403 -> ErrorCode.FORBIDDEN;
                case 404 -> ErrorCode.NOT_FOUND;
                case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
                case 406 -> ErrorCode.NOT_ACCEPTABLE;
                case 409 -> ErrorCode.CONCURRENT_MODIFICATION;
                case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
                case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
                case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
                default -> status >= 400 && status < 500 ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL_ERROR;
            };
        }
    }
}
