package dev.cognate.userpool.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.cognate.awsprotocol.AwsJson;
import dev.cognate.awsprotocol.CognitoException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JSON of the cluster-internal API ({@code /internal/v1/...}): lower-camel members, unknown members ignored, no
 * silent coercion of numbers into strings (the JSON API's rules, {@link AwsJson}); every error the body
 * {@code {"__type","message"}} the Cognito JSON API would answer, with {@code x-amzn-ErrorType} — 404 for
 * {@code ResourceNotFoundException} (an unknown client), 500 {@code InternalErrorException} only for real internal
 * errors (logged once, never shown). Bad JSON is an {@code InvalidParameterException}, never a 500.
 */
final class InternalJson {

    private static final Logger LOG = Logger.getLogger(InternalJson.class);
    private static final ObjectMapper READER = AwsJson.MAPPER.copy().setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE);

    private InternalJson() {
    }

    /** The body as {@code type}; an absent, non-object or malformed body, or a member of the wrong type → InvalidParameterException. */
    static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw CognitoException.invalidParameter("The request body must be a JSON object.");
        }
        try {
            T value = READER.readValue(body, type);
            if (value == null) {
                throw CognitoException.invalidParameter("The request body must be a JSON object.");
            }
            return value;
        } catch (MismatchedInputException e) {
            String member = e.getPath().isEmpty() ? "request" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw CognitoException.invalidParameter("Unexpected value type for member '" + member + "'.");
        } catch (JsonProcessingException e) {
            throw CognitoException.invalidParameter("The request body is not valid JSON.");
        }
    }

    /** Runs {@code work} and answers 200 with its JSON, or the error's {@code {"__type","message"}}. */
    static Uni<Response> answer(Supplier<Uni<?>> work) {
        return Uni.createFrom().deferred(work)
                .map(entity -> Response.ok(entity).type(MediaType.APPLICATION_JSON_TYPE).build())
                .onFailure().recoverWithItem(InternalJson::error);
    }

    static Response error(Throwable failure) {
        CognitoException error;
        if (failure instanceof CognitoException known) {
            error = known;
        } else {
            LOG.errorf(failure, "internal API request failed unexpectedly");
            error = CognitoException.internalError();
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", error.type());
        body.put("message", error.getMessage());
        int status = "ResourceNotFoundException".equals(error.type()) ? 404 : error.httpStatus();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).header("x-amzn-ErrorType", error.type()).entity(body).build();
    }
}
