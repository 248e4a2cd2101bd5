package com.twofactor.platform.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.twofactor.api.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured size with 413 {@code payload_too_large}: at once when the
 * Content-Length says so, otherwise as soon as reading a chunked body passes the limit.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;

    RequestBodyLimitFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, maxBodyBytes), response);
        } catch (IOException | ServletException | RuntimeException e) {
            // Spring MVC turns an oversized body into a 413 itself; this covers readers outside it.
            if (PayloadTooLargeException.isCauseOf(e) && !response.isCommitted()) {
                response.reset();
                refuse(request, response);
                return;
            }
            throw e;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The rest of the body is not read; do not keep the connection for a next request behind it.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        ProblemResponses.write(response, ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body must not be larger than " + maxBodyBytes + " bytes.", request);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBodyBytes;
        private LimitedInputStream inputStream;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, long maxBodyBytes) {
            super(request);
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (inputStream == null) {
                inputStream = new LimitedInputStream(super.getInputStream(), maxBodyBytes);
            }
            return inputStream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long maxBodyBytes;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long maxBodyBytes) {
            this.delegate = delegate;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b != -1) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > maxBodyBytes) {
                throw new PayloadTooLargeException(maxBodyBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return delegate.available();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
