package dev.ordersystem.benchmark;

import java.time.Duration;

/**
 * Where the cores go at one fixed rate: the CPU time (user + system) each process of the pipeline took in the
 * measured window of the phase, per order placed in that window, in µs, and how busy the machine's cores were. At a
 * rate the pipeline keeps up with, the sum is what an order costs the machine from the request to the email.
 *
 * @param orders orders placed in the window
 * @param orderService order-service: the API and the embedded CDC relay
 * @param notificationService notification-service: the consumer, the inbox transaction and the email sender
 * @param postgres PostgreSQL, every process: both services' transactions and the relay's logical decoding
 * @param benchmark this JVM: the local stack's Kafka broker, the load generator, the topic observer and the mail
 *     catcher
 * @param machineBusy share of all cores busy in the window (0 to 1), whatever took them
 */
record PipelineCpu(
        int orders,
        double orderService,
        double notificationService,
        double postgres,
        double benchmark,
        double machineBusy) {

    /** The processes whose CPU is read: their pids. */
    record Processes(long orderService, long notificationService, long postmaster) {}

    /** One reading: CPU seconds of each process so far, and the machine's core time. */
    record Reading(
            double orderService,
            double notificationService,
            double postgres,
            double benchmark,
            Machine.CoreTime cores) {

        static Reading of(Processes processes) {
            return new Reading(
                    Machine.cpuSeconds(processes.orderService(), false),
                    Machine.cpuSeconds(processes.notificationService(), false),
                    Machine.cpuSeconds(processes.postmaster(), true),
                    Machine.cpuSeconds(ProcessHandle.current().pid(), false),
                    Machine.CoreTime.now());
        }
    }

    /** Starts reading: the window begins {@code after} from now and lasts {@code length}. */
    static Machine.Window<Reading> window(Processes processes, Duration after, Duration length) {
        return Machine.Window.start(() -> Reading.of(processes), after, length);
    }

    /** The figures of a window from its end and start readings, for {@code orders} placed in it. */
    static PipelineCpu between(Reading end, Reading start, int orders) {
        double perOrder = orders > 0 ? 1e6 / orders : 0;
        return new PipelineCpu(
                orders,
                (end.orderService() - start.orderService()) * perOrder,
                (end.notificationService() - start.notificationService()) * perOrder,
                (end.postgres() - start.postgres()) * perOrder,
                (end.benchmark() - start.benchmark()) * perOrder,
                end.cores().busyShareSince(start.cores()));
    }

    /** µs per order of the four processes together. */
    double total() {
        return orderService + notificationService + postgres + benchmark;
    }
}
