package com.example.twofactor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateThingCommand(@TargetAggregateIdentifier String thingId, String name, Channel channel) {
}
