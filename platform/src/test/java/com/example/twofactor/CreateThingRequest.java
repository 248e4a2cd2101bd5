package com.example.twofactor;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

public record CreateThingRequest(@NotBlank @Pattern(regexp = "[a-z]{1,20}") String name, @NotNull Channel channel) {
}
