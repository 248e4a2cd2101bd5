package com.twofactor.query.status;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.twofactor.api.user.UserSecurityId;

/** Reads {@code user_two_factor_status}. */
@Component
class UserTwoFactorStatuses {

    private final MongoTemplate mongo;

    UserTwoFactorStatuses(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The user's document, or null when the user has no 2FA history. */
    UserTwoFactorStatusDocument find(UserSecurityId user) {
        return mongo.findById(user.toString(), UserTwoFactorStatusDocument.class, UserTwoFactorStatusDocument.COLLECTION);
    }
}
