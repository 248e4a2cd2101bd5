package com.twofactor.platform.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Adds who is calling ({@link MetaDataKeys#CLIENT}, {@link MetaDataKeys#ACTOR_ID}) to every command and query
 * dispatched on a thread that is serving an HTTP request. Messages dispatched elsewhere (event handlers,
 * schedulers) pass unchanged; events get the values from their command through correlation data.
 */
final class CallerMetaDataInterceptor<T extends Message<?>> implements MessageDispatchInterceptor<T> {

    @Override
    @SuppressWarnings("unchecked")
    public BiFunction<Integer, T, T> handle(List<? extends T> messages) {
        Map<String, Object> caller = currentCaller();
        if (caller.isEmpty()) {
            return (index, message) -> message;
        }
        // andMetaData keeps the concrete message type (command, query, subscription query).
        return (index, message) -> (T) message.andMetaData(caller);
    }

    static Map<String, Object> currentCaller() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return Map.of();
        }
        HttpServletRequest request = attributes.getRequest();
        Map<String, Object> caller = new HashMap<>();
        ApiClient.from(request).ifPresent(client -> caller.put(MetaDataKeys.CLIENT, client.name()));
        ActorHeader.from(request).ifPresent(actorId -> caller.put(MetaDataKeys.ACTOR_ID, actorId));
        return caller;
    }
}
