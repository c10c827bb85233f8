package dev.ordersystem.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL as a child process, through zonky's {@link EmbeddedPostgres}: its binaries (PostgreSQL 17 with
 * {@code pgoutput}), {@code initdb -A trust}, {@code pg_ctl}. PostgreSQL refuses to run as root; when this JVM runs as
 * root, zonky starts the binaries under {@code unshare -U}, where the process no longer counts as root but still
 * owns the data directory.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;
    private final ProcessHandle postmaster;
    private final Path pidFile;

    private PostgresServer(EmbeddedPostgres postgres, ProcessHandle postmaster, Path pidFile) {
        this.postgres = postgres;
        this.postmaster = postmaster;
        this.pidFile = pidFile;
    }

    /** Runs initdb in {@code <stackDir>/postgres} and starts the server on localhost:port. */
    static PostgresServer start(int port, Path stackDir) throws IOException {
        Path dataDir = stackDir.resolve("postgres");
        Redirect logFile = Redirect.appendTo(stackDir.resolve("postgres.log").toFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false) // the whole stack directory is deleted on close
                .setRegisterShutdownHook(false) // LocalStack stops it, then deletes the directory
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "") // TCP only: nothing outside the stack directory
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                // zonky defaults to off: a commit would reach logical decoding only after the next WAL flush
                .setServerConfig("synchronous_commit", "on")
                // commit times readable with pg_xact_commit_timestamp(xmin): the benchmark measures latencies from them
                .setServerConfig("track_commit_timestamp", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(logFile)
                .setErrorRedirector(logFile)
                .start();
        Path pidFile = dataDir.resolve("postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .orElseThrow(() -> new IOException("PostgreSQL postmaster " + pid + " is not running"));
        return new PostgresServer(postgres, postmaster, pidFile);
    }

    long postmasterPid() {
        return postmaster.pid();
    }

    int port() {
        return postgres.getPort();
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}) and waits until the postmaster has removed its pid file, the last
     * thing it does; kills it if that does not happen within 15 s. (The exited postmaster is a child of init, not of
     * this JVM, so its exit is not observed directly: a zombie still looks alive to {@link ProcessHandle}.)
     */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.warn("pg_ctl stop failed", e);
        }
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (Files.exists(pidFile) && postmaster.isAlive()) {
            if (System.nanoTime() > deadline) {
                log.warn("PostgreSQL postmaster {} did not stop within {}; killing it", postmaster.pid(), STOP_WAIT);
                postmaster.destroyForcibly();
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                postmaster.destroyForcibly();
                return;
            }
        }
    }
}
