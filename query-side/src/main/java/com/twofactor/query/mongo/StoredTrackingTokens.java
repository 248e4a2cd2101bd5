package com.twofactor.query.mongo;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.domain.Sort;
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

    /**
     * One segment of a processor as stored.
     *
     * @param token       its token, or null when the segment has none yet
     * @param fingerprint SHA-256 (hex) of the token's type and stored bytes, or null without a token: tells
     *                    whether the token was stored again, without comparing token semantics
     */
    public record StoredSegment(int segment, TrackingToken token, String fingerprint) {
    }

    /** The token of each of the processor's segments that has one (a segment not yet started has none). */
    public List<TrackingToken> of(String processorName) {
        List<TrackingToken> tokens = new ArrayList<>();
        for (StoredSegment segment : segments(processorName)) {
            if (segment.token() != null) {
                tokens.add(segment.token());
            }
        }
        return tokens;
    }

    /** Every segment the processor has in the store, in segment order. */
    public List<StoredSegment> segments(String processorName) {
        List<StoredSegment> segments = new ArrayList<>();
        for (Document segment : mongo.find(query(where(TrackingTokenCollection.PROCESSOR_NAME).is(processorName))
                        .with(Sort.by(TrackingTokenCollection.SEGMENT)),
                Document.class, TrackingTokenCollection.NAME)) {
            byte[] data = bytes(segment.get(TrackingTokenCollection.TOKEN));
            String type = segment.getString(TrackingTokenCollection.TOKEN_TYPE);
            Number number = segment.get(TrackingTokenCollection.SEGMENT, Number.class);
            int id = number == null ? 0 : number.intValue();
            if (data != null && type != null) {
                TrackingToken token =
                        serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
                segments.add(new StoredSegment(id, token, fingerprint(type, data)));
            } else {
                segments.add(new StoredSegment(id, null, null));
            }
        }
        return segments;
    }

    private static String fingerprint(String type, byte[] data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(type.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(data);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static byte[] bytes(Object token) {
        if (token instanceof Binary binary) {
            return binary.getData();
        }
        return token instanceof byte[] data ? data : null;
    }
}
