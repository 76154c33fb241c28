package dev.cognate.userpool.rotation;

import dev.cognate.secrets.SealedColumn;
import dev.cognate.userpool.domain.ClientSecret;
import dev.cognate.userpool.domain.Device;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.federation.saml.SpCredentialStore;
import dev.cognate.userpool.mfa.SoftwareTokens;
import dev.cognate.userpool.service.SrpVerifierStore;
import dev.cognate.userpool.token.SigningKeys;

import java.util.List;
import java.util.UUID;

/**
 * Every column of this service that keeps a value sealed under the master key, with the context its writer binds it
 * to (the writers' own functions, so the two cannot drift: a wrong context would make the re-seal fail and the row
 * stay counted). Secrets that only pass through (codes on {@code cognate.messages}, the SRP session state of a
 * sign-in in progress) are not stored here and expire on their own; the previous key opens them meanwhile.
 */
public final class UserPoolSealedColumns {

    public static final List<SealedColumn> ALL = List.of(
            new SealedColumn("app_client_secrets", "ciphertext", List.of("id"), keys -> ClientSecret.cipherContext(keys.get(0))),
            new SealedColumn("identity_providers", "sealed_details", List.of("user_pool_id", "name"),
                    keys -> IdentityProvider.cipherContext(keys.get(0), keys.get(1))),
            new SealedColumn("signing_keys", "private_key", List.of("user_pool_id", "kid"), keys -> SigningKeys.context(keys.get(0), keys.get(1))),
            new SealedColumn("srp_verifiers", "verifier", List.of("user_pool_id", "sub"),
                    keys -> SrpVerifierStore.context(keys.get(0), UUID.fromString(keys.get(1)))),
            new SealedColumn("software_tokens", "pending_seed", List.of("user_pool_id", "sub"),
                    keys -> SoftwareTokens.sealContext(keys.get(0), UUID.fromString(keys.get(1)))),
            new SealedColumn("software_tokens", "verified_seed", List.of("user_pool_id", "sub"),
                    keys -> SoftwareTokens.sealContext(keys.get(0), UUID.fromString(keys.get(1)))),
            new SealedColumn("devices", "sealed_verifier", List.of("user_pool_id", "device_key"),
                    keys -> Device.verifierContext(keys.get(0), keys.get(1))),
            new SealedColumn("saml_sp_credentials", "signing_key", List.of("user_pool_id"),
                    keys -> SpCredentialStore.context(keys.get(0), SpCredentialStore.SIGNING)),
            new SealedColumn("saml_sp_credentials", "encryption_key", List.of("user_pool_id"),
                    keys -> SpCredentialStore.context(keys.get(0), SpCredentialStore.ENCRYPTION)));

    private UserPoolSealedColumns() {
    }
}
