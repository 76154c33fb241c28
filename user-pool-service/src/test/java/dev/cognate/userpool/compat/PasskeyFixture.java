package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFactorType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.util.List;

/**
 * What the passkey tests share: a pool whose users may sign in with a password or a passkey (AllowedFirstAuthFactors
 * PASSWORD and WEB_AUTHN) and whose relying party is {@code example.com}, a client allowing USER_AUTH, and registration of
 * a {@link SoftwareAuthenticator} through StartWebAuthnRegistration / CompleteWebAuthnRegistration.
 */
abstract class PasskeyFixture extends SignInFixture {

    static final String RP_ID = "example.com";
    static final String ORIGIN = "https://app.example.com";

    @BeforeEach
    void passkeyPool() {
        poolId = cognito.createUserPool(r -> r.poolName("passkeys " + unique())
                .policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactors(AuthFactorType.PASSWORD, AuthFactorType.WEB_AUTHN)))).userPool().id();
        relyingParty(RP_ID, "preferred");
        clientId = newClient(List.of(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_USER_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), false);
    }

    void relyingParty(String rpId, String userVerification) {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OFF)
                .webAuthnConfiguration(w -> w.relyingPartyId(rpId).userVerification(userVerification)));
    }

    /** A confirmed user with the fixture's password, signed in: its access token. */
    String signedInUser(String username) {
        createUser(username, true);
        return passwordAuth(clientId, username, PASSWORD).authenticationResult().accessToken();
    }

    JsonNode start(String accessToken) {
        return Documents.toJson(anonymous.startWebAuthnRegistration(r -> r.accessToken(accessToken)).credentialCreationOptions());
    }

    void complete(String accessToken, JsonNode credential) {
        anonymous.completeWebAuthnRegistration(r -> r.accessToken(accessToken).credential(Documents.fromJson(credential)));
    }

    /** Registers a new software passkey for the signed-in user. */
    SoftwareAuthenticator register(String accessToken) throws Exception {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN, RP_ID);
        complete(accessToken, authenticator.register(start(accessToken)));
        return authenticator;
    }
}
