package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.DeveloperIdentityService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;

/**
 * GetOpenIdTokenForDeveloperIdentity (signed): the identity of a developer user identifier (the {@code Logins} entry
 * of the pool's {@code DeveloperProviderName}) and other logins, created or found, or the given {@code IdentityId}
 * they are linked to; and its identity token, valid {@code TokenDuration} (1–86400 s, default 15 minutes), with
 * {@code PrincipalTags}.
 */
@ApplicationScoped
public class GetOpenIdTokenForDeveloperIdentityAction implements AwsAction<GetOpenIdTokenForDeveloperIdentityAction.Request, GetOpenIdTokenForDeveloperIdentityAction.Response> {

    /** Cognito's default {@code TokenDuration}: 15 minutes. */
    static final long DEFAULT_TOKEN_DURATION_SECONDS = 900;

    public record Request(String identityPoolId, String identityId, Map<String, String> logins, Map<String, String> principalTags,
                          Long tokenDuration) {
    }

    public record Response(String identityId, String token) {
    }

    private final DeveloperIdentityService developerIdentities;

    public GetOpenIdTokenForDeveloperIdentityAction(DeveloperIdentityService developerIdentities) {
        this.developerIdentities = developerIdentities;
    }

    @Override
    public String name() {
        return "GetOpenIdTokenForDeveloperIdentity";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<GetOpenIdTokenForDeveloperIdentityAction.Response> execute(Request request, ActionContext context) {
        Validation validation = IdentityPoolRequests.identityPoolId(Validation.of(), request.identityPoolId())
                .required("logins", request.logins())
                .range("tokenDuration", request.tokenDuration(), 1, 86400);
        if (request.identityId() != null) {
            IdentityRequests.identityId(validation, request.identityId());
        }
        DeveloperIdentityRequests.tags(validation, "principalTags", request.principalTags(), DeveloperIdentityRequests.MAX_PRINCIPAL_TAGS, 1);
        IdentityRequests.logins(validation, request.logins()).throwIfInvalid();
        if (request.logins().isEmpty()) {
            // the API reference sets no minimum; an identity token for nobody is refused (Cognate's wording)
            throw CognitoException.invalidParameter("Logins must hold the developer provider's user identifier or a login token.");
        }
        Duration duration = Duration.ofSeconds(request.tokenDuration() == null ? DEFAULT_TOKEN_DURATION_SECONDS : request.tokenDuration());
        return developerIdentities.openIdToken(request.identityPoolId(), request.identityId(), request.logins(), request.principalTags(), duration)
                .map(token -> new Response(token.identityId(), token.token()));
    }
}
