package dev.cognate.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventTest {

    @Test
    void roundTripsAsCloudEventsJsonWithTypedData() {
        CloudEvent event = CloudEvent.of(UserPoolEvents.POOL_CREATED, CloudEvent.userPoolSource("us-east-1_abc"), null,
                new UserPoolEvents.PoolChanged("us-east-1_abc", "demo"));

        String json = EventJson.write(event);
        CloudEvent read = EventJson.read(json);

        assertThat(json).contains("\"specversion\":\"1.0\"", "\"type\":\"cognate.userpool.pool.created.v1\"",
                "\"source\":\"/userpools/us-east-1_abc\"", "\"datacontenttype\":\"application/json\"");
        assertThat(json).as("ISO-8601 time, as CloudEvents requires").containsPattern("\"time\":\"\\d{4}-\\d{2}-\\d{2}T");
        assertThat(read).isEqualTo(event);
        assertThat(read.dataAs(UserPoolEvents.POOL_CREATED)).isEqualTo(new UserPoolEvents.PoolChanged("us-east-1_abc", "demo"));
    }

    @Test
    void readsEventsWithMembersAddedByNewerProducers() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/userpools/p\",\"type\":\"cognate.userpool.pool.created.v1\","
                + "\"time\":\"2026-01-01T00:00:00Z\",\"newattribute\":\"x\",\"data\":{\"userPoolId\":\"p\",\"name\":\"n\",\"added\":1}}";
        assertThat(EventJson.read(json).dataAs(UserPoolEvents.POOL_CREATED).name()).isEqualTo("n");
    }

    @Test
    void refusesWhatIsNotACloudEvent() {
        assertThatThrownBy(() -> EventJson.read("{\"hello\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventJson.read("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventJson.read("{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("specversion");
    }

    @Test
    void refusesToReadDataAsAnotherType() {
        CloudEvent event = CloudEvent.of(UserPoolEvents.POOL_DELETED, "/userpools/p", null, new UserPoolEvents.PoolChanged("p", "n"));
        assertThatThrownBy(() -> event.dataAs(UserPoolEvents.POOL_CREATED)).isInstanceOf(IllegalArgumentException.class);
    }
}
