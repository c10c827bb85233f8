package dev.ordersystem.localstack;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;

/**
 * Tells quickly and quietly whether a Docker daemon answers. Testcontainers is asked only when there is a sign of
 * Docker (DOCKER_HOST, a Testcontainers config file, or a Docker socket that accepts a connection): without a daemon
 * it would try every strategy and log errors.
 */
final class Docker {

    private Docker() {}

    static boolean isAvailable() {
        if (!hasSignOfDocker()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean hasSignOfDocker() {
        String home = System.getProperty("user.home");
        return isSet(System.getenv("DOCKER_HOST"))
                || Files.exists(Path.of(home, ".testcontainers.properties"))
                || candidateSockets(home).stream().anyMatch(Docker::accepts);
    }

    private static List<Path> candidateSockets(String home) {
        List<Path> sockets = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker/run/docker.sock"),
                Path.of(home, ".docker/desktop/docker.sock"),
                Path.of(home, ".colima/default/docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (isSet(runtimeDir)) {
            sockets.add(Path.of(runtimeDir, "docker.sock")); // rootless Docker
        }
        return sockets;
    }

    private static boolean accepts(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
