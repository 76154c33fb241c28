package dev.cognate.triggers.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A trigger function on a raw socket that behaves as Node's {@code http} server does (deploy/functions' adapter):
 * HTTP/1.1 keep-alive, the status line and headers written and flushed before the body (two TCP segments, no Nagle
 * delay), and a connection idle for longer than its keep-alive timeout (Node's default: 5 s) closed by the server.
 * It answers every POST with the event it received, so a caller sees {@code ANSWERED}; it counts the requests it read
 * and the connections it accepted, so a test can tell a first-attempt answer from one that needed a retry. Node
 * advertises its timeout ({@code Keep-Alive: timeout=5}); servers that do not (the JDK's, Go's) are the other case.
 */
public final class KeepAliveFunctionServer implements AutoCloseable {

    /** Node's {@code server.keepAliveTimeout} default. */
    public static final Duration NODE_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(5);

    private final ServerSocket socket;
    private final Duration keepAliveTimeout;
    private final boolean advertised;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "keep-alive-function");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closedByCaller = new AtomicInteger();

    /** @param advertised whether answers carry {@code Keep-Alive: timeout=<seconds>}, as Node's do */
    public KeepAliveFunctionServer(Duration keepAliveTimeout, boolean advertised) {
        this.keepAliveTimeout = keepAliveTimeout;
        this.advertised = advertised;
        try {
            this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "keep-alive-function-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** Requests read so far (every attempt of every call). */
    public int requests() {
        return requests.get();
    }

    /** Connections accepted so far. */
    public int connections() {
        return accepted.get();
    }

    /** Connections the caller closed while idle (end of stream before a request), not the server's keep-alive timeout. */
    public int closedByCaller() {
        return closedByCaller.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.incrementAndGet();
                connection.setTcpNoDelay(true);
                connections.submit(() -> serve(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                connection.setSoTimeout((int) keepAliveTimeout.toMillis());
                String requestLine;
                try {
                    requestLine = line(in);
                } catch (SocketTimeoutException idle) {
                    return; // idle past the keep-alive timeout: closed by the server, as Node does
                }
                if (requestLine == null) {
                    closedByCaller.incrementAndGet();
                    return;
                }
                connection.setSoTimeout(0);
                int length = 0;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(header.substring("content-length:".length()).trim());
                    }
                }
                byte[] event = in.readNBytes(length);
                requests.incrementAndGet();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + event.length
                        + "\r\nConnection: keep-alive\r\n"
                        + (advertised ? "Keep-Alive: timeout=" + keepAliveTimeout.toSeconds() + "\r\n" : "") + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write(event);
                out.flush();
            }
        } catch (SocketException closed) {
            // the caller went away
        } catch (IOException e) {
            // a broken connection ends only itself
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                return line.toString().replace("\r", "");
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
        connections.shutdownNow();
    }
}
