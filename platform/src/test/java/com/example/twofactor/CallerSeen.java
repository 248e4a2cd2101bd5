package com.example.twofactor;

/** What a query handler saw in its message's metadata. */
public record CallerSeen(String client, String actorId) {
}
