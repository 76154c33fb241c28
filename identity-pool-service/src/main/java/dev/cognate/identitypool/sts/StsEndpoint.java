package dev.cognate.identitypool.sts;

import dev.cognate.awsprotocol.AwsJsonRequest;
import dev.cognate.awsprotocol.AwsJsonRoute;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Cognate's STS: the AWS Query protocol (form-encoded {@code Action=…&Version=2011-06-15}, XML answers and errors) on
 * {@code POST /sts}, and on {@code POST /} for form posts (the JSON API there takes every other content type), so an
 * SDK's STS client works with the service's root URL as its endpoint too.
 * <p>{@code GetCallerIdentity}: who holds the vended credentials the request is signed with.
 * {@code AssumeRoleWithWebIdentity} (unsigned, as in AWS): credentials for an identity OpenID token (the classic flow).
 */
@ApplicationScoped
public class StsEndpoint {

    public static final String PATH = "/sts";
    static final String VERSION = "2011-06-15";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Logger LOG = Logger.getLogger(StsEndpoint.class);

    private final SessionCallerAuthenticator authenticator;
    private final AssumeRoleWithWebIdentity assumeRoleWithWebIdentity;

    public StsEndpoint(SessionCallerAuthenticator authenticator, AssumeRoleWithWebIdentity assumeRoleWithWebIdentity) {
        this.authenticator = authenticator;
        this.assumeRoleWithWebIdentity = assumeRoleWithWebIdentity;
    }

    void mount(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(AwsJsonRoute.MAX_BODY_BYTES);
        router.route(HttpMethod.POST, PATH).order(-20).handler(body).handler(this::handle);
        // before the JSON API's route on "/" (order -10), for form posts only
        router.route(HttpMethod.POST, "/").order(-20).consumes(FORM).handler(body).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        String requestId = UUID.randomUUID().toString();
        Uni.createFrom().deferred(() -> dispatch(context.request(), context.body().buffer(), requestId))
                .subscribe().with(xml -> respond(context, 200, xml, requestId), failure -> {
                    StsException error;
                    if (failure instanceof StsException sts) {
                        error = sts;
                    } else {
                        LOG.errorf(failure, "STS request %s failed", requestId);
                        error = new StsException("InternalFailure", "The request processing has failed because of an unknown error.", 500);
                    }
                    respond(context, error.status(), StsXml.error(error, requestId), requestId);
                });
    }

    private static void respond(RoutingContext context, int status, String xml, String requestId) {
        context.response().setStatusCode(status)
                .putHeader("Content-Type", StsXml.CONTENT_TYPE)
                .putHeader("x-amzn-RequestId", requestId)
                .end(xml);
    }

    private Uni<String> dispatch(HttpServerRequest http, Buffer buffer, String requestId) {
        byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
        Map<String, String> parameters = form(new String(body, StandardCharsets.UTF_8));
        String action = parameters.get("Action");
        if (action == null) {
            throw new StsException("MissingAction", "Missing Action", 400);
        }
        String version = parameters.get("Version");
        if (version != null && !VERSION.equals(version)) {
            throw new StsException("InvalidAction", "Could not find operation " + action + " for version " + version, 400);
        }
        AwsJsonRequest request = new AwsJsonRequest(http.method().name(), http.path(), http.query(), headers(http), body,
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        return switch (action) {
            case "GetCallerIdentity" -> authenticator.authenticate(request).map(caller -> {
                AssumedRole role = AssumedRole.of(caller.roleArn());
                return StsXml.getCallerIdentity(role.arn(caller.sessionName()), role.userId(caller.sessionName()), role.account(), requestId);
            });
            case "AssumeRoleWithWebIdentity" -> assumeRoleWithWebIdentity.execute(parameters, requestId);
            default -> throw new StsException("InvalidAction", "Could not find operation " + action + " for version " + VERSION, 400);
        };
    }

    /** The form's parameters; a repeated name keeps its first value. */
    static Map<String, String> form(String body) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static Map<String, List<String>> headers(HttpServerRequest http) {
        MultiMap headers = http.headers();
        Map<String, List<String>> byName = new HashMap<>();
        for (String name : headers.names()) {
            byName.put(name.toLowerCase(Locale.ROOT), headers.getAll(name));
        }
        HostAndPort authority = http.authority();
        if (!byName.containsKey("host") && authority != null) {
            byName.put("host", List.of(authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port()));
        }
        return byName;
    }
}
