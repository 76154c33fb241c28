package dev.cognate.userpool.federation.egress;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.config.FederationConfig;
import dev.cognate.userpool.validation.ProviderDetailsRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one egress policy of federation (DESIGN.md §5): every call Cognate makes to an identity provider — OIDC discovery,
 * token, userInfo and JWKS, Facebook's Graph API, Amazon's profile API, Apple's token and keys, a SAML {@code MetadataURL}
 * — goes only to an address this class allows.
 *
 * <p>Refused unless allowed: loopback (127.0.0.0/8, ::1), private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7,
 * fec0::/10), link-local (169.254/16 — the cloud metadata service —, fe80::/10, and AWS's IPv6 metadata range
 * fd00:ec2::/32), multicast, unspecified (0.0.0.0/8, ::) and reserved (240/4, broadcast) addresses, also when written as
 * an IPv4-compatible or NAT64 IPv6 address. Allowed anyway: loopback with {@code cognate.federation.allow-loopback-http}
 * (dev, tests, the local stack), and any address inside {@code cognate.federation.allowed-private-networks} — except
 * link-local and metadata addresses, which only a listed network lying wholly inside their own range allows (listing
 * {@code 0.0.0.0/0} never opens 169.254.169.254).
 *
 * <p>Two moments: {@link #checkDetails} at Create/UpdateIdentityProvider refuses a URL whose host is an address literal
 * (or {@code localhost}) the policy refuses, without any DNS lookup; {@link #resolveChecked} right before each call
 * resolves the host and refuses it when any of its addresses is refused. The JDK's HTTP client cannot be handed the
 * checked address, but it resolves through the same JVM-wide address cache ({@code networkaddress.cache.ttl}, 30 s by
 * default) moments later, so a DNS answer that changes between check and connect (rebinding) is not seen by the connect
 * — unless an operator sets that cache to 0, which this policy then cannot defend against (documented in the README).
 */
@ApplicationScoped
public class ProviderEgress {

    /** The ProviderDetails that name a URL Cognate calls. */
    public static final List<String> URL_DETAILS = List.of("oidc_issuer", "authorize_url", "token_url", "attributes_url", "jwks_uri", "MetadataURL");

    /** A call the policy refuses: {@link #getMessage()} names the host and why, for the log; callers answer their own error. */
    public static class Refused extends RuntimeException {

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The host has no address at all: a provider that cannot be reached rather than one the policy refuses. */
    public static final class Unresolved extends Refused {

        Unresolved(String message) {
            super(message);
        }
    }

    private final boolean allowLoopback;
    private final List<Network> allowed;

    @Inject
    public ProviderEgress(FederationConfig config) {
        this(config.allowLoopbackHttp(), config.allowedPrivateNetworks().orElse(List.of()));
    }

    ProviderEgress(boolean allowLoopback, List<String> allowedNetworks) {
        this.allowLoopback = allowLoopback;
        this.allowed = allowedNetworks.stream().map(String::strip).filter(text -> !text.isEmpty()).map(Network::parse).toList();
    }

    /**
     * Create/UpdateIdentityProvider: each URL detail must be callable (https, or http on this machine when loopback is
     * allowed) and, when its host is an address literal or {@code localhost}, an address the policy allows; otherwise
     * {@code InvalidParameterException} naming the detail. Host names are checked when called.
     */
    public void checkDetails(Map<String, String> details) {
        for (String key : URL_DETAILS) {
            String url = details.get(key);
            if (url == null) {
                continue;
            }
            if (!ProviderDetailsRules.isProviderUrl(url, allowLoopback)) {
                throw CognitoException.invalidParameter(key + " must be an https URL.");
            }
            literalAddress(URI.create(url).getHost()).map(this::refusal).ifPresent(why -> {
                throw CognitoException.invalidParameter(key + " names " + why + ", which Cognate does not call"
                        + " (cognate.federation.allowed-private-networks lists the networks an operator allows).");
            });
        }
    }

    /**
     * {@code url} as a URI, after its scheme and every address its host resolves to passed the policy; blocking (DNS):
     * call it off the event loop. Refused → {@link Refused}; a host without address → {@link Unresolved}.
     */
    public URI resolveChecked(String url) {
        if (!ProviderDetailsRules.isProviderUrl(url, allowLoopback)) {
            throw new Refused(url + " is not an https URL");
        }
        URI uri = URI.create(url);
        String host = bare(uri.getHost());
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Unresolved("the host " + host + " is unknown");
        }
        for (InetAddress address : addresses) {
            String why = refusal(address);
            if (why != null) {
                throw new Refused("the host " + host + " resolves to " + why);
            }
        }
        return uri;
    }

    /** Null when Cognate may call {@code address}; otherwise what it is ("10.0.0.5, a private address"). */
    String refusal(InetAddress address) {
        Kind kind = Kind.of(address);
        if (kind == Kind.PUBLIC) {
            return null;
        }
        if (kind == Kind.LOOPBACK && allowLoopback) {
            return null;
        }
        for (Network network : allowed) {
            if (network.contains(address) && (kind != Kind.LINK_LOCAL || network.whollyLinkLocal())) {
                return null;
            }
        }
        return address.getHostAddress() + ", " + kind.description;
    }

    /** The address a URL host writes literally ({@code localhost} counts as loopback, RFC 6761); empty for a name. */
    static Optional<InetAddress> literalAddress(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String bare = bare(host).toLowerCase(Locale.ROOT);
        if (bare.equals("localhost") || bare.endsWith(".localhost")) {
            return Optional.of(InetAddress.getLoopbackAddress());
        }
        if (!bare.contains(":") && !bare.matches("[0-9.]+")) {
            return Optional.empty();
        }
        try {
            // a literal: getByName does no lookup for one
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** What an address is, for the policy. */
    enum Kind {
        PUBLIC("a public address"),
        LOOPBACK("a loopback address"),
        PRIVATE("a private address"),
        LINK_LOCAL("a link-local or cloud metadata address"),
        MULTICAST("a multicast address"),
        UNSPECIFIED("an unspecified address"),
        RESERVED("a reserved address");

        final String description;

        Kind(String description) {
            this.description = description;
        }

        static Kind of(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length == 16) {
                byte[] embedded = embeddedIpv4(bytes);
                if (embedded != null) {
                    return ofIpv4(embedded);
                }
                return ofIpv6((Inet6Address) address, bytes);
            }
            return ofIpv4(bytes);
        }

        private static Kind ofIpv4(byte[] b) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return UNSPECIFIED;
            }
            if (first == 127) {
                return LOOPBACK;
            }
            if (first == 169 && second == 254) {
                return LINK_LOCAL;
            }
            if (first == 10 || first == 172 && (second & 0xf0) == 16 || first == 192 && second == 168
                    || first == 100 && (second & 0xc0) == 64) {
                return PRIVATE;
            }
            if (first >= 224 && first <= 239) {
                return MULTICAST;
            }
            if (first >= 240) {
                return RESERVED;
            }
            return PUBLIC;
        }

        private static Kind ofIpv6(Inet6Address address, byte[] b) {
            if (address.isAnyLocalAddress()) {
                return UNSPECIFIED;
            }
            if (address.isLoopbackAddress()) {
                return LOOPBACK;
            }
            if (address.isLinkLocalAddress() || isAwsMetadata(b)) {
                return LINK_LOCAL;
            }
            if (address.isMulticastAddress()) {
                return MULTICAST;
            }
            if ((b[0] & 0xfe) == 0xfc || address.isSiteLocalAddress()) {
                return PRIVATE;
            }
            return PUBLIC;
        }

        /** fd00:ec2::/32, where EC2 serves its metadata over IPv6 ({@code fd00:ec2::254}). */
        static boolean isAwsMetadata(byte[] b) {
            return b.length == 16 && (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2;
        }

        /** The IPv4 address inside an IPv4-compatible ({@code ::a.b.c.d}) or NAT64 ({@code 64:ff9b::/96}) address. */
        private static byte[] embeddedIpv4(byte[] b) {
            boolean compatible = allZero(b, 0, 12) && !(allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1));
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
            return compatible || nat64 ? Arrays.copyOfRange(b, 12, 16) : null;
        }

        private static boolean allZero(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One entry of {@code cognate.federation.allowed-private-networks}: an address or a CIDR block. */
    static final class Network {

        private final byte[] base;
        private final int prefix;

        private Network(byte[] base, int prefix) {
            this.base = base;
            this.prefix = prefix;
        }

        static Network parse(String text) {
            int slash = text.indexOf('/');
            String addressText = slash < 0 ? text : text.substring(0, slash);
            Optional<InetAddress> address = literalAddress(addressText);
            if (address.isEmpty() || addressText.equalsIgnoreCase("localhost")) {
                throw new IllegalArgumentException("cognate.federation.allowed-private-networks: " + text + " is not an address or CIDR block");
            }
            byte[] base = address.get().getAddress();
            int prefix;
            try {
                prefix = slash < 0 ? base.length * 8 : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cognate.federation.allowed-private-networks: " + text + " has no valid prefix length");
            }
            if (prefix < 0 || prefix > base.length * 8) {
                throw new IllegalArgumentException("cognate.federation.allowed-private-networks: " + text + " has no valid prefix length");
            }
            return new Network(base, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != base.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != base[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (base[full] & mask);
        }

        /** Whether the whole block is link-local or metadata space: only such a block allows those addresses. */
        boolean whollyLinkLocal() {
            if (base.length == 4) {
                return prefix >= 16 && (base[0] & 0xff) == 169 && (base[1] & 0xff) == 254;
            }
            boolean linkLocal = prefix >= 10 && (base[0] & 0xff) == 0xfe && (base[1] & 0xc0) == 0x80;
            return linkLocal || prefix >= 32 && Kind.isAwsMetadata(base);
        }
    }
}
