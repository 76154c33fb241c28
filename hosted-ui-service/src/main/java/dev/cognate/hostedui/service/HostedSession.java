package dev.cognate.hostedui.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A browser's sign-in to one user pool through the hosted UI (Cognito's hosted-UI session cookie).
 *
 * @param authTime when the user typed the password (epoch seconds): {@code auth_time}, checked against {@code max_age}
 * @param created  when the session was created (epoch seconds), for the absolute timeout
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostedSession(String poolId, String sub, String username, long authTime, long created) {
}
