package dev.ordersystem.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL as a child process, through zonky's {@link EmbeddedPostgres}: its binaries (PostgreSQL 17 with
 * {@code pgoutput}), {@code initdb -A trust}, {@code pg_ctl}. PostgreSQL refuses to run as root; when this JVM runs as
 * root, zonky starts the binaries under {@code unshare -U}, where the process no longer counts as root but still
 * owns the data directory.
 *
 * <p>The server can be stopped, killed and started again on the same port with the same data directory: zonky's
 * {@code close()} is {@code pg_ctl stop -m fast} and keeps the data (the directory is not zonky's to clean), and a new
 * {@link EmbeddedPostgres} on an initialised directory skips {@code initdb}.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final EmbeddedPostgres.Builder builder;
    private final int port;
    private final Path pidFile;
    private @Nullable Running running;

    /** zonky's handle of the running server and its postmaster process. */
    private record Running(EmbeddedPostgres postgres, ProcessHandle postmaster) {}

    private PostgresServer(EmbeddedPostgres.Builder builder, int port, Path dataDir) {
        this.builder = builder;
        this.port = port;
        this.pidFile = dataDir.resolve("postmaster.pid");
    }

    /**
     * Runs initdb in {@code dataDir} and starts the server on localhost:port, logging to {@code logFile}; {@code
     * durable}: with {@code fsync} and {@code full_page_writes} on (zonky turns fsync off with {@code -F}; a {@code -c}
     * setting given after it wins), otherwise with fsync off.
     */
    static PostgresServer start(int port, Path dataDir, Path logFile, boolean durable) {
        Redirect log = Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false) // kept across stop and start; the stack deletes its directory on close
                .setRegisterShutdownHook(false) // LocalStack stops it, then deletes the directory
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "") // TCP only: nothing outside the stack directory
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "40") // every relay test has a slot of its own
                .setServerConfig("max_wal_senders", "40")
                // zonky defaults to off: a commit would reach logical decoding only after the next WAL flush
                .setServerConfig("synchronous_commit", "on")
                // commit times readable with pg_xact_commit_timestamp(xmin): the benchmark measures latencies from them
                .setServerConfig("track_commit_timestamp", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(log)
                .setErrorRedirector(log);
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("full_page_writes", "on");
        }
        PostgresServer server = new PostgresServer(builder, port, dataDir);
        server.start();
        return server;
    }

    int port() {
        return port;
    }

    synchronized boolean isRunning() {
        return running != null;
    }

    /**
     * Starts the server (again), on its port with its data, and waits until it answers; after {@link #kill()} that
     * includes PostgreSQL's crash recovery. Does nothing if it runs.
     */
    synchronized void start() {
        if (running != null) {
            return;
        }
        try {
            EmbeddedPostgres started = builder.start();
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            running = new Running(
                    started,
                    ProcessHandle.of(pid)
                            .orElseThrow(() -> new IOException("PostgreSQL postmaster " + pid + " is not running")));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL on port " + port, e);
        }
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}: sessions are ended, a shutdown checkpoint is written) and waits
     * until the postmaster has removed its pid file, the last thing it does; kills it if that does not happen within
     * 15 s. (The exited postmaster is a child of init, not of this JVM, so its exit is not observed directly: a zombie
     * still looks alive to {@link ProcessHandle}.) Does nothing if it is not running.
     */
    synchronized void stop() {
        Running stopping = running;
        if (stopping == null) {
            return;
        }
        running = null;
        ProcessHandle process = stopping.postmaster();
        try {
            stopping.postgres().close();
        } catch (IOException | RuntimeException e) {
            log.warn("pg_ctl stop failed", e);
        }
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (Files.exists(pidFile) && isAlive(process)) {
            if (System.nanoTime() > deadline) {
                log.warn("PostgreSQL postmaster {} did not stop within {}; killing it", process.pid(), STOP_WAIT);
                process.destroyForcibly();
                return;
            }
            if (!pause()) {
                process.destroyForcibly();
                return;
            }
        }
    }

    /**
     * SIGKILL to the postmaster and all its processes at once, as in a crash of the server: no shutdown checkpoint,
     * open transactions lost, clients see their connections reset. Waits until every process is gone, then removes the
     * pid file they leave behind (so that a postmaster that is not reaped yet is not taken for a running one); {@link
     * #start()} then runs crash recovery. Does nothing if it is not running.
     */
    synchronized void kill() {
        Running killing = running;
        if (killing == null) {
            return;
        }
        running = null;
        List<ProcessHandle> processes =
                new ArrayList<>(killing.postmaster().descendants().toList());
        processes.add(0, killing.postmaster());
        processes.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (processes.stream().anyMatch(PostgresServer::isAlive)) {
            if (System.nanoTime() > deadline || !pause()) {
                throw new IllegalStateException("PostgreSQL processes " + processes + " did not die on SIGKILL");
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // releases zonky's lock on the data directory; its pg_ctl stop fails, as it must with no server running
        QuietLogging.withoutZonkyLogs(() -> {
            try {
                killing.postgres().close();
            } catch (IOException e) {
                // the same expected failure
            }
        });
    }

    @Override
    public void close() {
        stop();
    }

    /** Alive and not a zombie (state {@code Z} in {@code /proc/<pid>/stat}): an exited process not reaped yet. */
    static boolean isAlive(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
