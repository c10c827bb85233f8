/**
 * The inbox: the Kafka listener of {@code orders.events}, schema validation, deduplication by event id in
 * {@code processed_events}, and the error handling that retries transient failures and dead-letters the rest.
 *
 * <h2>What happens to a record</h2>
 *
 * <ul>
 *   <li>Valid, not seen before: in one transaction {@code processed_events} gets its row and the notification (with
 *       its email delivery) is created; after the commit the offset is acknowledged.
 *   <li>Valid, seen before (same event id, at any offset or partition): acknowledged, nothing changes.
 *   <li>Unknown {@code eventType}: skipped. It is recorded in {@code processed_events} with outcome
 *       {@code SKIPPED_UNKNOWN_TYPE} and counted in {@code notifications.events.skipped{reason=unknown-event-type}},
 *       logged at WARN the first time only, so that replays stay quiet. A type this version does not know has no
 *       template; notifying it later, after an upgrade, would send stale messages.
 *   <li>Newer {@code schemaVersion} of a known type: dead-lettered at once. The versioning rules say consumers are
 *       upgraded first, so this is an operational mistake; the event matters to the customer, and once this service
 *       understands the version an operator re-drives it.
 *   <li>Not JSON, not an envelope, or invalid against its JSON Schema: dead-lettered at once (retrying cannot help).
 *   <li>Any other failure (database down, ...): retried with bounded exponential backoff, then dead-lettered.
 * </ul>
 */
@NullMarked
package dev.ordersystem.notifications.inbox;

import org.jspecify.annotations.NullMarked;
