package dev.cognate.identitypool.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of a {@code Logins} map whose token was verified.
 *
 * @param providerName the key of the entry, a provider the identity pool trusts
 * @param subject      the token's {@code sub}: with the provider name, what an identity is found by
 * @param claims       the verified claims (role mappings read them)
 */
public record VerifiedLogin(String providerName, String subject, ObjectNode claims) {
}
