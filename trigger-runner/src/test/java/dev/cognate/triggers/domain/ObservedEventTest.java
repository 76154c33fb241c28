package dev.cognate.triggers.domain;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.UserPoolEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservedEventTest {

    @Test
    void takesThePoolIdFromTheSource() {
        CloudEvent event = CloudEvent.of(UserPoolEvents.POOL_CREATED, CloudEvent.userPoolSource("us-east-1_AbCdEfGh1"), null,
                new UserPoolEvents.PoolChanged("us-east-1_AbCdEfGh1", "pool"));

        assertThat(ObservedEvent.of(event))
                .isEqualTo(new ObservedEvent(event.id(), "cognate.userpool.pool.created.v1", "us-east-1_AbCdEfGh1"));
    }

    @Test
    void rejectsEventsThatAreNotFromAUserPool() {
        for (String source : new String[] {"/identitypools/us-east-1:abc", "/userpools/", "/userpools/a/b", "userpools/x"}) {
            CloudEvent event = new CloudEvent("1.0", "id-1", source, "cognate.userpool.pool.created.v1", null,
                    Instant.now(), "application/json", null);
            assertThatThrownBy(() -> ObservedEvent.of(event)).as(source).isInstanceOf(MalformedEventException.class);
        }
    }

    @Test
    void rejectsAnEmptyId() {
        CloudEvent event = new CloudEvent("1.0", " ", "/userpools/p1", "t", null, Instant.now(), "application/json", null);
        assertThatThrownBy(() -> ObservedEvent.of(event)).isInstanceOf(MalformedEventException.class);
    }
}
