package dev.cognate.identitypool.sts;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.identitypool.config.CognateConfig;
import dev.cognate.identitypool.role.RoleResolver;
import dev.cognate.identitypool.token.IdentityTokenIssuer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.util.Set;

/**
 * An external STS as credential vendor ({@code cognate.credentials.vendor=external}): AWS STS, or the STS of an
 * S3-compatible store (MinIO, Ceph RGW), asked through the AWS SDK's {@link StsClient} for
 * {@code AssumeRoleWithWebIdentity} with the identity's OpenID token (the one GetOpenIdToken would give, principal tags
 * in its {@code https://aws.amazon.com/tags} claim), {@code RoleSessionName} {@code CognitoIdentityCredentials} and the
 * optional {@code DurationSeconds}: what Cognito itself does for the enhanced flow. The STS must trust this service's
 * identity token issuer ({@code cognate.identity-tokens.issuer}) for the role.
 *
 * <p>Its refusals become Cognito's: a role that does not trust the token (AWS's {@code AccessDenied}) or any other
 * refusal of the request is {@code InvalidIdentityPoolConfigurationException} "Invalid identity pool configuration. Check
 * assigned IAM roles for this pool.", as Cognito answers for a role trust policy that does not let it in; an STS that
 * cannot be reached or fails is {@code InternalErrorException} (logged once).
 */
@ApplicationScoped
@Typed(ExternalCredentialVendor.class)
public class ExternalCredentialVendor implements CredentialVendor {

    private static final Logger LOG = Logger.getLogger(ExternalCredentialVendor.class);
    /** STS error codes that mean "this role, token or request is not acceptable": the pool's configuration. */
    private static final Set<String> CONFIGURATION_ERRORS = Set.of("AccessDenied", "InvalidIdentityToken", "IDPRejectedClaim",
            "ExpiredTokenException", "PackedPolicyTooLarge", "MalformedPolicyDocument", "RegionDisabledException", "ValidationError",
            "InvalidParameterValue");

    private final IdentityTokenIssuer tokens;
    private final CognateConfig.Credentials.External config;
    private final StsClient sts;

    public ExternalCredentialVendor(IdentityTokenIssuer tokens, CognateConfig config) {
        this.tokens = tokens;
        this.config = config.credentials().external();
        this.sts = StsClient.builder()
                .endpointOverride(URI.create(this.config.endpoint().orElseThrow(() -> new IllegalStateException(
                        CredentialVendors.MISSING_ENDPOINT))))
                .region(Region.of(this.config.region().orElse(config.region())))
                // AssumeRoleWithWebIdentity is unsigned: the web identity token is the proof
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(this.config.timeout())
                        .socketTimeout(this.config.timeout()).build())
                .overrideConfiguration(c -> c.apiCallTimeout(this.config.timeout().multipliedBy(3)))
                .build();
    }

    @Override
    public Uni<VendedCredentials> vend(Request request) {
        return tokens.issue(request.pool(), request.identityId(), request.logins(), request.principalTags())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                // the SDK's client blocks: never on the event loop
                .map(token -> sts.assumeRoleWithWebIdentity(AssumeRoleWithWebIdentityRequest.builder()
                        .roleArn(request.roleArn())
                        .roleSessionName(AssumedRole.SESSION_NAME)
                        .webIdentityToken(token)
                        .durationSeconds(config.durationSeconds().orElse(null))
                        .build()))
                .map(response -> {
                    Credentials credentials = response.credentials();
                    return new VendedCredentials(request.identityId(), credentials.accessKeyId(), credentials.secretAccessKey(),
                            credentials.sessionToken(), credentials.expiration());
                })
                .onFailure(SdkException.class).transform(ExternalCredentialVendor::asCognitoError);
    }

    /** An STS refusal or failure as the error Cognito's GetCredentialsForIdentity answers. */
    static CognitoException asCognitoError(Throwable failure) {
        if (failure instanceof software.amazon.awssdk.services.sts.model.StsException refused && refused.awsErrorDetails() != null
                && CONFIGURATION_ERRORS.contains(refused.awsErrorDetails().errorCode())) {
            LOG.infof("External STS refused AssumeRoleWithWebIdentity: %s %s", refused.awsErrorDetails().errorCode(),
                    refused.awsErrorDetails().errorMessage());
            return new CognitoException("InvalidIdentityPoolConfigurationException", RoleResolver.INVALID_CONFIGURATION);
        }
        LOG.errorf(failure, "External STS failed AssumeRoleWithWebIdentity");
        return CognitoException.internalError();
    }

    @PreDestroy
    void close() {
        sts.close();
    }
}
