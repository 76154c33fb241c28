package dev.cognate.hostedui.web;

import java.util.List;

/** What the new-password form shows: the inputs for the required attributes the user still lacks. */
public record NewPasswordView(String action, String csrf, String error, List<AttributeInput> attributes) {
}
