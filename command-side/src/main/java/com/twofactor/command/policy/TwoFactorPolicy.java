package com.twofactor.command.policy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import com.twofactor.api.CommandAccepted;
import com.twofactor.api.Portal;
import com.twofactor.api.policy.ChangeTwoFactorEnforcementCommand;
import com.twofactor.api.policy.TwoFactorEnforcementChanged;

/**
 * An organization's 2FA policy: whether form logins on each portal must pass a second factor. Nothing is
 * enforced until an admin says so.
 */
@Aggregate
public class TwoFactorPolicy {

    @AggregateIdentifier
    private String organizationId;
    private final Map<Portal, Boolean> enforced = new EnumMap<>(Portal.class);

    protected TwoFactorPolicy() {
        // for Axon
    }

    /** Setting what is already set records nothing: the answer is the unchanged version. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandAccepted handle(ChangeTwoFactorEnforcementCommand command, Clock clock) {
        if (organizationId == null || enforces(command.portal()) != command.enforced()) {
            apply(new TwoFactorEnforcementChanged(command.organizationId(), command.portal(), command.enforced(),
                    command.changedBy(), clock.instant()));
        }
        Long version = AggregateLifecycle.getVersion();
        return new CommandAccepted(version == null ? 0 : version);
    }

    boolean enforces(Portal portal) {
        return enforced.getOrDefault(portal, false);
    }

    @EventSourcingHandler
    void on(TwoFactorEnforcementChanged event) {
        organizationId = event.organizationId();
        enforced.put(event.portal(), event.enforced());
    }
}
