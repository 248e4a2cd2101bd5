package com.twofactor.api;

/** The two portals of the helpdesk product; enforcement is decided per portal. */
public enum Portal {
    /** The agent portal, used by helpdesk agents. */
    AGENT,
    /** The customer portal, used by contacts. */
    CUSTOMER
}
