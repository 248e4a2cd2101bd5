package com.twofactor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An event a projection fails to apply is retried, never skipped: while it fails, the login check answers
 * 503 rather than decide on a read model that misses the event; once the cause is gone the event lands.
 * (With the JDBC event store's transaction manager Axon would store the Mongo token before handling and a
 * failed event would be lost for good.)
 */
class ProjectionFailureEndToEndTest extends StandaloneTest {

    static final String STATUS_COLLECTION = "user_two_factor_status";

    @Autowired
    MongoTemplate mongo;

    @Test
    void aFailingEventIsRetriedUntilItLands_andTheLoginCheckFailsClosedMeanwhile() {
        ActiveUser user = activeUser("acme");
        TestApi.Response ready = api.get(user.path() + "?minVersion=" + user.version(), TestApi.PORTAL_KEY);
        assertThat(ready.status()).isEqualTo(200);
        String id = user.organizationId() + ":" + user.userId();
        Document breakIt = new Document("$set", new Document("status", "NOT_A_STATUS"));
        mongo.getCollection(STATUS_COLLECTION).updateOne(new Document("_id", id), breakIt);

        TestApi.Response refused = api.post(user.path() + "/verification", TestApi.PORTAL_KEY,
                Map.of("code", wrongCode(nextCode(user.secret()))));
        assertThat(refused.text("code")).isEqualTo("invalid_code");
        long rejectedVersion = refused.json().get("version").asLong();

        TestApi.Response whileFailing = api.get(user.path() + "/login-check?portal=AGENT&loginMethod=FORM",
                TestApi.PORTAL_KEY);
        assertThat(whileFailing.status()).as(whileFailing.toString()).isEqualTo(503);

        Document repair = new Document("$set", new Document("status", "ACTIVE"));
        mongo.getCollection(STATUS_COLLECTION).updateOne(new Document("_id", id), repair);
        TestApi.Response afterwards = api.get(user.path() + "/login-check?portal=AGENT&loginMethod=FORM&minVersion="
                + rejectedVersion, TestApi.PORTAL_KEY);
        assertThat(afterwards.status()).as(afterwards.toString()).isEqualTo(200);
        assertThat(afterwards.text("decision")).isEqualTo("CHALLENGE");
        assertThat(afterwards.json().get("version").asLong()).isEqualTo(rejectedVersion);
    }
}
