package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.token.TokenIssuer;

import java.util.List;
import java.util.Set;

/**
 * What {@code /oauth2/userInfo} tells of a user, by the access token's scopes, as Cognito: {@code openid} alone → every
 * attribute the client may read; with {@code profile} the profile attributes and the custom ones, with {@code email}
 * {@code email} and {@code email_verified}, with {@code phone} {@code phone_number} and {@code phone_number_verified}
 * (OpenID Connect Core §5.4). {@code aws.cognito.signin.user.admin} changes nothing. Always {@code sub} first and
 * {@code username} last; never an attribute outside the client's {@code ReadAttributes} (when it has some).
 */
public final class UserInfoClaims {

    static final Set<String> PROFILE = Set.of("name", "family_name", "given_name", "middle_name", "nickname", "preferred_username",
            "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at");
    static final Set<String> EMAIL = Set.of("email", "email_verified");
    static final Set<String> PHONE = Set.of("phone_number", "phone_number_verified");

    private UserInfoClaims() {
    }

    public static ObjectNode of(User user, AppClient client, List<String> scopes) {
        List<String> readable = client.config().readAttributes();
        boolean narrowed = scopes.contains("profile") || scopes.contains("email") || scopes.contains("phone");
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("sub", user.sub().toString());
        TokenIssuer.attributeClaims(claims, user, name -> (readable.isEmpty() || readable.contains(name))
                && (!narrowed || inScopes(name, scopes)));
        claims.put("username", user.username());
        return claims;
    }

    private static boolean inScopes(String name, List<String> scopes) {
        return scopes.contains("profile") && (PROFILE.contains(name) || name.startsWith("custom:"))
                || scopes.contains("email") && EMAIL.contains(name)
                || scopes.contains("phone") && PHONE.contains(name);
    }
}
