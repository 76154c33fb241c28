package dev.cognate.identitypool.api;

import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.AwsJsonRoute;
import dev.cognate.awsprotocol.AwsService;
import dev.cognate.identitypool.config.CognateConfig;
import io.quarkus.arc.All;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * The Cognito Identity JSON API on {@code POST /} ({@code X-Amz-Target: AWSCognitoIdentityService.<Action>},
 * SigV4 service {@code cognito-identity}): every {@link AwsAction} bean of this service.
 */
@ApplicationScoped
public class CognitoIdentityApi {

    private final List<AwsAction<?, ?>> actions;
    private final CognateConfig config;

    public CognitoIdentityApi(@All List<AwsAction<?, ?>> actions, CognateConfig config) {
        this.actions = actions;
        this.config = config;
    }

    void mount(@Observes Router router) {
        AwsJsonRoute.mount(router, AwsService.COGNITO_IDENTITY, actions, config.operator().accessKeys().orElse(List.of()));
    }
}
