package dev.cognate.identitypool.sts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How a role session of vended credentials is named, as AWS names Cognito's (enhanced flow; the classic flow names
 * the session after AssumeRoleWithWebIdentity's {@code RoleSessionName}):
 * {@code arn:aws:sts::<account>:assumed-role/<role name>/CognitoIdentityCredentials}, user id
 * {@code AROA…:CognitoIdentityCredentials}.
 */
public record AssumedRole(String account, String roleName, String roleId) {

    public static final String SESSION_NAME = "CognitoIdentityCredentials";
    private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** The role of {@code arn:aws:iam::<account>:role/<path/>name}; the role id is derived from the ARN, stable per role. */
    public static AssumedRole of(String roleArn) {
        String[] parts = roleArn.split(":", 6);
        String account = parts.length == 6 ? parts[4] : "";
        String resource = parts.length == 6 ? parts[5] : roleArn;
        String roleName = resource.substring(resource.lastIndexOf('/') + 1);
        return new AssumedRole(account, roleName, "AROA" + base32(sha256(roleArn), 17));
    }

    public String arn(String sessionName) {
        return "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
    }

    public String userId(String sessionName) {
        return roleId + ":" + sessionName;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base32(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(ID_ALPHABET[(bytes[i] & 0xff) % ID_ALPHABET.length]);
        }
        return text.toString();
    }
}
