package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.auth.SoftwareTokenSetup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Pattern;

/**
 * VerifySoftwareToken: the first code of the authenticator AssociateSoftwareToken gave, for the signed-in user
 * ({@code AccessToken}) or during MFA_SETUP ({@code Session}, answered with the next {@code Session}); {@code Status}
 * SUCCESS, or Cognito's {@code EnableSoftwareTokenMFAException} for a code that does not match.
 */
@ApplicationScoped
public class VerifySoftwareTokenAction implements AwsAction<VerifySoftwareTokenAction.Request, VerifySoftwareTokenAction.Response> {

    private static final Pattern USER_CODE = Pattern.compile("[0-9]+");

    public record Request(String accessToken, String session, String userCode, String friendlyDeviceName) {
    }

    public record Response(String status, String session) {
    }

    private final SoftwareTokenSetup setup;

    public VerifySoftwareTokenAction(SoftwareTokenSetup setup) {
        this.setup = setup;
    }

    @Override
    public String name() {
        return "VerifySoftwareToken";
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
        SoftwareTokenRequests.session(Validation.of(), request.session())
                .required("userCode", request.userCode())
                .length("userCode", request.userCode(), 6, 6)
                .pattern("userCode", request.userCode(), USER_CODE)
                .throwIfInvalid();
        SoftwareTokenRequests.requireOne(request.accessToken(), request.session());
        return setup.verify(request.accessToken(), request.session(), request.userCode(), request.friendlyDeviceName())
                .map(verified -> new Response(verified.status(), verified.session()));
    }
}
