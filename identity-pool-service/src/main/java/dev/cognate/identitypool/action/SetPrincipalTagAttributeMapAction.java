package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.identitypool.domain.PrincipalTagAttributeMap;
import dev.cognate.identitypool.service.PrincipalTagService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * SetPrincipalTagAttributeMap: which claims of a provider's logins become principal tags of the credentials —
 * Cognito's defaults ({@code UseDefaults}: {@code client} ← {@code aud}, {@code username} ← {@code sub}) or a custom map
 * (tag key → claim name). Replaces the provider's map; the response echoes it.
 */
@ApplicationScoped
public class SetPrincipalTagAttributeMapAction implements AwsAction<SetPrincipalTagAttributeMapAction.Request, PrincipalTagAttributeMapResponse> {

    public record Request(String identityPoolId, String identityProviderName, Boolean useDefaults, Map<String, String> principalTags) {
    }

    private final PrincipalTagService service;

    public SetPrincipalTagAttributeMapAction(PrincipalTagService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SetPrincipalTagAttributeMap";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<PrincipalTagAttributeMapResponse> execute(Request request, ActionContext context) {
        PrincipalTagRequests.principalTags(PrincipalTagRequests.poolAndProvider(request.identityPoolId(), request.identityProviderName()),
                request.principalTags()).throwIfInvalid();
        return service.set(new PrincipalTagAttributeMap(request.identityPoolId(), request.identityProviderName(),
                        Boolean.TRUE.equals(request.useDefaults()), request.principalTags()))
                .map(PrincipalTagAttributeMapResponse::of);
    }
}
