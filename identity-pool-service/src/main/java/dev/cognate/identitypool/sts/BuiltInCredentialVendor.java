package dev.cognate.identitypool.sts;

import dev.cognate.identitypool.config.CognateConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/**
 * Cognate's own STS as credential vendor (the default): credentials of session {@code CognitoIdentityCredentials}, valid
 * {@code cognate.credentials.duration}, that this service's STS recognises (GetCallerIdentity).
 */
@ApplicationScoped
@Typed(BuiltInCredentialVendor.class)
public class BuiltInCredentialVendor implements CredentialVendor {

    private final SessionMint mint;
    private final CognateConfig config;

    public BuiltInCredentialVendor(SessionMint mint, CognateConfig config) {
        this.mint = mint;
        this.config = config;
    }

    @Override
    public Uni<VendedCredentials> vend(Request request) {
        return Uni.createFrom().item(() -> mint.mint(request.identityId(), request.roleArn(), AssumedRole.SESSION_NAME,
                config.credentials().duration(), request.principalTags()).vended());
    }
}
