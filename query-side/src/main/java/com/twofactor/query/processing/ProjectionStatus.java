package com.twofactor.query.processing;

/**
 * A projection as an operator sees it.
 *
 * @param name       the processing group, which names the projection
 * @param rebuilding its read model is incomplete because of a reset; login checks or audit queries that
 *                   depend on it answer 503 meanwhile
 * @param phase      the rebuild mark's phase ({@code REQUESTED}, {@code CLEARING}, {@code REPLAYING},
 *                   {@code FAILED}), or null without a mark
 * @param upToDate   every segment has processed every event stored so far
 * @param failing    a segment processed on this node is stuck on an event it cannot apply (retrying)
 */
public record ProjectionStatus(String name, boolean rebuilding, String phase, boolean upToDate, boolean failing) {
}
