package dev.cognate.userpool.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.cognate.awsprotocol.AwsJson;
import dev.cognate.awsprotocol.CognitoException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /**
     * The body as {@code type}; an absent, non-object or malformed body, or a member of the wrong type → InvalidParameterException.
     * Every string member and member name is checked as the JSON API checks them ({@link AwsJson#textCheckingParser}): NUL,
     * other control characters and unpaired surrogates are refused with the same InvalidParameterException, so such text
     * never reaches the database from this edge either.
     */
    static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw CognitoException.invalidParameter("The request body must be a JSON object.");
        }
        try (JsonParser parser = AwsJson.textCheckingParser(READER, body.getBytes(StandardCharsets.UTF_8))) {
            T value = READER.readValue(parser, type);
            if (value == null) {
                throw CognitoException.invalidParameter("The request body must be a JSON object.");
            }
            return value;
        } catch (IOException e) {
            // Jackson wraps what the text check throws inside a nested member: that refusal is the answer.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof CognitoException refused) {
                    throw refused;
                }
            }
            if (e instanceof MismatchedInputException mismatch) {
                String member = mismatch.getPath().isEmpty() ? "request" : mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName();
                throw CognitoException.invalidParameter("Unexpected value type for member '" + member + "'.");
            }
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
