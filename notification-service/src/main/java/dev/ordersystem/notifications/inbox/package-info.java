/**
 * The inbox: the Kafka listener of {@code orders.events}, schema validation, deduplication by event id in
 * {@code processed_events}, the error handling that retries transient failures without limit and dead-letters
 * permanent ones, and the blocked orders that keep an order's events in order across a dead letter.
 *
 * <h2>What happens to a record</h2>
 *
 * <ul>
 *   <li>Valid, not seen before: in one transaction {@code processed_events} gets its row and the notification (with
 *       its email delivery) is created; after the commit the offset is acknowledged.
 *   <li>Valid, seen before (same event id, at any offset or partition): acknowledged, nothing changes.
 *   <li>Valid, but its order (the record's key) is blocked by a dead letter: parked in {@code parked_events} and
 *       acknowledged, counted in {@code notifications.events.parked}; not notified yet (see below).
 *   <li>Unknown {@code eventType}: skipped. It is recorded in {@code processed_events} with outcome
 *       {@code SKIPPED_UNKNOWN_TYPE} and counted in {@code notifications.events.skipped{reason=unknown-event-type}},
 *       logged at WARN the first time only, so that replays stay quiet. A type this version does not know has no
 *       template; notifying it later, after an upgrade, would send stale messages.
 *   <li>Newer {@code schemaVersion} of a known type: dead-lettered at once. The versioning rules say consumers are
 *       upgraded first, so this is an operational mistake; the event matters to the customer, and once this service
 *       understands the version an operator re-drives it.
 *   <li>Not JSON, not an envelope, or invalid against its JSON Schema: dead-lettered at once (retrying cannot help).
 *   <li>A transient failure (the database or Kafka cannot be reached, connection refused or timed out, serialization
 *       failure, deadlock; see {@link dev.ordersystem.web.TransientFailures}): retried in place
 *       without limit, with exponential backoff capped at {@code notifications.retry.max-interval}; never
 *       dead-lettered. The partition waits, so nothing overtakes the record. The first such failure logs one WARN for
 *       the outage and sets {@code notifications.inbox.dependency.down} to 1 (the {@code consumer} health component
 *       is DOWN) until a record succeeds again.
 *   <li>Any other failure, possibly a bug that fails every time: retried {@code notifications.retry.max-retries}
 *       times with the same backoff, then dead-lettered. Every failed attempt is counted in
 *       {@code notifications.events.retries{failure=transient|error}}.
 * </ul>
 *
 * <h2>Per-order order across dead letters</h2>
 *
 * Once a record is dead-lettered (after the dead-letter topic accepted it), its order waits for that dead letter
 * ({@code blocked_orders}), and the order's later records are parked behind it instead of overtaking it. They are
 * processed, in the order they arrived and in one transaction, when the dead letter comes back re-driven (it carries
 * the header {@code redriven-from}) and succeeds, or when an operator discards it. A second dead letter of a blocked
 * order waits in line in the order's queue: releasing stops there, and the order then waits for that one. Re-driving
 * a dead letter that waits in line puts the re-driven record in its place in the queue.
 */
@NullMarked
package dev.ordersystem.notifications.inbox;

import org.jspecify.annotations.NullMarked;
