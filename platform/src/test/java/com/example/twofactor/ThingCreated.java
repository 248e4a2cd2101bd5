package com.example.twofactor;

import java.time.Instant;

public record ThingCreated(String thingId, String name, Channel channel, Instant createdAt) {
}
