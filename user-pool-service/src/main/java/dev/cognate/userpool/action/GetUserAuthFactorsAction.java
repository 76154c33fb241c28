package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.auth.UserAuthFactors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * GetUserAuthFactors (access token): the user's MFA settings as GetUser shows them ({@code PreferredMfaSetting},
 * {@code UserMFASettingList}) and the first factors of choice-based sign-in they can use now
 * ({@code ConfiguredUserAuthFactors}: PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN).
 */
@ApplicationScoped
public class GetUserAuthFactorsAction implements AwsAction<GetUserAuthFactorsAction.Request, GetUserAuthFactorsAction.Response> {

    public record Request(String accessToken) {
    }

    public record Response(String username, String preferredMfaSetting, List<String> userMFASettingList,
                           List<String> configuredUserAuthFactors) {
    }

    private final UserAuthFactors factors;

    public GetUserAuthFactorsAction(UserAuthFactors factors) {
        this.factors = factors;
    }

    @Override
    public String name() {
        return "GetUserAuthFactors";
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
        Validation.of().required("accessToken", request.accessToken()).throwIfInvalid();
        return factors.of(request.accessToken()).map(configured -> {
            AdminGetUserAction.Response user = AdminGetUserAction.response(configured.user());
            return new Response(user.username(), user.preferredMfaSetting(), user.userMFASettingList(), configured.factors());
        });
    }
}
