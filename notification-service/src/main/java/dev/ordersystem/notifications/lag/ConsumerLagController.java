package dev.ordersystem.notifications.lag;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /ops/consumer-lag}: measured on every call, and handed to the gauges as well. */
@RestController
@Tag(name = "Operations")
record ConsumerLagController(ConsumerLagMonitor monitor, ConsumerLagMetrics metrics) {

    @GetMapping("/ops/consumer-lag")
    @Operation(summary = "Per partition: log-end offset, committed offset, lag and owner of the consumer group")
    @ApiResponse(responseCode = "200", description = "The lag, measured now")
    @ApiResponse(responseCode = "503", description = "Kafka cannot be reached")
    ConsumerLagReport lag() {
        ConsumerLagReport report = monitor.measure();
        metrics.record(report);
        return report;
    }
}
