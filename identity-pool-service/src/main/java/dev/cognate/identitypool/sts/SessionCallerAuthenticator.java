package dev.cognate.identitypool.sts;

import dev.cognate.awsprotocol.AwsJsonRequest;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.SigV4Verifier;
import dev.cognate.identitypool.repository.CredentialRevocationRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Optional;

/**
 * Who signed an STS request: the holder of credentials Cognate vended. The {@code X-Amz-Security-Token} is opened
 * ({@link SessionTokens}); its access key id must be the one in the signature's credential scope, it must not have
 * expired, and the SigV4 signature must verify with the secret sealed in it (libs/aws-protocol's verifier, which signs
 * with the AWS SDK's own signer). Then the identity must still stand (revocation). Failures are AWS STS's errors.
 */
@ApplicationScoped
public class SessionCallerAuthenticator {

    static final String SIGNING_NAME = "sts";

    private final SessionTokens tokens;
    private final Pool db;
    private final CredentialRevocationRepository revocations;
    private final Clock clock;

    public SessionCallerAuthenticator(SessionTokens tokens, Pool db, CredentialRevocationRepository revocations, Clock clock) {
        this.tokens = tokens;
        this.db = db;
        this.revocations = revocations;
        this.clock = clock;
    }

    /**
     * The caller, once the signature verified and the identity the credentials belong to still stands: it exists, is not
     * disabled, and its credentials were not revoked after these were issued (one read by primary key).
     *
     * @return the credentials, or a failure with {@link StsException} ({@code InvalidClientTokenId} for standing that is gone)
     */
    public Uni<SessionCredentials> authenticate(AwsJsonRequest request) {
        SessionCredentials session = verifySignature(request);
        return revocations.standing(db, session.identityId()).map(standing -> {
            if (standing.isEmpty() || standing.get().disabled() || (standing.get().credentialsRevokedBefore() != null
                    && !session.issuedAt().isAfter(standing.get().credentialsRevokedBefore()))) {
                throw StsException.invalidToken();
            }
            return session;
        });
    }

    /** @throws StsException when the request is not signed with valid, unexpired vended credentials */
    private SessionCredentials verifySignature(AwsJsonRequest request) {
        if (request.header("authorization").isEmpty()) {
            throw new StsException("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
        }
        SessionCredentials session = request.header("x-amz-security-token")
                .flatMap(tokens::open)
                .orElseThrow(StsException::invalidToken);
        if (!session.expiration().isAfter(clock.instant())) {
            throw new StsException("ExpiredToken", "The security token included in the request is expired", 400);
        }
        SigV4Verifier verifier = new SigV4Verifier(accessKeyId -> accessKeyId.equals(session.accessKeyId())
                ? Optional.of(session.secretAccessKey()) : Optional.empty(), clock);
        try {
            verifier.verify(request, SIGNING_NAME);
        } catch (CognitoException refused) {
            throw asStsError(refused);
        }
        return session;
    }

    /** The verifier's errors (named as the JSON APIs name them) as STS names them. */
    private static StsException asStsError(CognitoException refused) {
        return switch (refused.type()) {
            case "UnrecognizedClientException" -> StsException.invalidToken();
            case "IncompleteSignatureException" -> new StsException("IncompleteSignature", refused.getMessage(), 400);
            case "MissingAuthenticationTokenException" -> new StsException("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
            default -> new StsException("SignatureDoesNotMatch", refused.getMessage(), 403);
        };
    }
}
