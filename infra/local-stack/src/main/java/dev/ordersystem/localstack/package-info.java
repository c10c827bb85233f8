/**
 * A real PostgreSQL 17 (logical WAL, {@code pgoutput}) and a real Apache Kafka broker (KRaft) for tests, demos and
 * local runs: {@link dev.ordersystem.localstack.LocalStack} starts both, on this machine without Docker or in
 * Testcontainers when Docker is there.
 *
 * <p>Also the one home of what the tests of every module and the launchers share: free ports ({@link
 * dev.ordersystem.localstack.Ports}), a topic reader without a consumer group ({@link
 * dev.ordersystem.localstack.TopicReader}), services as child processes ({@link
 * dev.ordersystem.localstack.ServiceProcess}), a TCP proxy that cuts or refuses connections ({@link
 * dev.ordersystem.localstack.TcpProxy}), the launchers' command-line options ({@link
 * dev.ordersystem.localstack.Launcher}), the services' OpenAPI contract and problem answers ({@code
 * dev.ordersystem.localstack.openapi}) and their architecture rules ({@code dev.ordersystem.localstack.architecture}). The stack's own servers can fail too: Kafka stopped and started, each
 * PostgreSQL server stopped, killed and started ({@link dev.ordersystem.localstack.LocalStack#stopPostgres}).
 */
@NullMarked
package dev.ordersystem.localstack;

import org.jspecify.annotations.NullMarked;
