package dev.cognate.identitypool.sts;

import dev.cognate.awsprotocol.AwsJsonRequest;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.SigV4Verifier;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Optional;

/**
 * Who signed an STS request: the holder of credentials Cognate vended. The {@code X-Amz-Security-Token} is opened
 * ({@link SessionTokens}); its access key id must be the one in the signature's credential scope, it must not have
 * expired, and the SigV4 signature must verify with the secret sealed in it (libs/aws-protocol's verifier, which signs
 * with the AWS SDK's own signer). Failures are AWS STS's errors.
 */
@ApplicationScoped
public class SessionCallerAuthenticator {

    static final String SIGNING_NAME = "sts";

    private final SessionTokens tokens;
    private final Clock clock;

    public SessionCallerAuthenticator(SessionTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** @throws StsException when the request is not signed with valid, unexpired vended credentials */
    public SessionCredentials authenticate(AwsJsonRequest request) {
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
