package dev.ordersystem.benchmark;

/**
 * One step of the benchmark that measures something: it says what it does, runs on the parts it was given, and returns
 * what it measured. {@link Timeline#run(Phase)} runs it and records when.
 *
 * @param <R> what it measured
 */
interface Phase<R> {

    /** What it does, as the progress line and the timeline of the JSON file show it. */
    String name();

    R run() throws Exception;
}
