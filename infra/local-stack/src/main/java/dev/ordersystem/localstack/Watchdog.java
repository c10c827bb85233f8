package dev.ordersystem.localstack;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny {@code sh} process that cleans up after this JVM if it dies without closing the stack (SIGKILL, crash): once
 * the JVM is gone it shuts down every PostgreSQL server of the stack (SIGQUIT, SIGKILL if still alive after 10 s) and
 * deletes the stack directory. It finds the servers by their pid files ({@code <stackDir>/<data dir>/postmaster.pid})
 * when the JVM is gone, so servers stopped, killed or started again meanwhile are handled as they are then. It
 * ignores SIGINT and SIGHUP (a Ctrl-C reaches the whole process group); {@link #close()} ends it.
 */
final class Watchdog implements AutoCloseable {

    private static final String SCRIPT = """
            jvm="$1"; dir="$2"
            trap '' INT HUP # Ctrl-C or a closed terminal reach the JVM, whose shutdown hook cleans up; stay until then
            # a zombie (state Z, not reaped yet) counts as gone
            alive() { kill -0 "$1" 2>/dev/null && ! grep -qs '^[0-9]* ([^)]*) Z' "/proc/$1/stat"; }
            anyalive() { for p in "$@"; do alive "$p" && return 0; done; return 1; }
            while alive "$jvm"; do sleep 0.5; done
            postmasters=$(for f in "$dir"/*/postmaster.pid; do [ -f "$f" ] && head -n 1 "$f"; done)
            for p in $postmasters; do kill -QUIT "$p" 2>/dev/null; done
            i=0
            while anyalive $postmasters && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
            for p in $postmasters; do alive "$p" && kill -KILL "$p"; done
            rm -rf "$dir"
            """;

    private final Process process;

    private Watchdog(Process process) {
        this.process = process;
    }

    /** Watches this JVM. */
    static Watchdog start(Path stackDir) throws IOException {
        return start(ProcessHandle.current().pid(), stackDir);
    }

    /** Cleans up {@code stackDir} once the process {@code owner} is gone. */
    static Watchdog start(long owner, Path stackDir) throws IOException {
        Process process = new ProcessBuilder(
                        "sh", "-c", SCRIPT, "local-stack-watchdog", Long.toString(owner), stackDir.toString())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD)
                .start();
        return new Watchdog(process);
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList(); // the current `sleep`
        process.destroy();
        children.forEach(ProcessHandle::destroy);
    }
}
