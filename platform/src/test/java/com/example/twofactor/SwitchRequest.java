package com.example.twofactor;

import jakarta.validation.constraints.NotNull;

/** Like the enforcement policy's request. */
public record SwitchRequest(@NotNull Boolean enforced) {
}
