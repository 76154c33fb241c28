package dev.cognate.identitypool.rotation;

import dev.cognate.identitypool.token.IdentityTokenKeys;
import dev.cognate.secrets.SealedColumn;

import java.util.List;

/**
 * Every column of this service that keeps a value sealed under the master key. The session tokens of vended
 * credentials are sealed too but never stored: they expire with the credentials ({@code cognate.credentials.duration}), and the
 * previous key opens them meanwhile.
 */
public final class IdentityPoolSealedColumns {

    public static final List<SealedColumn> ALL = List.of(
            new SealedColumn("identity_token_keys", "private_key", List.of("kid"), keys -> IdentityTokenKeys.sealingContext(keys.get(0))));

    private IdentityPoolSealedColumns() {
    }
}
