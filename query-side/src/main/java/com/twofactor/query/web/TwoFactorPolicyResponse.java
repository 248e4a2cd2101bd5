package com.twofactor.query.web;

import java.util.Map;
import java.util.TreeMap;

import com.twofactor.api.Portal;
import com.twofactor.api.query.TwoFactorPolicyView;

/** {@code {organizationId, enforcement: {AGENT: bool, CUSTOMER: bool}, version}}. */
record TwoFactorPolicyResponse(String organizationId, Map<Portal, Boolean> enforcement, long version) {

    static TwoFactorPolicyResponse of(TwoFactorPolicyView view) {
        Map<Portal, Boolean> enforcement = new TreeMap<>();
        enforcement.put(Portal.AGENT, view.agentEnforced());
        enforcement.put(Portal.CUSTOMER, view.customerEnforced());
        return new TwoFactorPolicyResponse(view.organizationId(), enforcement, view.version());
    }
}
