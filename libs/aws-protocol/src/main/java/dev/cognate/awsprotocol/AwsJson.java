package dev.cognate.awsprotocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The JSON mapping of the AWS JSON 1.1 protocol: members in UpperCamelCase (a record component
 * {@code userPoolId} is the wire member {@code UserPoolId}), absent members omitted, timestamps as
 * epoch seconds (a JSON number with milliseconds as fraction), unknown members ignored so newer
 * SDKs keep working, and no silent coercion of strings into numbers or booleans.
 */
public final class AwsJson {

    public static final ObjectMapper MAPPER = create();

    private AwsJson() {
    }

    /**
     * A parser over {@code body} for {@code mapper} that refuses, as the JSON API does, any string member or member name
     * holding NUL, another control character (but tab, line feed, carriage return) or an unpaired surrogate, with
     * {@code InvalidParameterException} (a {@link CognitoException}, possibly wrapped in Jackson's exception, whose
     * cause chain holds it). For other JSON edges of a service, e.g. an internal API, that must not let such text reach
     * the database.
     */
    public static JsonParser textCheckingParser(ObjectMapper mapper, byte[] body) throws IOException {
        return new TextCheckingParser(mapper.createParser(body));
    }

    private static ObjectMapper create() {
        SimpleModule timestamps = new SimpleModule("aws-epoch-seconds")
                .addSerializer(Instant.class, new EpochSecondsSerializer())
                .addDeserializer(Instant.class, new EpochSecondsDeserializer());
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(timestamps)
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    private static final class EpochSecondsSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeNumber(BigDecimal.valueOf(value.toEpochMilli()).movePointLeft(3));
        }
    }

    private static final class EpochSecondsDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT && parser.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            BigDecimal seconds = parser.getDecimalValue();
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        }
    }
}
