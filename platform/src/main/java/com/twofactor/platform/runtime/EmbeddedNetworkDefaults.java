package com.twofactor.platform.runtime;

/**
 * What keeps the embedded default off the network: it accepts the public local API keys and serves its H2 event
 * store to the other local service, so both listen on loopback unless configured otherwise.
 */
public final class EmbeddedNetworkDefaults {

    /** The address the embedded default listens on when {@code server.address} is not configured. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * H2's system property for the address its TCP servers bind to, including the {@code AUTO_SERVER} that lets the
     * split services share the embedded event store file; without it they listen on every interface.
     */
    public static final String H2_BIND_ADDRESS = "h2.bindAddress";

    private EmbeddedNetworkDefaults() {
    }

    /**
     * Sets {@value #H2_BIND_ADDRESS} to {@value #LOOPBACK} unless it is set already. H2 reads it once, when its
     * {@code SysProperties} class is loaded, so this must happen before H2 is first used in the JVM.
     *
     * @return whether this call set it
     */
    public static synchronized boolean keepH2ServersOnLoopback() {
        String configured = System.getProperty(H2_BIND_ADDRESS);
        if (configured != null && !configured.isBlank()) {
            return false;
        }
        System.setProperty(H2_BIND_ADDRESS, LOOPBACK);
        return true;
    }
}
