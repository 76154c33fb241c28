package dev.cognate.identitypool.sts;

import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.domain.VerifiedLogin;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Map;

/**
 * Where GetCredentialsForIdentity's credentials come from ({@code cognate.credentials.vendor}): Cognate's own STS
 * ({@link BuiltInCredentialVendor}, the default) or an external STS through AssumeRoleWithWebIdentity
 * ({@link ExternalCredentialVendor}). {@link CredentialVendors} makes the configured one the bean of this type.
 */
public interface CredentialVendor {

    /**
     * Credentials for an identity whose role was chosen.
     *
     * @param logins        the verified logins of the request (empty for a guest): they make the identity's OpenID token
     * @param principalTags the principal tags the credentials carry (tag key → value)
     */
    record Request(IdentityPool pool, String identityId, String roleArn, List<VerifiedLogin> logins, Map<String, String> principalTags) {
    }

    /** @return the credentials, or a failure with the CognitoException the caller should see */
    Uni<VendedCredentials> vend(Request request);
}
