package com.twofactor.query.mongo;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the tracking tokens a processor stored, without claiming them (the token store itself only reads by
 * claiming), so any node can tell where a processor stands, including one whose segments another node owns.
 */
@Component
public class StoredTrackingTokens {

    private final MongoTemplate mongo;
    private final Serializer serializer;

    /** @param serializer the token store's serializer */
    public StoredTrackingTokens(MongoTemplate mongo, Serializer serializer) {
        this.mongo = mongo;
        this.serializer = serializer;
    }

    /** The token of each of the processor's segments that has one (a segment not yet started has none). */
    public List<TrackingToken> of(String processorName) {
        List<TrackingToken> tokens = new ArrayList<>();
        for (Document segment : mongo.find(query(where(TrackingTokenCollection.PROCESSOR_NAME).is(processorName)),
                Document.class, TrackingTokenCollection.NAME)) {
            byte[] data = bytes(segment.get(TrackingTokenCollection.TOKEN));
            String type = segment.getString(TrackingTokenCollection.TOKEN_TYPE);
            if (data != null && type != null) {
                tokens.add(serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null)));
            }
        }
        return tokens;
    }

    private static byte[] bytes(Object token) {
        if (token instanceof Binary binary) {
            return binary.getData();
        }
        return token instanceof byte[] data ? data : null;
    }
}
