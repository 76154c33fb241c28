package dev.cognate.identitypool.rotation;

import dev.cognate.secrets.SealedColumn;

import java.util.List;

/**
 * Every column of this service that keeps a value sealed under the master key. The session tokens of vended
 * credentials are sealed too but never stored: they expire with the credentials ({@code cognate.credentials.duration}), and the
 * previous key opens them meanwhile.
 */
public final class IdentityPoolSealedColumns {

    /**
     * The context {@code token/IdentityTokenKeys} seals a key's PKCS#8 with ({@code identity-token-signing-key:<kid>}).
     * Repeated here because that class keeps it private; a different value would make every re-seal fail, which
     * {@code MasterKeyRotationTest} would show.
     */
    static String identityTokenKeyContext(String kid) {
        return "identity-token-signing-key:" + kid;
    }

    public static final List<SealedColumn> ALL = List.of(
            new SealedColumn("identity_token_keys", "private_key", List.of("kid"), keys -> identityTokenKeyContext(keys.get(0))));

    private IdentityPoolSealedColumns() {
    }
}
