package com.example.twofactor;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Like the API's requests carrying a code the user typed, and a switch. */
public record CodeRequest(@NotNull @Pattern(regexp = "[0-9]{6}") String code, Boolean remember) {
}
