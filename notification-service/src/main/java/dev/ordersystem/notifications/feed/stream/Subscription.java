package dev.ordersystem.notifications.feed.stream;

import dev.ordersystem.notifications.notification.Notification;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream of a customer's new notifications. Whoever hands it a notification (the poller) only puts it into
 * its bounded queue and never waits: a task on the streams' own executor writes the queue to the sink, one task at a
 * time per stream, so a sink is never written concurrently and a slow reader holds up nobody but itself. A reader so
 * far behind that its queue is full is dropped: the stream is completed, and the client reconnects with
 * {@code Last-Event-ID}.
 *
 * <p>A resumed stream is first sent its backlog (what the client missed), then the queue; it is sent nothing with a
 * {@code seq} up to that of the notification it resumes after, which the client has had.
 */
public final class Subscription {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);

    private final String customerId;
    private final @Nullable Notification resumeAfter;
    private final StreamSink sink;
    private final BlockingQueue<Notification> queue;
    private final Executor writer;
    private final Consumer<Subscription> onEnd;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile @Nullable Backlog backlog;
    private volatile boolean started;
    private volatile boolean heartbeatDue;
    private volatile boolean ending;
    private volatile boolean closed;

    /**
     * @param resumeAfter the last notification the client received on an earlier stream, or null for a new one
     * @param capacity notifications the queue holds
     * @param writer runs the tasks that write to the sink
     * @param onEnd told when the stream ends from this side (dropped, completed, or its sink failed)
     */
    Subscription(
            String customerId,
            @Nullable Notification resumeAfter,
            StreamSink sink,
            int capacity,
            Executor writer,
            Consumer<Subscription> onEnd) {
        this.customerId = customerId;
        this.resumeAfter = resumeAfter;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = writer;
        this.onEnd = onEnd;
    }

    String customerId() {
        return customerId;
    }

    /**
     * Starts writing: the event {@code subscribed}, the backlog of a resumed stream, then whatever is offered.
     *
     * @param backlog pages of what a resumed stream missed; {@link Backlog#NONE} for a new stream
     */
    void start(Backlog backlog) {
        this.backlog = backlog;
        started = true;
        schedule();
    }

    /** Queues the notification for sending; drops this stream if its queue is full. Never blocks. */
    void offer(Notification notification) {
        if (closed || ending || (resumeAfter != null && notification.seq() <= resumeAfter.seq())) {
            return;
        }
        if (queue.offer(notification)) {
            schedule();
        } else {
            log.info(
                    "Stream of customer {} is dropped: its reader is {} notifications behind",
                    customerId,
                    queue.size());
            complete();
        }
    }

    /** Sends a heartbeat soon. */
    void heartbeat() {
        heartbeatDue = true;
        schedule();
    }

    /** Ends the stream normally, after what is being written; queued notifications are not sent. */
    void complete() {
        if (!closed && !ending) {
            ending = true;
            onEnd.accept(this);
            schedule();
        }
    }

    /** The stream is over (the transport ended it): nothing more is written. */
    void close() {
        closed = true;
        queue.clear();
    }

    private void schedule() {
        if (!started || closed || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            writer.execute(this::write);
        } catch (RejectedExecutionException e) {
            // no writer left (the service stops): nothing is writing to the sink, so it can be ended from here
            scheduled.set(false);
            log.debug("No writer for the stream of customer {}: {}", customerId, e.toString());
            onEnd.accept(this);
            close();
            sink.complete();
        }
    }

    /** The writing task: runs until nothing is left to write, then lets the next offer start another. */
    private void write() {
        do {
            try {
                writePending();
            } finally {
                scheduled.set(false);
            }
        } while (hasWork() && scheduled.compareAndSet(false, true));
    }

    private boolean hasWork() {
        return !closed && (backlog != null || heartbeatDue || ending || !queue.isEmpty());
    }

    private void writePending() {
        try {
            Backlog missed = backlog;
            if (missed != null) {
                backlog = null;
                sink.subscribed(customerId, resumeAfter == null ? null : resumeAfter.id());
                writeBacklog(missed);
            }
            Notification next;
            while (!closed && !ending && (next = queue.poll()) != null) {
                sink.notification(next);
            }
            if (heartbeatDue && !closed && !ending) {
                heartbeatDue = false;
                sink.heartbeat();
            }
            if (ending && !closed) {
                close();
                sink.complete();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Stream of customer {} is gone: {}", customerId, e.toString());
            close();
            onEnd.accept(this);
        } catch (RuntimeException e) {
            log.warn("Stream of customer {} is ended: its backlog could not be read: {}", customerId, e.toString());
            close();
            onEnd.accept(this);
            sink.complete();
        }
    }

    private void writeBacklog(Backlog missed) throws IOException {
        long seq = resumeAfter == null ? 0 : resumeAfter.seq();
        List<Notification> page;
        while (!closed && !ending && !(page = missed.after(seq)).isEmpty()) {
            for (Notification notification : page) {
                sink.notification(notification);
                seq = notification.seq();
            }
        }
    }

    /** What a resumed stream missed: its customer's notifications in {@code seq} order, a page at a time. */
    @FunctionalInterface
    interface Backlog {

        /** The next page after {@code seq}; empty at the end. */
        List<Notification> after(long seq);

        /** A new stream has no backlog. */
        Backlog NONE = seq -> List.of();
    }
}
