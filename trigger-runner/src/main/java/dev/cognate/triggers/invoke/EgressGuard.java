package dev.cognate.triggers.invoke;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a trigger may not call: a pool's trigger URL is chosen by whoever administers the pool, so without this guard
 * it could make Cognate reach loopback services, the cluster's private network or a cloud metadata endpoint (SSRF).
 * The host is resolved once here and the call connects to the address checked ({@link WebhookInvoker}), so a DNS
 * answer cannot change between the check and the connection. Refused: loopback, "any", link-local (169.254.0.0/16,
 * with the metadata address 169.254.169.254, and fe80::/10), private (10/8, 172.16/12, 192.168/16), shared address
 * space (100.64.0.0/10), unique local IPv6 (fc00::/7) and multicast — unless the host, as written in the URL or as
 * resolved, is in {@code cognate.triggers.allowed-egress-hosts}.
 */
public final class EgressGuard {

    /** A target the guard refuses; the message names the host and the address, never the payload. */
    public static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    private final Set<String> allowed;

    public EgressGuard(Collection<String> allowedHosts) {
        this.allowed = allowedHosts.stream().map(host -> bare(host.trim().toLowerCase(Locale.ROOT)))
                .filter(host -> !host.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** The address to connect to for {@code host}: the first it resolves to, when every address it resolves to is allowed. */
    public InetAddress check(String host) throws RefusedException {
        String name = bare(host.toLowerCase(Locale.ROOT));
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new RefusedException("the host " + name + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && !allowed.contains(name) && !allowed.contains(address.getHostAddress().toLowerCase(Locale.ROOT))) {
                throw new RefusedException("the egress guard refuses " + name + " (" + address.getHostAddress()
                        + ": a loopback, link-local, private or metadata address; allow it with cognate.triggers.allowed-egress-hosts)");
            }
        }
        return addresses[0];
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc || isMappedInternal(bytes);
        }
        return false;
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged as its IPv4 address. */
    private static boolean isMappedInternal(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        if ((bytes[10] & 0xff) != 0xff || (bytes[11] & 0xff) != 0xff) {
            return false;
        }
        try {
            return isInternal(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
