package dev.cognate.triggers.invoke;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda ARNs mapped to webhook URLs ({@code cognate.triggers.lambda-arn-urls}, entries {@code <arn>=<url>}). Cognate
 * does not call the AWS Lambda API yet: an ARN runs only when mapped, and an unmapped one fails closed.
 */
public final class LambdaTargets {

    private final Map<String, String> urls = new HashMap<>();

    public LambdaTargets(List<String> entries) {
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int separator = trimmed.indexOf("=");
            if (separator <= 0 || separator == trimmed.length() - 1 || !trimmed.startsWith("arn:")) {
                throw new IllegalArgumentException("cognate.triggers.lambda-arn-urls: '" + trimmed + "' is not <arn>=<url>");
            }
            urls.put(trimmed.substring(0, separator).trim(), trimmed.substring(separator + 1).trim());
        }
    }

    public static boolean isArn(String target) {
        return target.startsWith("arn:");
    }

    /** The URL mapped to {@code arn}, if any. */
    public Optional<String> urlOf(String arn) {
        return Optional.ofNullable(urls.get(arn));
    }
}
