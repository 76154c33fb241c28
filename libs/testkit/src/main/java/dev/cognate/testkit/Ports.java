package dev.cognate.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Loopback port helpers. Every service binds to 127.0.0.1 only. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /**
     * Picks {@code count} distinct free ports. The sockets are held until all are chosen, so the kernel cannot hand
     * out the same port twice.
     */
    public static int[] pickFree(int count) {
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, loopback());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("Could not find free loopback ports", e);
        } finally {
            held.forEach(Ports::closeQuietly);
        }
    }

    /** True when nothing listens on {@code 127.0.0.1:port}, i.e. a server could bind it now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same flag the servers use: a port whose old connections linger in TIME_WAIT counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails fast with a readable message instead of letting a server die on an obscure bind error. */
    static void requireFree(int port, String service) throws PortInUseException {
        if (!isFree(port)) {
            throw new PortInUseException(service + " cannot start: port " + LOOPBACK + ":" + port
                    + " is already in use (is another Cognate stack or an orphaned server still running?)");
        }
    }

    /** True when something accepts TCP connections on {@code 127.0.0.1:port}. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(loopback(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls until the port can be bound again, or fails after {@code timeout}. */
    public static void awaitFree(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isFree(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Port " + port + " still in use after " + timeout);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a port", e);
        }
    }

    private static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was using it
        }
    }

    /** A fixed port asked for by the caller is taken. */
    static final class PortInUseException extends IOException {
        PortInUseException(String message) {
            super(message);
        }
    }
}
