package com.example.twofactor;

import com.twofactor.platform.security.MetaDataKeys;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

@Component
class CallerQueryHandler {

    @QueryHandler
    CallerSeen handle(FindCallerQuery query,
                      @MetaDataValue(MetaDataKeys.CLIENT) String client,
                      @MetaDataValue(MetaDataKeys.ACTOR_ID) String actorId) {
        return new CallerSeen(client, actorId);
    }
}
