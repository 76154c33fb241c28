package dev.cognate.hostedui.web;

import java.util.Map;

/**
 * An input for a user attribute on the sign-up and new-password forms: posted as {@code attribute.<name>}, labelled
 * with the attribute's name, typed and autocompleted as browsers expect for the standard attributes.
 */
public record AttributeInput(String name, String label, String inputType, String autocomplete, String value) {

    static final String FIELD_PREFIX = "attribute.";

    /** HTML autocomplete tokens of the standard OIDC attributes Cognito knows. */
    private static final Map<String, String> AUTOCOMPLETE = Map.ofEntries(
            Map.entry("name", "name"), Map.entry("given_name", "given-name"), Map.entry("family_name", "family-name"),
            Map.entry("middle_name", "additional-name"), Map.entry("nickname", "nickname"),
            Map.entry("email", "email"), Map.entry("phone_number", "tel"), Map.entry("address", "street-address"),
            Map.entry("birthdate", "bday"), Map.entry("gender", "sex"), Map.entry("locale", "language"),
            Map.entry("website", "url"), Map.entry("profile", "url"), Map.entry("picture", "photo"),
            Map.entry("zoneinfo", "off"), Map.entry("preferred_username", "username"));

    static AttributeInput of(String name, String value) {
        String inputType = switch (name) {
            case "email" -> "email";
            case "phone_number" -> "tel";
            case "birthdate" -> "date";
            case "website", "profile", "picture" -> "url";
            default -> "text";
        };
        String label = name.startsWith("custom:") ? name.substring("custom:".length()) : name.replace('_', ' ');
        label = label.isEmpty() ? name : Character.toUpperCase(label.charAt(0)) + label.substring(1);
        return new AttributeInput(name, label, inputType, AUTOCOMPLETE.getOrDefault(name, "on"), value);
    }
}
