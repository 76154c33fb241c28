package dev.cognate.internalapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/** The answers of the hosted login's routes ({@link InternalRoutes#HOSTED_LOGIN}). Unknown members are ignored when read. */
public final class HostedLoginResponses {

    private HostedLoginResponses() {
    }

    /**
     * What {@link InternalRoutes#SIGN_IN} and {@link InternalRoutes#RESPOND_TO_CHALLENGE} answer — the very step of
     * InitiateAuth / RespondToAuthChallenge: either the next challenge ({@code challengeName}, the opaque
     * {@code session} to answer it with, and its {@code parameters}, as ChallengeParameters), or {@code signedIn}: the
     * user is authenticated, and the hosted login issues an authorization code for it (no tokens here). Absent and
     * empty members are left out.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SignInStep(String challengeName, String session, Map<String, String> parameters, SignedInUser signedIn) {

        public SignInStep {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }

        public static SignInStep challenge(String challengeName, String session, Map<String, String> parameters) {
            return new SignInStep(challengeName, session, parameters, null);
        }

        public static SignInStep done(SignedInUser user) {
            return new SignInStep(null, null, Map.of(), user);
        }

        /** Whether the sign-in is over (no further challenge). */
        public boolean completed() {
            return signedIn != null;
        }
    }

    /** The authenticated user: {@code sub}, {@code username} as stored, {@code authTime} in epoch seconds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SignedInUser(String sub, String username, long authTime) {
    }

    /** {@link InternalRoutes#SIGN_UP}: {@code codeDeliveryDetails} null when the pool sent no code. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SignUpResult(boolean userConfirmed, String userSub, CodeDeliveryDetails codeDeliveryDetails) {
    }

    /** {@link InternalRoutes#RESEND_CODE} and {@link InternalRoutes#FORGOT_PASSWORD}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CodeDeliveryResult(CodeDeliveryDetails codeDeliveryDetails) {
    }

    /** Cognito's {@code CodeDeliveryDetailsType}, with its wire member names: where a code went, masked ({@code a***@e***}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CodeDeliveryDetails(@JsonProperty("Destination") String destination,
                                      @JsonProperty("DeliveryMedium") String deliveryMedium,
                                      @JsonProperty("AttributeName") String attributeName) {
    }

    /**
     * {@link InternalRoutes#IMPLICIT_TOKENS}: the implicit flow's tokens ({@code id_token} null when {@code openid} was
     * not granted), never a refresh token. Never logged: they go only into the redirect URI's fragment.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImplicitTokens(@JsonProperty("access_token") String accessToken,
                                 @JsonProperty("id_token") String idToken,
                                 @JsonProperty("token_type") String tokenType,
                                 @JsonProperty("expires_in") long expiresIn) {

        @Override
        public String toString() {
            return "ImplicitTokens[token_type=" + tokenType + ", expires_in=" + expiresIn + "]";
        }
    }

    /**
     * {@link InternalRoutes#ASSOCIATE_SOFTWARE_TOKEN}: AssociateSoftwareToken's {@code SecretCode} (base32) and the
     * next {@code session}. The secret is shown to the user once, never logged.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SoftwareTokenAssociation(String secretCode, String session) {

        @Override
        public String toString() {
            return "SoftwareTokenAssociation[secretCode=***]";
        }
    }

    /** {@link InternalRoutes#VERIFY_SOFTWARE_TOKEN}: {@code status} {@code SUCCESS} and the session to answer MFA_SETUP with. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SoftwareTokenVerification(String status, String session) {
    }

    /**
     * {@link InternalRoutes#PASSKEY_REGISTRATION_START}: the PublicKeyCredentialCreationOptionsJSON (binary members in
     * base64url) as a JSON text, as StartWebAuthnRegistration's {@code CredentialCreationOptions}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PasskeyCreationOptions(String options) {
    }
}
