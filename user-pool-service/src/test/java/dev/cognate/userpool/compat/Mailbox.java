package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.events.MessageEvents;
import dev.cognate.secrets.MasterKeyCipher;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What a user would find in their mail: the code delivery requests a pool put on {@code cognate.messages} (read from
 * the outbox), each code opened with the test master key as trigger-runner opens it.
 */
public final class Mailbox {

    /** One delivered message, the code in clear. */
    public record Message(String type, String purpose, String medium, String destination, String sub, String code, String subject, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Mailbox() {
    }

    /** Every code message of the pool, oldest first. */
    public static List<Message> codes(Pool db, String poolId) {
        MasterKeyCipher cipher = new MasterKeyCipher(Optional.of(ConfigProvider.getConfig().getValue("cognate.master-key", String.class)));
        List<Message> messages = new ArrayList<>();
        db.preparedQuery("SELECT payload FROM outbox WHERE topic = 'cognate.messages' AND payload::jsonb->>'source' = $1"
                        + " AND payload::jsonb->>'type' = $2 ORDER BY id")
                .execute(Tuple.of("/userpools/" + poolId, MessageEvents.CODE_REQUESTED.name())).await().indefinitely()
                .forEach(row -> {
                    JsonNode data = read(row.getValue(0).toString()).path("data");
                    String code = cipher.decrypt(Base64.getDecoder().decode(data.path("sealedSecret").asText()),
                            MessageEvents.sealingContext(data.path("purpose").asText(), poolId, data.path("sub").asText()));
                    messages.add(new Message(MessageEvents.CODE_REQUESTED.name(), data.path("purpose").asText(), data.path("medium").asText(),
                            data.path("destination").asText(), data.path("sub").asText(), code, data.path("subject").asText(null),
                            data.path("message").asText()));
                });
        return messages;
    }

    /** The newest code sent to {@code destination}. */
    public static Message latest(Pool db, String poolId, String destination) {
        List<Message> to = codes(db, poolId).stream().filter(message -> message.destination().equals(destination)).toList();
        if (to.isEmpty()) {
            throw new AssertionError("no code was sent to " + destination);
        }
        return to.get(to.size() - 1);
    }

    /** The raw outbox payloads of the pool's messages, to check that no code travels in clear. */
    public static List<String> rawMessages(Pool db, String poolId) {
        List<String> rows = new ArrayList<>();
        db.preparedQuery("SELECT payload FROM outbox WHERE topic = 'cognate.messages' AND payload::jsonb->>'source' = $1 ORDER BY id")
                .execute(Tuple.of("/userpools/" + poolId)).await().indefinitely().forEach(row -> rows.add(row.getValue(0).toString()));
        return rows;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
