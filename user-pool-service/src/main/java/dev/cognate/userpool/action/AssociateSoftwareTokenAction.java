package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.auth.SoftwareTokenSetup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * AssociateSoftwareToken: a new TOTP seed ({@code SecretCode}, base32) for the signed-in user ({@code AccessToken}) or
 * for the user of a sign-in waiting for MFA_SETUP ({@code Session}, answered with the next {@code Session}).
 */
@ApplicationScoped
public class AssociateSoftwareTokenAction implements AwsAction<AssociateSoftwareTokenAction.Request, AssociateSoftwareTokenAction.Response> {

    public record Request(String accessToken, String session) {
    }

    public record Response(String secretCode, String session) {
    }

    private final SoftwareTokenSetup setup;

    public AssociateSoftwareTokenAction(SoftwareTokenSetup setup) {
        this.setup = setup;
    }

    @Override
    public String name() {
        return "AssociateSoftwareToken";
    }

    @Override
    public ActionAuthorization authorization() {
        return ActionAuthorization.ACCESS_TOKEN;
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        SoftwareTokenRequests.session(Validation.of(), request.session()).throwIfInvalid();
        SoftwareTokenRequests.requireOne(request.accessToken(), request.session());
        return setup.associate(request.accessToken(), request.session())
                .map(associated -> new Response(associated.secretCode(), associated.session()));
    }
}
