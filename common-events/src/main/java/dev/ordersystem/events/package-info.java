/**
 * Versioned contracts of the order events published to the {@code orders.events} Kafka topic (keyed by
 * order id) through the transactional outbox.
 *
 * <h2>Versioning rules</h2>
 *
 * <ul>
 *   <li>Every event travels in an {@link dev.ordersystem.events.EventEnvelope} that names its
 *       {@code eventType} and {@code schemaVersion}; {@code src/main/resources/schemas} holds one JSON Schema
 *       per type and version ({@code <WireName>.v<version>.schema.json}).
 *   <li>Adding an optional field is compatible: the version stays, and readers ignore fields they do not
 *       know.
 *   <li>Removing, renaming or retyping a field, or making a new field required, is breaking: bump
 *       {@link dev.ordersystem.events.EventType#currentSchemaVersion()} and add a new schema file next to the
 *       old one.
 *   <li>Consumers refuse versions newer than they know with an
 *       {@link dev.ordersystem.events.UnsupportedSchemaVersionException}, so the producer must only be
 *       upgraded after its consumers.
 * </ul>
 */
@NullMarked
package dev.ordersystem.events;

import org.jspecify.annotations.NullMarked;
