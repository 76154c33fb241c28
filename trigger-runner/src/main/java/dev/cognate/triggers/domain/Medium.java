package dev.cognate.triggers.domain;

/** How a message reaches the user: {@code DeliveryRequested.medium}, as Cognito's {@code DeliveryMedium}. */
public enum Medium {
    EMAIL, SMS;

    /** The medium named by an event, or {@link MalformedEventException}. */
    public static Medium of(String name) {
        for (Medium medium : values()) {
            if (medium.name().equals(name)) {
                return medium;
            }
        }
        throw new MalformedEventException("unknown medium " + name + ", expected EMAIL or SMS");
    }

    /**
     * The destination as it may appear in logs and the delivery log: {@code j***@example.com},
     * {@code *********4567}. Never the whole address or number.
     */
    public String mask(String destination) {
        if (destination == null || destination.isEmpty()) {
            return "";
        }
        if (this == EMAIL) {
            int at = destination.lastIndexOf('@');
            return at <= 0 ? "***" : destination.charAt(0) + "***" + destination.substring(at);
        }
        int visible = Math.min(4, destination.length() / 3);
        return "*".repeat(destination.length() - visible) + destination.substring(destination.length() - visible);
    }
}
