package com.twofactor.query.processing;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.lifecycle.Phase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Event processing of the projections. Processors stay tracking processors (Axon's default for a streamable
 * event source), one per processing group.
 *
 * <p>Axon's default error handler logs a failing event handler and moves on, which would silently leave a
 * read model without, say, a lock-out. Here a failure propagates: the processor stops at that event, keeps
 * its token, and retries with back-off until the handler succeeds (for example once MongoDB is back).
 *
 * <p>The processors run without a transaction manager. With one (the JDBC event store's, in the standalone
 * app or on PostgreSQL) Axon stores the token <em>before</em> handling a batch, trusting the transaction to
 * roll it back — but the token store is MongoDB, outside that transaction, so a failed event would be skipped
 * for good. Without one, the token is stored only after the batch was handled.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionProcessingConfiguration {

    @Bean
    ConfigurerModule projectionErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> ProcessingGroups.ALL.forEach(group -> {
            processing.registerListenerInvocationErrorHandler(group, axon -> PropagatingErrorHandler.instance());
            processing.registerTransactionManager(group, axon -> NoTransactionManager.INSTANCE);
        }));
    }

    /**
     * Just before Axon starts the event processors: a projection building its read model for the first time is
     * marked like a rebuild (the login check must not answer from a half-built read model), and rebuilds named
     * at start-up reset their processors.
     */
    @Bean
    ConfigurerModule rebuildOnStartupBeforeProcessorsStart(ObjectProvider<RebuildOnStartup> rebuildOnStartup,
                                                           ObjectProvider<ProjectionRebuildMarks> marks) {
        return configurer -> configurer.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, () -> {
            ProcessingGroups.ALL.forEach(group -> marks.getObject().markFirstBuild(group));
            rebuildOnStartup.getObject().run();
        });
    }
}
