package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The groups-per-user quota check (cognate.quotas.groups-per-user), with exact values. */
class GroupMembershipServiceTest {

    @Test
    void allowsAGroupWhileTheUserIsBelowTheQuota() {
        assertThatCode(() -> GroupMembershipService.checkQuota(0, 100)).doesNotThrowAnyException();
        assertThatCode(() -> GroupMembershipService.checkQuota(99, 100)).doesNotThrowAnyException();
        assertThatCode(() -> GroupMembershipService.checkQuota(1, 2)).doesNotThrowAnyException();
    }

    @Test
    void refusesAGroupOnceTheUserIsAtTheQuota() {
        assertThatThrownBy(() -> GroupMembershipService.checkQuota(100, 100))
                .isInstanceOfSatisfying(CognitoException.class, e -> {
                    assertThat(e.type()).isEqualTo("LimitExceededException");
                    assertThat(e.getMessage()).isEqualTo("The user has reached its limit of 100 groups.");
                });
        assertThatThrownBy(() -> GroupMembershipService.checkQuota(2, 2)).isInstanceOf(CognitoException.class)
                .hasMessage("The user has reached its limit of 2 groups.");
        assertThatThrownBy(() -> GroupMembershipService.checkQuota(0, 0)).as("a quota of 0 allows no membership")
                .isInstanceOf(CognitoException.class);
    }
}
