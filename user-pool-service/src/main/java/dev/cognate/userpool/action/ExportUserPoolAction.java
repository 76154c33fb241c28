package dev.cognate.userpool.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.PoolExportService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code CognateAdmin.ExportUserPool} (beyond Cognito): one page of a pool's export file (JSON lines, see
 * {@code domain/PoolFile}) in {@code Lines}; the first page holds the configuration and the first users, each
 * {@code NextToken} the next users. Secrets (client secrets, identity providers' client_secret/private_key) are in
 * clear only with {@code IncludeClientSecrets: true}.
 */
@ApplicationScoped
public class ExportUserPoolAction implements CognateAdminAction<ExportUserPoolAction.Request, ExportUserPoolAction.Response> {

    public record Request(String userPoolId, Boolean includeClientSecrets, String nextToken, Integer maxUsers) {
    }

    /** @param lines JSON lines, each ending with a newline, to append to the file in page order */
    public record Response(String lines, String nextToken) {
    }

    static final int DEFAULT_MAX_USERS = 500;
    static final int MAX_USERS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PoolExportService service;

    public ExportUserPoolAction(PoolExportService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ExportUserPool";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        Validation validation = UserPoolRequests.userPoolId(Validation.of(), request.userPoolId());
        if (request.maxUsers() != null) {
            validation.range("maxUsers", request.maxUsers(), 1, MAX_USERS);
        }
        validation.throwIfInvalid();
        return service.exportUserPool(request.userPoolId(), Boolean.TRUE.equals(request.includeClientSecrets()), request.nextToken(),
                        request.maxUsers() == null ? DEFAULT_MAX_USERS : request.maxUsers())
                .map(page -> {
                    StringBuilder lines = new StringBuilder();
                    page.items().forEach(line -> lines.append(write(line)).append('\n'));
                    return new Response(lines.toString(), page.nextToken());
                });
    }

    private static String write(ObjectNode line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
