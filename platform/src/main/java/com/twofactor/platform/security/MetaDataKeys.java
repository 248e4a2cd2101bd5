package com.twofactor.platform.security;

/**
 * The Axon {@code MetaData} keys who-and-how is recorded under on every command, query and event dispatched while
 * serving an HTTP request (events inherit them from the command through correlation data).
 */
public final class MetaDataKeys {

    /** The name of the API key that made the request. */
    public static final String CLIENT = "client";
    /** The person acting, from the {@value ActorHeader#NAME} header, when the request named one. */
    public static final String ACTOR_ID = "actorId";
    /** Axon's {@code MessageOriginProvider}: the id of the message that started the chain. */
    public static final String CORRELATION_ID = "correlationId";
    /** Axon's {@code MessageOriginProvider}: the id of the message that directly caused this one. */
    public static final String TRACE_ID = "traceId";

    private MetaDataKeys() {
    }
}
