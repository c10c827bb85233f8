package dev.ordersystem.notifications.deadletter;

import dev.ordersystem.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator endpoints of the dead-letter topic: listing needs role {@code viewer} or {@code operator}, re-driving and discarding
 * role {@code operator} (see the security configuration); the re-driving operator is recorded by name.
 */
@RestController
@Tag(name = "Operations", description = "Dead letters and consumer lag, for operators and viewers")
record DeadLetterController(DeadLetters deadLetters) {

    private static final int MAX_LIMIT = 1000;
    private static final List<String> STATUSES = List.of("all", "pending", "redriven", "discarded");

    @GetMapping("/ops/dead-letters")
    @Operation(
            summary = "Dead letters with origin, exception, decision (re-driven or discarded) and the order that waits"
                    + " for each (role viewer or operator)")
    @ApiResponse(responseCode = "200", description = "The dead letters")
    @ApiResponse(responseCode = "503", description = "Kafka cannot be reached")
    DeadLetterListing list(
            @RequestParam(defaultValue = "all") String status, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidRequestException.of("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (!STATUSES.contains(status)) {
            throw InvalidRequestException.of("status", "must be one of " + String.join(", ", STATUSES));
        }
        List<DeadLetter> all = deadLetters.list();
        long redriven = all.stream().filter(d -> d.redriven() != null).count();
        long discarded = all.stream().filter(d -> d.discarded() != null).count();
        List<DeadLetter> items = all.stream()
                .filter(d -> switch (status) {
                    case "pending" -> d.redriven() == null && d.discarded() == null;
                    case "redriven" -> d.redriven() != null;
                    case "discarded" -> d.discarded() != null;
                    default -> true;
                })
                .limit(limit)
                .toList();
        return new DeadLetterListing(
                deadLetters.topic().name(), all.size(), all.size() - redriven - discarded, redriven, discarded, items);
    }

    @PostMapping("/ops/dead-letters/{partition}/{offset}/redrive")
    @Operation(summary = "Re-drive one dead letter to its original topic (role operator)")
    @ApiResponse(responseCode = "200", description = "The dead letter, re-driven")
    @ApiResponse(responseCode = "404", description = "No dead letter at this partition and offset")
    @ApiResponse(responseCode = "409", description = "Re-driven or discarded before")
    @ApiResponse(responseCode = "503", description = "Kafka cannot be reached")
    DeadLetter redrive(@PathVariable int partition, @PathVariable long offset, Principal operator) {
        return deadLetters.redrive(partition, offset, operator.getName());
    }

    @PostMapping("/ops/dead-letters/redrive")
    @Operation(summary = "Re-drive every pending dead letter (role operator)")
    @ApiResponse(responseCode = "200", description = "The dead letters re-driven")
    @ApiResponse(responseCode = "503", description = "Kafka cannot be reached")
    RedriveAllResult redriveAll(Principal operator) {
        List<DeadLetter> redriven = deadLetters.redriveAll(operator.getName());
        return new RedriveAllResult(redriven.size(), redriven);
    }

    @PostMapping("/ops/dead-letters/{partition}/{offset}/discard")
    @Operation(
            summary = "Discard one dead letter: it is never processed, and the records of its order parked behind it"
                    + " are processed now, in order (role operator)")
    @ApiResponse(responseCode = "200", description = "The dead letter, discarded, and how many records were released")
    @ApiResponse(responseCode = "404", description = "No dead letter at this partition and offset")
    @ApiResponse(responseCode = "409", description = "Re-driven or discarded before")
    @ApiResponse(responseCode = "503", description = "Kafka cannot be reached")
    DeadLetters.Discarded discard(@PathVariable int partition, @PathVariable long offset, Principal operator) {
        return deadLetters.discard(partition, offset, operator.getName());
    }

    /**
     * @param total dead letters in the topic
     * @param pending of those, neither re-driven nor discarded
     * @param redriven of those, re-driven
     * @param discarded of those, discarded
     * @param items the ones matching {@code status}, at most {@code limit}
     */
    record DeadLetterListing(
            String topic, long total, long pending, long redriven, long discarded, List<DeadLetter> items) {}

    record RedriveAllResult(int redriven, List<DeadLetter> items) {}
}
