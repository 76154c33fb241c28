package dev.cognate.hostedui.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The one Redis command {@link FakeUserPool} needs, spoken in RESP over a plain socket: the fake runs on a JDK HTTP
 * server thread outside Quarkus, where the application's Redis client is not available.
 */
final class RedisCommands {

    private RedisCommands() {
    }

    /** {@code GETDEL key} (Redis ≥ 6.2): the value, removed; null when there was none. */
    static String getdel(String hostAndPort, String key) {
        int colon = hostAndPort.lastIndexOf(':');
        try (Socket socket = new Socket(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)))) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(command("GETDEL", key));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String header = line(in);
            if (header.startsWith("-")) {
                throw new IllegalStateException("Redis refused GETDEL: " + header);
            }
            int length = Integer.parseInt(header.substring(1));
            if (length < 0) {
                return null;
            }
            byte[] value = new byte[length];
            in.readFully(value);
            return new String(value, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] command(String... parts) {
        StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String line(DataInputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int next = in.read(); next != -1; next = in.read()) {
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
        throw new IOException("Redis closed the connection");
    }
}
