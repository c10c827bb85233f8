package dev.ordersystem.benchmark;

import java.util.function.Supplier;

/**
 * The access tokens the benchmark calls order-service with, each renewed before it expires: staff places the orders
 * (for the benchmark's customer tags, which name the customer in the body), the operator reads the metrics.
 */
record ApiTokens(Supplier<String> staff, Supplier<String> operator) {}
