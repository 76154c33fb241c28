package dev.cognate.benchmarks.load;

import dev.cognate.events.oauth.AuthorizationCode;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Authorization codes for the token-endpoint benchmark, written to Redis exactly as hosted-ui-service writes them after
 * a browser signs in ({@link AuthorizationCode}: {@code SET <key> <grant json> EX <ttl>}), so a run measures the
 * redemption alone, not the sign-in pages or Argon2. Speaks RESP over one socket, pipelined: minting 100,000 codes
 * takes about a second.
 */
final class RedisCodeMinter {

    private final String host;
    private final int port;

    RedisCodeMinter(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        this.host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        this.port = colon < 0 ? 6379 : Integer.parseInt(hostAndPort.substring(colon + 1));
    }

    /** Writes one grant per code and answers the codes. */
    List<String> mint(int count, AuthorizationCode grant) {
        List<String> codes = new ArrayList<>(count);
        String json = grant.toJson();
        long ttl = AuthorizationCode.MAX_TTL.toSeconds();
        try (Socket socket = new Socket(host, port);
             OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
             InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16)) {
            for (int i = 0; i < count; i++) {
                String code = AuthorizationCode.newCode();
                codes.add(code);
                command(out, "SET", AuthorizationCode.redisKey(code), json, "EX", Long.toString(ttl));
            }
            out.flush();
            for (int i = 0; i < count; i++) {
                String reply = line(in);
                if (!reply.equals("+OK")) {
                    throw new IllegalStateException("Redis refused a SET: " + reply);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write codes to Redis at " + host + ":" + port, e);
        }
        return codes;
    }

    private static void command(OutputStream out, String... parts) throws IOException {
        out.write(("*" + parts.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
