package dev.ordersystem.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** TCP port helpers: the one place where the launchers (local stack, demo) and the tests find and check ports. */
public final class Ports {

    private Ports() {}

    /** Whether nothing listens on the port (on any address). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free right now. */
    public static int freePort() {
        return findFree(1)[0];
    }

    /** {@code count} different ports that are free right now. */
    public static int[] findFree(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port", e);
        } finally {
            sockets.forEach(Ports::closeQuietly);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
