package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.AwsAction;

/**
 * One of Cognate's operator actions beyond Cognito ({@code X-Amz-Target: CognateAdmin.<Action>}): served on the same
 * {@code POST /} with the same SigV4 authorization as Cognito's actions, under a prefix of its own so that no Cognito
 * client can call one by accident.
 */
public interface CognateAdminAction<Q, R> extends AwsAction<Q, R> {

    /** The {@code X-Amz-Target} prefix of Cognate's operator actions. */
    String TARGET_PREFIX = "CognateAdmin";

    @Override
    default String targetPrefix() {
        return TARGET_PREFIX;
    }
}
