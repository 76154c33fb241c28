package dev.cognate.hostedui.web;

import io.nayuki.qrcodegen.QrCode;
import io.quarkus.qute.RawString;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What an authenticator app needs to add the user's new TOTP secret: the Key URI
 * {@code otpauth://totp/<issuer>:<account>?secret=<secret>&issuer=<issuer>} (Google Authenticator's format, which the
 * other apps read), drawn as a QR code in inline SVG — made here, so the page loads no script and no image and the CSP
 * stays {@code 'self'} — and the secret as text in groups of four for typing it in.
 */
public record AuthenticatorEnrolment(String secret, String otpauthUri, RawString qrSvg) {

    /** AssociateSoftwareToken's SecretCode: base32 (Cognate's: 32 characters; Cognito documents 16 to 2048). */
    private static final Pattern SECRET = Pattern.compile("[A-Z2-7]{16,2048}");
    /** White modules around the code: the quiet zone the QR specification asks for. */
    private static final int QUIET_ZONE = 4;

    static boolean isSecret(String value) {
        return value != null && SECRET.matcher(value).matches();
    }

    static AuthenticatorEnrolment of(String issuer, String account, String secret) {
        String uri = otpauthUri(issuer, account, secret);
        return new AuthenticatorEnrolment(secret, uri, new RawString(svg(QrCode.encodeText(uri, QrCode.Ecc.MEDIUM))));
    }

    /** The secret as it is easiest to read and type: groups of four characters ({@code ABCD EFGH …}). */
    public String groupedSecret() {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    static String otpauthUri(String issuer, String account, String secret) {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + secret + "&issuer=" + encode(issuer);
    }

    /** One path of unit squares for the dark modules, on a white square with the quiet zone; scales without blur. */
    static String svg(QrCode qr) {
        int side = qr.size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\" viewBox=\"0 0 " + side + " " + side
                + "\" width=\"240\" height=\"240\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\">"
                + "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#ffffff\"/>"
                + "<path d=\"" + path + "\" fill=\"#000000\"/></svg>";
    }

    /** A label or parameter part of the Key URI: percent-encoded, a space as {@code %20} (not {@code +}). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
