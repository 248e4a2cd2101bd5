package com.twofactor.query.mongo;

/**
 * The MongoDB collection of the event processors' tracking tokens, in axon-mongo's format: one document per
 * processor segment with {@code processorName}, {@code segment}, {@code owner}, {@code timestamp},
 * {@code token} and {@code tokenType}.
 */
public final class TrackingTokenCollection {

    public static final String NAME = "tracking_tokens";
    public static final String PROCESSOR_NAME = "processorName";
    public static final String SEGMENT = "segment";
    public static final String TOKEN = "token";
    public static final String TOKEN_TYPE = "tokenType";

    private TrackingTokenCollection() {
    }
}
