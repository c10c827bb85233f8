package dev.ordersystem.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** TCP port helpers, shared by the command-line launchers (local stack, demo) and the tests. */
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

    /** The port of a {@code --name=port} option. */
    public static int parseOption(String arg) {
        try {
            int port = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Not a port number (1-65535): " + arg);
    }

    /** The message for a port that is taken, naming the option that changes it. */
    public static String takenMessage(int port, String option) {
        return "Port %d is already in use; choose another with %s=<port>".formatted(port, option);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
