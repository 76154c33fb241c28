package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.PoolImportService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * {@code CognateAdmin.ImportUserPool} (beyond Cognito): the JSON lines of an export ({@code Lines}) become a new pool,
 * all or nothing. Answers the new pool id and the new id of every exported client ({@code ClientIds}: old → new).
 * A bad line is refused with {@code InvalidParameterException} "Line N: ..." and nothing is created.
 */
@ApplicationScoped
public class ImportUserPoolAction implements CognateAdminAction<ImportUserPoolAction.Request, ImportUserPoolAction.Response> {

    /** @param poolName the new pool's name; the file's when omitted */
    public record Request(String lines, String poolName) {
    }

    public record Response(String userPoolId, String poolName, Map<String, String> clientIds, List<String> clientsWithNewSecret,
                           List<String> skippedDomains, Counts imported) {
    }

    public record Counts(int resourceServers, int identityProviders, int domains, int clients, int groups, int users) {
    }

    private final PoolImportService service;

    public ImportUserPoolAction(PoolImportService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ImportUserPool";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        Validation validation = Validation.of().required("lines", request.lines());
        if (request.poolName() != null) {
            UserPoolRequests.poolName(validation, request.poolName());
        }
        validation.throwIfInvalid();
        return service.importUserPool(request.lines(), request.poolName())
                .map(result -> new Response(result.userPoolId(), result.poolName(), result.clientIds(), result.clientsWithNewSecret(),
                        result.skippedDomains(), new Counts(result.resourceServers(), result.identityProviders(), result.domains(),
                                result.clients(), result.groups(), result.users())));
    }
}
