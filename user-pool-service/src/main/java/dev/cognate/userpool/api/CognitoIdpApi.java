package dev.cognate.userpool.api;

import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.AwsJsonRoute;
import dev.cognate.awsprotocol.AwsService;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.config.ImportConfig;
import io.quarkus.arc.All;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * The Cognito IdP JSON API on {@code POST /}: every {@link AwsAction} bean of this service, dispatched by X-Amz-Target —
 * Cognito's actions ({@code AWSCognitoIdentityProviderService.*}) and Cognate's operator extensions
 * ({@code CognateAdmin.*}, see {@code action.CognateAdminAction}; same SigV4 authorization, larger body limit for whole pool files).
 */
@ApplicationScoped
public class CognitoIdpApi {

    private final List<AwsAction<?, ?>> actions;
    private final CognateConfig config;
    private final ImportConfig importConfig;

    public CognitoIdpApi(@All List<AwsAction<?, ?>> actions, CognateConfig config, ImportConfig importConfig) {
        this.actions = actions;
        this.config = config;
        this.importConfig = importConfig;
    }

    void mount(@Observes Router router) {
        AwsJsonRoute.mount(router, AwsService.COGNITO_IDENTITY_PROVIDER, actions, config.operator().accessKeys().orElse(List.of()),
                importConfig.maxUploadBytes());
    }
}
