/**
 * The benchmark: the order API, the CDC relay and the consumer measured in one run on the local stack,
 * next to their baselines (plain JDBC, a polling relay, a raw Kafka producer). {@link
 * dev.ordersystem.benchmark.BenchmarkMain} is the command; {@link dev.ordersystem.benchmark.Benchmark} runs the {@link
 * dev.ordersystem.benchmark.Phase}s in order on a {@link dev.ordersystem.benchmark.Testbed} (one class per phase, each
 * returning a result record); {@link dev.ordersystem.benchmark.Report} writes the {@link
 * dev.ordersystem.benchmark.Results} as JSON and {@link dev.ordersystem.benchmark.Table} as the table, next to the
 * {@link dev.ordersystem.benchmark.Goal}s; every figure says in {@link dev.ordersystem.benchmark.Methodology} how it is
 * measured.
 */
@NullMarked
package dev.ordersystem.benchmark;

import org.jspecify.annotations.NullMarked;
