package dev.cognate.awsprotocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The x-amz-json-1.1 protocol of one AWS API, once: picks the action named by
 * {@code X-Amz-Target}, checks the caller's authorization, binds the JSON body to the action's
 * request record, runs it, and writes the response or the {@code {"__type","message"}} error with
 * {@code x-amzn-ErrorType}. Every response carries {@code x-amzn-RequestId}. Unknown targets, bad
 * JSON and unexpected failures all become AWS errors, never an HTML page or a stack trace.
 */
public final class AwsJsonProtocol {

    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Logger LOG = Logger.getLogger(AwsJsonProtocol.class);

    private final AwsService service;
    private final Map<String, AwsAction<?, ?>> actions;
    private final SigV4Verifier verifier;

    public AwsJsonProtocol(AwsService service, Collection<? extends AwsAction<?, ?>> actions, SigV4Verifier verifier) {
        this.service = service;
        this.actions = actions.stream().collect(Collectors.toUnmodifiableMap(this::target, Function.identity(), (a, b) -> {
            throw new IllegalStateException("two actions named " + target(a));
        }));
        this.verifier = verifier;
    }

    public AwsService service() {
        return service;
    }

    /** Handles one request; the returned {@link Uni} never fails: every error is an AWS error response. */
    public Uni<AwsJsonResponse> handle(AwsJsonRequest request) {
        String requestId = UUID.randomUUID().toString();
        return Uni.createFrom().deferred(() -> dispatch(request, requestId))
                .map(body -> respond(200, requestId, Map.of(), body))
                .onFailure().recoverWithItem(failure -> error(requestId, failure));
    }

    private Uni<byte[]> dispatch(AwsJsonRequest request, String requestId) {
        AwsAction<?, ?> action = resolve(request.header("x-amz-target").orElse(null));
        String accessKeyId = action.authorization() == ActionAuthorization.SIGV4
                ? verifier.verify(request, service.signingName())
                : null;
        ActionContext context = new ActionContext(requestId, accessKeyId, request.sourceIp(), request.header("user-agent").orElse(null));
        return run(action, request.body(), context);
    }

    private AwsAction<?, ?> resolve(String target) {
        if (target == null || target.isBlank()) {
            throw new CognitoException("UnknownOperationException", "Missing X-Amz-Target header: expected " + service.targetPrefix() + ".<Action>");
        }
        String prefix = service.targetPrefix() + ".";
        AwsAction<?, ?> action = actions.get(target);
        if (action == null) {
            throw new CognitoException("UnknownOperationException",
                    "Unknown or not yet implemented operation: " + target + " (this endpoint serves " + prefix + "<Action>)");
        }
        return action;
    }

    /** The full {@code X-Amz-Target} of an action: its own prefix (an extension) or the service's, then its name. */
    private String target(AwsAction<?, ?> action) {
        return (action.targetPrefix() != null ? action.targetPrefix() : service.targetPrefix()) + "." + action.name();
    }

    private static <I, O> Uni<byte[]> run(AwsAction<I, O> action, byte[] body, ActionContext context) {
        I input = bind(action.requestType(), body);
        return action.execute(input, context).map(AwsJsonProtocol::write);
    }

    private static <I> I bind(Class<I> type, byte[] body) {
        if (body == null || body.length == 0) {
            body = "{}".getBytes(StandardCharsets.UTF_8);
        }
        try {
            I input;
            try (TextCheckingParser parser = new TextCheckingParser(AwsJson.MAPPER.createParser(body))) {
                input = AwsJson.MAPPER.readValue(parser, type);
            }
            if (input == null) {
                throw new CognitoException("SerializationException", "The request body must be a JSON object.");
            }
            return input;
        } catch (MismatchedInputException e) {
            rethrowRefusedText(e);
            String member = e.getPath().isEmpty() ? "request" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new CognitoException("SerializationException", "Unexpected value type for member '" + member + "'.");
        } catch (JsonProcessingException e) {
            rethrowRefusedText(e);
            throw new CognitoException("SerializationException", "The request body is not valid JSON.");
        } catch (IOException e) {
            throw new CognitoException("SerializationException", "The request body could not be read.");
        }
    }

    /** Jackson wraps what {@link TextCheckingParser} throws inside a nested member; that refusal is the answer. */
    private static void rethrowRefusedText(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CognitoException refused) {
                throw refused;
            }
        }
    }

    private static byte[] write(Object output) {
        try {
            return output == null ? "{}".getBytes(StandardCharsets.UTF_8) : AwsJson.MAPPER.writeValueAsBytes(output);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }

    /**
     * The response of a request refused before it reached an action (e.g. a body over the route's limit): the same
     * {@code {"__type","message"}}, {@code x-amzn-ErrorType} and a fresh {@code x-amzn-RequestId}.
     */
    public static AwsJsonResponse refusal(CognitoException error) {
        return errorResponse(UUID.randomUUID().toString(), error);
    }

    private AwsJsonResponse error(String requestId, Throwable failure) {
        CognitoException error;
        if (failure instanceof CognitoException known) {
            error = known;
        } else {
            LOG.errorf(failure, "request %s failed unexpectedly", requestId);
            error = CognitoException.internalError();
        }
        return errorResponse(requestId, error);
    }

    private static AwsJsonResponse errorResponse(String requestId, CognitoException error) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", error.type());
        body.put("message", error.getMessage());
        return respond(error.httpStatus(), requestId, Map.of("x-amzn-ErrorType", error.type()), write(body));
    }

    private static AwsJsonResponse respond(int status, String requestId, Map<String, String> extraHeaders, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("x-amzn-RequestId", requestId);
        // SDKs correct their clock skew from Date when a signature is refused as expired.
        headers.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        headers.putAll(extraHeaders);
        return new AwsJsonResponse(status, headers, body);
    }
}
