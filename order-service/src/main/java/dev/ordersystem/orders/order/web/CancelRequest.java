package dev.ordersystem.orders.order.web;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Optional body of {@code POST /orders/{id}/cancel}. */
record CancelRequest(@Size(max = 500) @Nullable String reason) {}
