package dev.cognate.identitypool.sts;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * STS AssumeRoleWithWebIdentity (unsigned, as in AWS) for identity OpenID tokens: the parameters as the STS API
 * reference constrains them, the token and role through {@link WebIdentityRoles}, then credentials of the role for
 * {@code DurationSeconds} (900–43200, default 3600) named after {@code RoleSessionName}, tagged with the token's principal
 * tags. Session policies
 * ({@code Policy}, {@code PolicyArns}) and {@code ProviderId} cannot be honoured without IAM and are refused, not ignored.
 */
@ApplicationScoped
public class AssumeRoleWithWebIdentity {

    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");

    private final WebIdentityRoles roles;
    private final SessionMint mint;

    public AssumeRoleWithWebIdentity(WebIdentityRoles roles, SessionMint mint) {
        this.roles = roles;
        this.mint = mint;
    }

    Uni<String> execute(Map<String, String> parameters, String requestId) {
        String roleArn = parameters.get("RoleArn");
        String sessionName = parameters.get("RoleSessionName");
        String token = parameters.get("WebIdentityToken");
        Integer duration = integer(parameters.get("DurationSeconds"));
        try {
            Validation.of()
                    .required("roleArn", roleArn).length("roleArn", roleArn, 20, 2048)
                    .required("roleSessionName", sessionName).length("roleSessionName", sessionName, 2, 64)
                    .pattern("roleSessionName", sessionName, SESSION_NAME)
                    .required("webIdentityToken", token).length("webIdentityToken", token, 4, 20000)
                    .range("durationSeconds", duration, 900, 43200)
                    .throwIfInvalid();
        } catch (CognitoException invalid) {
            throw new StsException("ValidationError", invalid.getMessage(), 400);
        }
        if (parameters.keySet().stream().anyMatch(name -> name.equals("Policy") || name.startsWith("PolicyArns") || name.equals("ProviderId"))) {
            throw new StsException("InvalidParameterValue",
                    "Session policies (Policy, PolicyArns) and ProviderId are not supported by Cognate's STS.", 400);
        }
        Duration lifetime = Duration.ofSeconds(duration == null ? 3600 : duration);
        return roles.authorize(token, roleArn).map(identity -> {
            SessionMint.Minted minted = mint.mint(identity.identityId(), roleArn, sessionName, lifetime, identity.principalTags());
            return StsXml.assumeRoleWithWebIdentity(minted, identity.identityId(), identity.identityPoolId(),
                    identity.issuer().replaceFirst("^https?://", ""), requestId);
        });
    }

    private static Integer integer(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new StsException("ValidationError", "1 validation error detected: Value '" + value
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must be a number", 400);
        }
    }
}
