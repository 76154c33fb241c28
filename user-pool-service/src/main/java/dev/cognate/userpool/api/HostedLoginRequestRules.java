package dev.cognate.userpool.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.awsprotocol.AwsJson;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.internalapi.HostedLoginRequests;
import dev.cognate.userpool.action.UserFlowRequests;
import dev.cognate.userpool.action.UserRequests;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The checks of the hosted login's request bodies ({@link HostedLoginRequests}, the contract shared with
 * hosted-ui-service): the rules of the JSON API's user flows (username, password and code shapes; attribute names and
 * values), whose messages never echo a password. Each answers its request or throws {@code InvalidParameterException}.
 */
final class HostedLoginRequestRules {

    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");

    private HostedLoginRequestRules() {
    }

    static HostedLoginRequests.SignIn check(HostedLoginRequests.SignIn request) {
        Validation validation = UserFlowRequests.username(Validation.of(), request.username());
        UserRequests.password(validation.required("password", request.password()), "password", request.password(), 1).throwIfInvalid();
        return request;
    }

    static HostedLoginRequests.ChoiceSignIn check(HostedLoginRequests.ChoiceSignIn request) {
        UserFlowRequests.username(Validation.of(), request.username()).required("preferredChallenge", request.preferredChallenge())
                .oneOf("preferredChallenge", request.preferredChallenge(), HostedLoginRequests.ChoiceSignIn.FACTORS).throwIfInvalid();
        return request;
    }

    /** The challenge's own responses are the engine's to check (as RespondToAuthChallenge's ChallengeResponses). */
    static HostedLoginRequests.RespondToChallenge check(HostedLoginRequests.RespondToChallenge request) {
        Validation.of().required("challengeName", request.challengeName()).length("challengeName", request.challengeName(), 1, 64)
                .required("session", request.session()).length("session", request.session(), 20, 2048)
                .required("responses", request.responses()).throwIfInvalid();
        return request;
    }

    static HostedLoginRequests.SignUp check(HostedLoginRequests.SignUp request) {
        Validation validation = UserFlowRequests.username(Validation.of(), request.username());
        UserRequests.password(validation.required("password", request.password()), "password", request.password(), 1);
        UserRequests.attributes(validation, "attributes", attributeList(request.attributes()));
        validation.throwIfInvalid();
        return request;
    }

    static HostedLoginRequests.ConfirmSignUp check(HostedLoginRequests.ConfirmSignUp request) {
        UserFlowRequests.code(UserFlowRequests.username(Validation.of(), request.username()), "code", request.code()).throwIfInvalid();
        return request;
    }

    static HostedLoginRequests.Username check(HostedLoginRequests.Username request) {
        UserFlowRequests.username(Validation.of(), request.username()).throwIfInvalid();
        return request;
    }

    static HostedLoginRequests.ConfirmForgotPassword check(HostedLoginRequests.ConfirmForgotPassword request) {
        Validation validation = UserFlowRequests.code(UserFlowRequests.username(Validation.of(), request.username()), "code", request.code());
        UserRequests.password(validation.required("password", request.password()), "password", request.password(), 1).throwIfInvalid();
        return request;
    }

    static HostedLoginRequests.ImplicitTokens check(HostedLoginRequests.ImplicitTokens request) {
        Validation.of().required("code", request.code()).length("code", request.code(), 1, 1024).throwIfInvalid();
        return request;
    }

    static HostedLoginRequests.AssociateSoftwareToken check(HostedLoginRequests.AssociateSoftwareToken request) {
        Validation.of().required("session", request.session()).length("session", request.session(), 20, 2048).throwIfInvalid();
        return request;
    }

    /** VerifySoftwareToken's rules: the session, a 6-digit {@code userCode}, a device name of at most 256 characters. */
    static HostedLoginRequests.VerifySoftwareToken check(HostedLoginRequests.VerifySoftwareToken request) {
        Validation.of().required("session", request.session()).length("session", request.session(), 20, 2048)
                .required("userCode", request.userCode()).length("userCode", request.userCode(), 6, 6)
                .pattern("userCode", request.userCode(), SIX_DIGITS)
                .length("friendlyDeviceName", request.friendlyDeviceName(), 0, 256).throwIfInvalid();
        return request;
    }

    /** The {@code sub} a passkey route names: the hosted session's user, a UUID. */
    static UUID sub(String sub) {
        Validation.of().required("sub", sub).length("sub", sub, 36, 36).throwIfInvalid();
        try {
            return UUID.fromString(sub);
        } catch (IllegalArgumentException notUuid) {
            throw CognitoException.invalidParameter("1 validation error detected: Value at 'sub' failed to satisfy constraint: Member must be a UUID");
        }
    }

    /** The browser's RegistrationResponseJSON as the page posted it: a JSON object of at most 64 KiB (its checks are the verifier's). */
    static JsonNode credential(String credential) {
        Validation.of().required("credential", credential).length("credential", credential, 2, 65536).throwIfInvalid();
        try {
            JsonNode parsed = AwsJson.MAPPER.readTree(credential);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (java.io.IOException notJson) {
            // answered below, as a value that is not an object
        }
        throw CognitoException.invalidParameter("Credential must be a RegistrationResponseJSON object.");
    }

    /** Sign-up's attributes as the services take them (name → value, a null value as empty). */
    static Map<String, String> attributeMap(HostedLoginRequests.SignUp request) {
        return UserRequests.attributes(Validation.of(), "attributes", attributeList(request.attributes()));
    }

    private static List<UserRequests.AttributeType> attributeList(Map<String, String> attributes) {
        return attributes == null ? List.of()
                : attributes.entrySet().stream().map(entry -> new UserRequests.AttributeType(entry.getKey(), entry.getValue())).toList();
    }
}
