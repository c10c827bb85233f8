/**
 * The benchmark of issue 7: the order API, the CDC relay and the consumer measured in one run on the local stack,
 * next to their baselines (plain JDBC, a polling relay, a raw Kafka producer). {@link
 * dev.ordersystem.benchmark.BenchmarkMain} is the command; {@link dev.ordersystem.benchmark.Benchmark} runs the
 * phases; every figure says in {@link dev.ordersystem.benchmark.Methodology} how it is measured.
 */
@NullMarked
package dev.ordersystem.benchmark;

import org.jspecify.annotations.NullMarked;
