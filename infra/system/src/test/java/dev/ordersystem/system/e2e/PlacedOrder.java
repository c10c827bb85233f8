package dev.ordersystem.system.e2e;

/** An order the load generator placed and took through its flow, every step acknowledged by the API. */
record PlacedOrder(String orderId, String customerId, OrderFlow flow) {}
