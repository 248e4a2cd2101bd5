package com.twofactor.query.readmodel;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Idempotent writes of {@link VersionedDocument}s: an event is applied to a document only when its sequence
 * number is greater than the document's version, and the write is conditional on the version it read, so a
 * redelivered, replayed or concurrently handled event changes nothing twice. Needs no transactions.
 */
@Component
public class VersionedDocuments {

    private static final int MAX_ATTEMPTS = 5;

    private final MongoTemplate mongo;

    public VersionedDocuments(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Applies one event to the document with this id.
     *
     * @param version the event's aggregate sequence number; becomes the document's version
     * @param initial the document before its first event, or null when the event only changes an existing one
     * @param change  what the event does to the document
     * @return whether the document changed (false: already applied, or nothing to change)
     */
    public <D extends VersionedDocument<D>> boolean apply(
            Class<D> type, String collection, String id, long version, Supplier<D> initial, UnaryOperator<D> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            D current = mongo.findById(id, type, collection);
            if (current != null && current.version() >= version) {
                return false;
            }
            D base = current != null ? current : initial != null ? initial.get() : null;
            if (base == null) {
                return false;
            }
            D next = change.apply(base).withVersion(version);
            if (current == null) {
                try {
                    mongo.insert(next, collection);
                    return true;
                } catch (DuplicateKeyException insertedMeanwhile) {
                    continue;
                }
            }
            long matched = mongo.replace(
                    query(where("_id").is(id).and("version").is(current.version())), next, collection).getMatchedCount();
            if (matched == 1) {
                return true;
            }
        }
        throw new OptimisticLockingFailureException(
                "Document " + id + " in " + collection + " kept changing while applying version " + version);
    }
}
