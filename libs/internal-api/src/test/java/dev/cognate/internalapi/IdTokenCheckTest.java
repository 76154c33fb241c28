package dev.cognate.internalapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON shape of the ServerSideTokenCheck route's request and answer. */
class IdTokenCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRequestCarriesSubSessionAndIssueTime() throws Exception {
        String json = JSON.writeValueAsString(new IdTokenCheck.Request("sub-1", "jti-1", 1700000000L));

        assertThat(json).isEqualTo("{\"sub\":\"sub-1\",\"originJti\":\"jti-1\",\"issuedAt\":1700000000}");
        assertThat(JSON.readValue(json, IdTokenCheck.Request.class)).isEqualTo(new IdTokenCheck.Request("sub-1", "jti-1", 1700000000L));
    }

    @Test
    void theAnswerIsOnlyItsStatus() throws Exception {
        assertThat(JSON.writeValueAsString(new IdTokenCheck.Answer(IdTokenCheck.TOKEN_REVOKED))).isEqualTo("{\"status\":\"TOKEN_REVOKED\"}");
        assertThat(JSON.readValue("{\"status\":\"ACTIVE\"}", IdTokenCheck.Answer.class).active()).isTrue();
        assertThat(JSON.readValue("{\"status\":\"USER_DISABLED\"}", IdTokenCheck.Answer.class).active()).isFalse();
    }
}
