package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.CredentialsService;
import dev.cognate.identitypool.sts.VendedCredentials;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;

/**
 * GetCredentialsForIdentity (unsigned, as in AWS): temporary credentials of the role the pool chooses for the
 * identity, with the principal tags of its login, vended by the configured vendor (Cognate's STS or an external one); the
 * logins are verified again, as Cognito does.
 */
@ApplicationScoped
public class GetCredentialsForIdentityAction implements AwsAction<GetCredentialsForIdentityAction.Request, GetCredentialsForIdentityAction.Response> {

    public record Request(String identityId, Map<String, String> logins, String customRoleArn) {
    }

    public record Credentials(String accessKeyId, String secretKey, String sessionToken, Instant expiration) {
    }

    public record Response(String identityId, Credentials credentials) {
    }

    private final CredentialsService credentials;

    public GetCredentialsForIdentityAction(CredentialsService credentials) {
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return "GetCredentialsForIdentity";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public ActionAuthorization authorization() {
        return ActionAuthorization.NONE;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        Validation validation = IdentityRequests.identityId(Validation.of(), request.identityId())
                .length("customRoleArn", request.customRoleArn(), 20, 2048);
        IdentityRequests.logins(validation, request.logins()).throwIfInvalid();
        return credentials.credentialsForIdentity(request.identityId(), request.logins() == null ? Map.of() : request.logins(),
                        request.customRoleArn())
                .map(vended -> new Response(vended.identityId(), credentials(vended)));
    }

    private static Credentials credentials(VendedCredentials vended) {
        return new Credentials(vended.accessKeyId(), vended.secretAccessKey(), vended.sessionToken(), vended.expiration());
    }
}
