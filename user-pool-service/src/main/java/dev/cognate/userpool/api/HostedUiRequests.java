package dev.cognate.userpool.api;

import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.action.UserFlowRequests;
import dev.cognate.userpool.action.UserRequests;

import java.util.List;
import java.util.Map;

/**
 * The bodies of the hosted login's internal API ({@link InternalHostedUiResource}), checked by the rules of the JSON API's
 * user flows (username, password and code shapes; attribute names and values) — whose messages never echo a password.
 * {@code ipAddress} is the browser's
 * address as hosted-ui-service saw it, recorded in authentication events; optional everywhere.
 */
final class HostedUiRequests {

    private HostedUiRequests() {
    }

    record SignIn(String username, String password, String ipAddress) {
        SignIn validated() {
            Validation validation = UserFlowRequests.username(Validation.of(), username);
            UserRequests.password(validation.required("password", password), "password", password, 1).throwIfInvalid();
            return this;
        }
    }

    record NewPassword(String session, String username, String newPassword, Map<String, String> attributes, String ipAddress) {
        NewPassword validated() {
            Validation validation = UserFlowRequests.username(Validation.of().required("session", session)
                    .length("session", session, 20, 2048), username);
            UserRequests.password(validation.required("newPassword", newPassword), "newPassword", newPassword, 1);
            UserRequests.attributes(validation, "attributes", attributeList(attributes));
            validation.throwIfInvalid();
            return this;
        }
    }

    record SignUp(String username, String password, Map<String, String> attributes, String ipAddress) {
        SignUp validated() {
            Validation validation = UserFlowRequests.username(Validation.of(), username);
            UserRequests.password(validation.required("password", password), "password", password, 1);
            UserRequests.attributes(validation, "attributes", attributeList(attributes));
            validation.throwIfInvalid();
            return this;
        }

        /** The attributes as the services take them (name → value, a null value as empty). */
        Map<String, String> attributeMap() {
            return UserRequests.attributes(Validation.of(), "attributes", attributeList(attributes));
        }
    }

    record ConfirmSignUp(String username, String code) {
        ConfirmSignUp validated() {
            UserFlowRequests.code(UserFlowRequests.username(Validation.of(), username), "code", code).throwIfInvalid();
            return this;
        }
    }

    /** resend-code and forgot-password: only who. */
    record Username(String username, String ipAddress) {
        Username validated() {
            UserFlowRequests.username(Validation.of(), username).throwIfInvalid();
            return this;
        }
    }

    record ConfirmForgotPassword(String username, String code, String password) {
        ConfirmForgotPassword validated() {
            Validation validation = UserFlowRequests.code(UserFlowRequests.username(Validation.of(), username), "code", code);
            UserRequests.password(validation.required("password", password), "password", password, 1).throwIfInvalid();
            return this;
        }
    }

    /** implicit-tokens: the code of the grant hosted-ui-service has just written (256 random bits, base64url). */
    record ImplicitTokens(String code) {
        ImplicitTokens validated() {
            Validation.of().required("code", code).length("code", code, 1, 1024).throwIfInvalid();
            return this;
        }
    }

    private static List<UserRequests.AttributeType> attributeList(Map<String, String> attributes) {
        return attributes == null ? List.of()
                : attributes.entrySet().stream().map(entry -> new UserRequests.AttributeType(entry.getKey(), entry.getValue())).toList();
    }
}
