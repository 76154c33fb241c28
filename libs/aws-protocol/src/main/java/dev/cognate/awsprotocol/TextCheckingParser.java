package dev.cognate.awsprotocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Refuses, while the body is bound, every string member and member name holding a character that is not text: NUL
 * and the other C0 control characters but tab, line feed and carriage return, and unpaired UTF-16 surrogates (a JSON
 * escape like {@code "\ud800"} decodes to one). They are valid JSON, so the binding would let them through, but no
 * Cognito member means them: NUL reached PostgreSQL (which refuses it in text) as a 500, and a lone surrogate cannot
 * be written back as UTF-8. Checked here, at the protocol edge, once for every action of both APIs.
 *
 * <p>The answer is Cognito's for a value outside a member's constraints, {@code InvalidParameterException} "1 validation
 * error detected: ...": Cognito's models give nearly every string member a pattern of printable classes
 * ({@code [\p{L}\p{M}\p{S}\p{N}\p{P}]+} and the like) that such a value fails. {@code SerializationException} stays what
 * it is in AWS: a body that is not JSON, or a member of the wrong JSON type.
 */
final class TextCheckingParser extends JsonParserDelegate {

    TextCheckingParser(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = super.nextToken();
        if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
            String text = token == JsonToken.FIELD_NAME ? currentName() : getText();
            if (!isText(text)) {
                throw new CognitoException("InvalidParameterException", "1 validation error detected: Value at '"
                        + path(token) + "' failed to satisfy constraint: Member must not contain NUL, other control "
                        + "characters or unpaired surrogates");
            }
        }
        return token;
    }

    // Jackson's deserializers also advance with these shortcuts; the delegate would pass them straight to the wrapped
    // parser, past the check, so each one goes through nextToken().

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
        return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
    }

    @Override
    public String nextTextValue() throws IOException {
        return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    static boolean isText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The member's path as AWS writes it in validation messages: lower-camel names, list elements as
     * {@code <n>.member} counting from 1 ({@code userAttributes.2.member.value}); a bad member name is reported at the
     * object that holds it.
     */
    private String path(JsonToken token) {
        Deque<String> parts = new ArrayDeque<>();
        JsonStreamContext context = getParsingContext();
        if (token == JsonToken.FIELD_NAME) {
            context = context.getParent();
        }
        for (; context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inArray()) {
                parts.addFirst((context.getCurrentIndex() + 1) + ".member");
            } else if (context.getCurrentName() != null) {
                parts.addFirst(lowerCamel(context.getCurrentName()));
            }
        }
        return parts.isEmpty() ? "request" : String.join(".", parts);
    }

    private static String lowerCamel(String name) {
        // a name that failed the check is not echoed: it holds the very characters a log or terminal must not see
        if (!isText(name)) {
            return "?";
        }
        return name.isEmpty() ? name : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }
}
