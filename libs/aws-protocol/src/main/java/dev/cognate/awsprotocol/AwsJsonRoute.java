package dev.cognate.awsprotocol;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Mounts an {@link AwsJsonProtocol} on {@code POST /} of a Vert.x router, with the CORS answers the
 * browser SDKs (Amplify, amazon-cognito-identity-js, the JS SDK v3) need. A service calls
 * {@link #mount} from a {@code @Observes Router} method.
 */
public final class AwsJsonRoute {

    /** Request bodies above this size are refused (413) before they are read. Cognito's largest requests are far smaller. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final Set<String> ALLOWED_HEADERS = Set.of("content-type", "x-amz-target", "x-amz-user-agent",
            "cache-control", "authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256",
            "amz-sdk-invocation-id", "amz-sdk-request");
    private static final String BODY_LIMIT_KEY = AwsJsonRoute.class.getName() + ".bodyLimit";
    private static final String EXPOSED_HEADERS = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";

    private static final Logger LOG = Logger.getLogger(AwsJsonRoute.class);

    private AwsJsonRoute() {
    }

    /**
     * Mounts the JSON API of {@code service} with these actions, verifying SigV4 against the
     * configured operator keys ({@code accessKeyId:secretAccessKey} entries, see {@link OperatorKeys}).
     */
    public static void mount(Router router, AwsService service, Collection<? extends AwsAction<?, ?>> actions,
                             Collection<String> operatorKeyEntries) {
        mount(router, service, actions, operatorKeyEntries, MAX_BODY_BYTES);
    }

    /**
     * As {@link #mount(Router, AwsService, Collection, Collection)}, with a larger body limit for the actions of
     * extension prefixes ({@link AwsAction#targetPrefix()}, e.g. a whole user pool given to {@code CognateAdmin.ImportUserPool}).
     */
    public static void mount(Router router, AwsService service, Collection<? extends AwsAction<?, ?>> actions,
                             Collection<String> operatorKeyEntries, long extensionBodyLimit) {
        Map<String, String> keys = OperatorKeys.parse(operatorKeyEntries);
        if (keys.isEmpty()) {
            LOG.warnf("no operator access keys configured: every signed %s operator call will be refused", service.signingName());
        }
        mount(router, new AwsJsonProtocol(service, actions, SigV4Verifier.forKeys(keys)), extensionBodyLimit);
    }

    public static void mount(Router router, AwsJsonProtocol protocol) {
        mount(router, protocol, MAX_BODY_BYTES);
    }

    private static void mount(Router router, AwsJsonProtocol protocol, long extensionBodyLimit) {
        BodyHandler standard = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        BodyHandler extension = BodyHandler.create(false).setBodyLimit(Math.max(MAX_BODY_BYTES, extensionBodyLimit));
        String ownPrefix = protocol.service().targetPrefix() + ".";
        router.route(HttpMethod.OPTIONS, "/").order(-10).handler(AwsJsonRoute::preflight);
        router.route(HttpMethod.POST, "/").order(-10)
                .handler(context -> {
                    String target = context.request().getHeader("X-Amz-Target");
                    boolean own = target == null || target.startsWith(ownPrefix);
                    context.put(BODY_LIMIT_KEY, own ? MAX_BODY_BYTES : Math.max(MAX_BODY_BYTES, extensionBodyLimit));
                    (own ? standard : extension).handle(context);
                })
                .handler(context -> handle(context, protocol))
                .failureHandler(AwsJsonRoute::failed);
    }

    /**
     * A request the route could not hand to the protocol: the body handler's 413 (body over the limit, whether declared
     * by Content-Length or counted while streaming) or any other failure, answered as an AWS error, never as the
     * server's empty default page.
     */
    private static void failed(RoutingContext context) {
        if (context.response().headWritten()) {
            return;
        }
        refuse(context, context.statusCode() == 413
                ? CognitoException.requestTooLarge(limitOf(context))
                : CognitoException.internalError());
    }

    private static long limitOf(RoutingContext context) {
        Long limit = context.get(BODY_LIMIT_KEY);
        return limit == null ? MAX_BODY_BYTES : limit;
    }

    /** Answers {@code error} as the JSON API does ({@code {"__type","message"}}, its headers, CORS), before any action ran. */
    public static void refuse(RoutingContext context, CognitoException error) {
        AwsJsonResponse response = AwsJsonProtocol.refusal(error);
        HttpServerResponse out = context.response().setStatusCode(response.status());
        response.headers().forEach(out::putHeader);
        allowOrigin(out);
        if (response.status() == 413) {
            // the rest of the body is not read: the connection cannot carry another request
            out.putHeader("Connection", "close");
        }
        out.end(Buffer.buffer(response.body()));
    }

    private static void handle(RoutingContext context, AwsJsonProtocol protocol) {
        HttpServerRequest http = context.request();
        Buffer body = context.body().buffer();
        AwsJsonRequest request = new AwsJsonRequest(http.method().name(), http.path(), http.query(),
                headers(http), body == null ? new byte[0] : body.getBytes(),
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        protocol.handle(request).subscribe().with(response -> {
            HttpServerResponse out = context.response().setStatusCode(response.status());
            response.headers().forEach(out::putHeader);
            allowOrigin(out);
            out.end(Buffer.buffer(response.body()));
        }, context::fail);
    }

    private static void preflight(RoutingContext context) {
        HttpServerResponse out = context.response().setStatusCode(204);
        allowOrigin(out);
        out.putHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
        String requested = context.request().getHeader("Access-Control-Request-Headers");
        List<String> allowed = new ArrayList<>();
        if (requested != null) {
            for (String name : requested.split(",")) {
                String trimmed = name.trim().toLowerCase(Locale.ROOT);
                if (ALLOWED_HEADERS.contains(trimmed)) {
                    allowed.add(trimmed);
                }
            }
        }
        if (!allowed.isEmpty()) {
            out.putHeader("Access-Control-Allow-Headers", String.join(",", allowed));
        }
        out.putHeader("Access-Control-Max-Age", "86400");
        out.end();
    }

    private static void allowOrigin(HttpServerResponse out) {
        // As Cognito: any origin may call the JSON API; credentials are in the body or the signature, never cookies.
        out.putHeader("Access-Control-Allow-Origin", "*");
        out.putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }

    private static Map<String, List<String>> headers(HttpServerRequest http) {
        MultiMap headers = http.headers();
        Map<String, List<String>> byName = new HashMap<>();
        for (String name : headers.names()) {
            byName.put(name.toLowerCase(Locale.ROOT), headers.getAll(name));
        }
        // HTTP/2 carries the host as :authority, which the client signed as its "host" header.
        HostAndPort authority = http.authority();
        if (!byName.containsKey("host") && authority != null) {
            byName.put("host", List.of(authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port()));
        }
        return byName;
    }
}
