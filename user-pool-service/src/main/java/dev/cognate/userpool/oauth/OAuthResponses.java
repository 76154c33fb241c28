package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * The answers of the OAuth 2.0 endpoints: JSON, never cached ({@code Cache-Control: no-store}, {@code Pragma: no-cache},
 * RFC 6749 §5.1), errors as {@code {"error", "error_description"}}. Anything unexpected becomes a
 * {@code server_error} with a generic description, the cause logged once.
 */
public final class OAuthResponses {

    private static final Logger LOG = Logger.getLogger(OAuthResponses.class);

    private OAuthResponses() {
    }

    public static Response ok(Object body) {
        return noStore(Response.ok(body, MediaType.APPLICATION_JSON_TYPE)).build();
    }

    /** RFC 7009 §2.2: a revocation answers 200 with an empty body. */
    public static Response empty() {
        return noStore(Response.ok()).build();
    }

    public static Response error(OAuthException error) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", error.error());
        if (error.description() != null) {
            body.put("error_description", error.description());
        }
        Response.ResponseBuilder builder = noStore(Response.status(error.status()).entity(body).type(MediaType.APPLICATION_JSON_TYPE));
        if (error.wwwAuthenticate() != null) {
            builder.header("WWW-Authenticate", error.wwwAuthenticate());
        }
        return builder.build();
    }

    /** An {@link OAuthException} as it is; anything else a logged 500 {@code server_error}. */
    public static Response failure(Throwable failure) {
        if (failure instanceof OAuthException oauth) {
            return error(oauth);
        }
        LOG.errorf(failure, "OAuth endpoint failed: %s", failure.getClass().getName());
        return error(new OAuthException(500, "server_error", "The server could not complete the request.", null));
    }

    /**
     * A Cognito error of a reused service, in OAuth's words: {@code NotAuthorizedException} is {@code invalid_grant}. A
     * PreTokenGeneration failure keeps Cognito's message as the description: the function's refusal
     * ({@code UserLambdaValidationException}) is {@code invalid_grant} (400: this grant gets no tokens); a function that
     * answered nonsense ({@code InvalidLambdaResponseException}) is a 500 {@code server_error}; one that did not answer
     * ({@code UnexpectedLambdaException}) a 503 {@code temporarily_unavailable} (RFC 6749 §4.1.2.1's codes: the client
     * may try again later).
     */
    public static Throwable grantFailure(Throwable failure) {
        if (!(failure instanceof CognitoException cognito)) {
            return failure;
        }
        return switch (cognito.type()) {
            case "NotAuthorizedException", "UserLambdaValidationException" -> OAuthException.invalidGrant(cognito.getMessage());
            case "InvalidLambdaResponseException" -> new OAuthException(500, "server_error", cognito.getMessage(), null);
            case "UnexpectedLambdaException" -> new OAuthException(503, "temporarily_unavailable", cognito.getMessage(), null);
            default -> failure;
        };
    }

    private static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
        return builder.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }
}
