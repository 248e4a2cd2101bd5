package com.twofactor.api;

/** The answer to a command whose only news is that it was applied: the aggregate's new version. */
public record CommandAccepted(long version) {
}
