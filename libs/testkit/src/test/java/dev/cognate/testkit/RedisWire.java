package dev.cognate.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Just enough RESP to SET and GET over a raw socket, so the tests need no Redis client. */
final class RedisWire {

    private RedisWire() {
    }

    /** Sends one command and returns the reply: status or integer text, a bulk string's value, or null for nil. */
    static String command(String host, int port, String... arguments) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5_000);
            StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
            for (String argument : arguments) {
                byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(argument).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String header = in.readLine();
            switch (header.charAt(0)) {
                case '+', ':':
                    return header.substring(1);
                case '$':
                    return header.equals("$-1") ? null : in.readLine();
                default:
                    throw new IOException("Redis replied " + header);
            }
        }
    }
}
