package com.twofactor.query.readmodel;

/**
 * A read-model document that remembers the aggregate sequence number of the last event applied to it, so
 * redelivered and replayed events are recognised and skipped.
 */
public interface VersionedDocument<D extends VersionedDocument<D>> {

    String id();

    long version();

    D withVersion(long version);
}
