package dev.ordersystem.localstack;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny {@code sh} process that cleans up after this JVM if it dies without closing the stack (SIGKILL, crash): once
 * the JVM is gone it shuts PostgreSQL down (SIGQUIT, SIGKILL if still alive after 10 s) and deletes the stack
 * directory. It ignores SIGINT and SIGHUP (a Ctrl-C reaches the whole process group); {@link #close()} ends it.
 */
final class Watchdog implements AutoCloseable {

    private static final String SCRIPT = """
            jvm="$1"; postmaster="$2"; dir="$3"
            trap '' INT HUP # Ctrl-C or a closed terminal reach the JVM, whose shutdown hook cleans up; stay until then
            # a zombie (state Z, not reaped yet) counts as gone
            alive() { kill -0 "$1" 2>/dev/null && ! grep -qs '^[0-9]* ([^)]*) Z' "/proc/$1/stat"; }
            while alive "$jvm"; do sleep 0.5; done
            kill -QUIT "$postmaster" 2>/dev/null
            i=0
            while alive "$postmaster" && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
            alive "$postmaster" && kill -KILL "$postmaster"
            rm -rf "$dir"
            """;

    private final Process process;

    private Watchdog(Process process) {
        this.process = process;
    }

    static Watchdog start(long postmasterPid, Path stackDir) throws IOException {
        Process process = new ProcessBuilder(
                        "sh",
                        "-c",
                        SCRIPT,
                        "local-stack-watchdog",
                        Long.toString(ProcessHandle.current().pid()),
                        Long.toString(postmasterPid),
                        stackDir.toString())
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
