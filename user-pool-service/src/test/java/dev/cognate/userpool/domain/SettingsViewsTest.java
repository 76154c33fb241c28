package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.password.PasswordPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed views read stored settings with Cognito's defaults for members a stored row does not have. */
class SettingsViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void clientSettingsOfAnEmptyRowAreCognitosDefaults() throws Exception {
        ClientSettings settings = ClientSettings.of(JSON.readTree("{}"));

        assertThat(settings.oauthEnabled()).isFalse();
        assertThat(settings.allowsOAuthFlow("code")).isFalse();
        assertThat(settings.preventsUserExistenceErrors()).isTrue();
        assertThat(settings.tokenRevocationEnabled()).isTrue();
        assertThat(settings.authSessionValidityMinutes()).isEqualTo(3);
        assertThat(settings.refreshTokenRotation()).isFalse();
        assertThat(settings.allowedOAuthScopes()).isEmpty();
        assertThat(settings.accessTokenValidity()).isEqualTo(Duration.ofMinutes(60));
        assertThat(settings.idTokenValidity()).isEqualTo(Duration.ofMinutes(60));
        assertThat(settings.refreshTokenValidity()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void tokenValiditiesAreReadInTheirUnits() throws Exception {
        ClientSettings settings = ClientSettings.of(JSON.readTree("""
                {"AccessTokenValidity":5,"IdTokenValidity":2,"RefreshTokenValidity":90,
                 "TokenValidityUnits":{"AccessToken":"hours","IdToken":"hours","RefreshToken":"minutes"}}"""));
        assertThat(settings.accessTokenValidity()).isEqualTo(Duration.ofHours(5));
        assertThat(settings.idTokenValidity()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.refreshTokenValidity()).isEqualTo(Duration.ofMinutes(90));

        ClientSettings secondsWithoutUnits = ClientSettings.of(JSON.readTree("""
                {"AccessTokenValidity":300,"TokenValidityUnits":{"AccessToken":"seconds"},"IdTokenValidity":10}"""));
        assertThat(secondsWithoutUnits.accessTokenValidity()).isEqualTo(Duration.ofSeconds(300));
        assertThat(secondsWithoutUnits.idTokenValidity()).as("no unit given: Cognito's default unit").isEqualTo(Duration.ofMinutes(10));
        assertThat(secondsWithoutUnits.refreshTokenValidity()).as("no value given: the default in the default unit").isEqualTo(Duration.ofDays(30));
    }

    @Test
    void clientSettingsReadEveryStoredMember() throws Exception {
        ClientSettings settings = ClientSettings.of(JSON.readTree("""
                {"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH"],"AllowedOAuthFlowsUserPoolClient":true,"AllowedOAuthFlows":["code"],
                 "AllowedOAuthScopes":["openid","api/read"],"CallbackURLs":["https://a.example.com/cb"],"LogoutURLs":["https://a.example.com"],
                 "SupportedIdentityProviders":["COGNITO"],"ReadAttributes":["email"],"WriteAttributes":["name"],
                 "PreventUserExistenceErrors":"LEGACY","EnableTokenRevocation":false,"AuthSessionValidity":15,
                 "RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":10}}"""));

        assertThat(settings.explicitAuthFlows()).containsExactly("ALLOW_USER_SRP_AUTH");
        assertThat(settings.allowsOAuthFlow("code")).isTrue();
        assertThat(settings.allowsOAuthFlow("implicit")).isFalse();
        assertThat(settings.allowedOAuthScopes()).containsExactly("openid", "api/read");
        assertThat(settings.callbackUrls()).containsExactly("https://a.example.com/cb");
        assertThat(settings.logoutUrls()).containsExactly("https://a.example.com");
        assertThat(settings.supportedIdentityProviders()).containsExactly("COGNITO");
        assertThat(settings.readAttributes()).containsExactly("email");
        assertThat(settings.writeAttributes()).containsExactly("name");
        assertThat(settings.preventsUserExistenceErrors()).isFalse();
        assertThat(settings.tokenRevocationEnabled()).isFalse();
        assertThat(settings.authSessionValidityMinutes()).isEqualTo(15);
        assertThat(settings.refreshTokenRotation()).isTrue();
        assertThat(settings.rotationGracePeriodSeconds()).isEqualTo(10);
    }

    @Test
    void poolSettingsReadTheTopLevelMembersWithDefaults() throws Exception {
        PoolSettings empty = PoolSettings.of(JSON.readTree("{}"));
        assertThat(empty).isEqualTo(new PoolSettings("OFF", "ESSENTIALS", false, java.util.List.of(), false, JSON.createObjectNode(),
                new PasswordPolicy(8, false, false, false, false, 7, 0)));

        ObjectNode stored = (ObjectNode) JSON.readTree("""
                {"MfaConfiguration":"ON","UserPoolTier":"LITE","DeletionProtection":"ACTIVE","AutoVerifiedAttributes":["email"],
                 "AdminCreateUserConfig":{"AllowAdminCreateUserOnly":true},"LambdaConfig":{"PreSignUp":"https://hooks.example.com/pre"},
                 "Policies":{"PasswordPolicy":{"MinimumLength":12,"RequireSymbols":true,"TemporaryPasswordValidityDays":3,"PasswordHistorySize":5}}}""");
        PoolSettings settings = PoolSettings.of(stored);
        assertThat(settings.mfaConfiguration()).isEqualTo("ON");
        assertThat(settings.tier()).isEqualTo("LITE");
        assertThat(settings.deletionProtected()).isTrue();
        assertThat(settings.autoVerifiedAttributes()).containsExactly("email");
        assertThat(settings.adminCreateUserOnly()).isTrue();
        assertThat(settings.lambdaConfig().path("PreSignUp").asText()).isEqualTo("https://hooks.example.com/pre");
        assertThat(settings.passwordPolicy()).isEqualTo(new PasswordPolicy(12, false, false, false, true, 3, 5));

        settings.lambdaConfig().put("PreSignUp", "changed");
        assertThat(stored.path("LambdaConfig").path("PreSignUp").asText()).as("a copy: the stored row is untouched").isEqualTo("https://hooks.example.com/pre");
    }
}
