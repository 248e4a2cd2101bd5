package com.example.twofactor;

public record FindCallerQuery(String organizationId) {
}
