package com.twofactor.platform.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param createSchema whether start-up creates the event and snapshot tables when they are missing; turn off where
 *                     the schema is managed elsewhere
 */
@ConfigurationProperties("twofactor.event-store")
record EventStoreProperties(@DefaultValue("true") boolean createSchema) {
}
