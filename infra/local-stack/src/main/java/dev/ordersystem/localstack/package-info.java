/**
 * A real PostgreSQL 17 (logical WAL, {@code pgoutput}) and a real Apache Kafka broker (KRaft) for tests, demos and
 * local runs: {@link dev.ordersystem.localstack.LocalStack} starts both, on this machine without Docker or in
 * Testcontainers when Docker is there.
 */
@NullMarked
package dev.ordersystem.localstack;

import org.jspecify.annotations.NullMarked;
