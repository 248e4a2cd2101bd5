package com.twofactor.command;


import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

import com.twofactor.api.error.DomainException;

/**
 * What every command goes through: structural validation of the command record before dispatch, and domain
 * refusals turned into {@link CommandExecutionException}s whose details name the error code — the form in
 * which Axon carries an exception back to a sender in another process (Axon Server), so the HTTP edge can
 * answer with the same problem either way.
 */
@Configuration(proxyBeanMethods = false)
class CommandBusConfiguration {

    @Autowired
    void registerInterceptors(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new DomainRefusals());
        if (commandBus instanceof org.axonframework.messaging.MessageDispatchInterceptorSupport<?>) {
            @SuppressWarnings("unchecked")
            var dispatch = (org.axonframework.messaging.MessageDispatchInterceptorSupport<CommandMessage<?>>) commandBus;
            dispatch.registerDispatchInterceptor(new BeanValidationInterceptor<>());
        }
    }

    static final class DomainRefusals implements MessageHandlerInterceptor<CommandMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            try {
                return chain.proceed();
            } catch (DomainException refusal) {
                throw new CommandExecutionException(refusal.getMessage(), null, refusal.errorCode().name());
            }
        }
    }

}
