package dev.cognate.triggers.invoke;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Standard Webhooks signatures (standardwebhooks.com, the spec the Svix libraries implement): the signed content is
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, signed with HMAC-SHA256 under the secret's bytes (the base64 after
 * {@code whsec_}); the {@code webhook-signature} header is {@code v1,<base64 signature>}. Receivers check it with any
 * Standard Webhooks library and refuse timestamps too far from now.
 */
public final class WebhookSigner {

    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSigner() {
    }

    /** The {@code webhook-signature} header value for one request. */
    public static String signature(String secret, String id, long timestampSeconds, String body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
