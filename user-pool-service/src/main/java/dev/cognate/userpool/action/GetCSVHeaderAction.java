package dev.cognate.userpool.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserImportJobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * GetCSVHeader: the columns of a user import CSV for the pool, as Cognito lists them — the standard attributes
 * {@code name} … {@code updated_at}, the pool's custom attributes, then {@code cognito:mfa_enabled} and {@code cognito:username}.
 */
@ApplicationScoped
public class GetCSVHeaderAction implements AwsAction<GetCSVHeaderAction.Request, GetCSVHeaderAction.Response> {

    public record Request(String userPoolId) {
    }

    public record Response(String userPoolId, @JsonProperty("CSVHeader") List<String> csvHeader) {
    }

    private final UserImportJobService service;

    public GetCSVHeaderAction(UserImportJobService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetCSVHeader";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId()).throwIfInvalid();
        return service.csvHeader(request.userPoolId()).map(header -> new Response(request.userPoolId(), header));
    }
}
