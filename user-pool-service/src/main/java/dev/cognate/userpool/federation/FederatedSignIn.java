package dev.cognate.userpool.federation;

import dev.cognate.internalapi.HostedLoginResponses.SignedInUser;
import io.smallrye.mutiny.Uni;

/**
 * The one place a verified {@link ExternalIdentity} becomes a signed-in user of the pool, whichever protocol brought it
 * (the OIDC/social engine and the SAML engine both end here):
 * <ul>
 * <li>a native user linked to this provider identity ({@code AdminLinkProviderForUser}) signs in as that user;</li>
 * <li>otherwise the federated user {@code {ProviderName}_{subject}} (status {@code EXTERNAL_PROVIDER}) is created on
 *     first sign-in (PreSignUp_ExternalProvider, then PostConfirmation as Cognito runs them) and updated on later ones,
 *     with the InboundFederation trigger's answer and the provider's {@code AttributeMapping} applied every time and the
 *     {@code identities} attribute kept;</li>
 * <li>a disabled user, a vetoing trigger or a mapping that breaks the schema refuse the sign-in with the Cognito error.</li>
 * </ul>
 * The user row, its attributes and the events commit together; the sign-in is recorded in the auth events.
 */
public interface FederatedSignIn {

    /** Signs the identity in for the app client {@code clientId} of its provider's pool; fails with a {@code CognitoException}. */
    Uni<SignedInUser> signIn(String clientId, ExternalIdentity identity, String ipAddress);
}
