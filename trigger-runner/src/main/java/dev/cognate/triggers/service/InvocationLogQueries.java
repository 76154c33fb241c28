package dev.cognate.triggers.service;

import dev.cognate.internalapi.TriggerInvocationLog;
import dev.cognate.triggers.repository.InvocationLogRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Pages of a pool's invocation log, newest first. The {@code nextToken} is opaque to callers: base64url of
 * {@code v1:<id>}, the row id the next page starts below (a keyset, so rows written meanwhile neither repeat nor
 * shift a page).
 */
@ApplicationScoped
public class InvocationLogQueries {

    private static final Pattern TOKEN = Pattern.compile("v1:(\\d{1,18})");
    private static final Pattern TRIGGER = Pattern.compile("[A-Za-z]{1,64}");

    private final InvocationLogRepository repository;

    public InvocationLogQueries(InvocationLogRepository repository) {
        this.repository = repository;
    }

    /** Thrown for a parameter out of range or a token this service did not make. */
    public static final class InvalidQueryException extends IllegalArgumentException {
        InvalidQueryException(String message) {
            super(message);
        }
    }

    public Uni<TriggerInvocationLog.Page> page(String userPoolId, String trigger, Integer maxResults, String nextToken) {
        int limit = maxResults == null ? TriggerInvocationLog.MAX_RESULTS : maxResults;
        if (limit < 1 || limit > TriggerInvocationLog.MAX_RESULTS) {
            throw new InvalidQueryException("maxResults must be between 1 and " + TriggerInvocationLog.MAX_RESULTS);
        }
        if (trigger != null && !TRIGGER.matcher(trigger).matches()) {
            throw new InvalidQueryException("trigger must be a LambdaConfig member name");
        }
        long beforeId = nextToken == null || nextToken.isEmpty() ? Long.MAX_VALUE : decode(nextToken);
        return repository.page(userPoolId, trigger, beforeId, limit)
                .map(rows -> new TriggerInvocationLog.Page(rows.entries(), rows.nextBeforeId() == null ? null : encode(rows.nextBeforeId())));
    }

    static String encode(long beforeId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + beforeId).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String token) {
        try {
            var matcher = TOKEN.matcher(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (matcher.matches()) {
                return Long.parseLong(matcher.group(1));
            }
        } catch (IllegalArgumentException e) {
            // not base64: falls through to the same answer as any other foreign token
        }
        throw new InvalidQueryException("nextToken is not a token this API returned");
    }
}
