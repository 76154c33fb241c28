package dev.cognate.triggers.invoke;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * How a trigger target is named in the invocation log, the metrics and the logs: a Lambda ARN as is, a URL without its
 * query string, fragment or user info (where a function's own token could hide).
 */
public final class TargetLabel {

    private static final int MAX_LENGTH = 512;

    private TargetLabel() {
    }

    public static String of(String target) {
        if (target == null) {
            return "";
        }
        if (LambdaTargets.isArn(target)) {
            return bounded(target);
        }
        try {
            URI uri = new URI(target);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "invalid";
            }
            return bounded(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        } catch (URISyntaxException e) {
            return "invalid";
        }
    }

    private static String bounded(String label) {
        return label.length() <= MAX_LENGTH ? label : label.substring(0, MAX_LENGTH);
    }
}
