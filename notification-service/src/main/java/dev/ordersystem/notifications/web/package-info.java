/**
 * Cross-cutting web concerns: the generic RFC 9457 problem responses, HTTP security of the operator endpoints,
 * OpenAPI.
 */
@NullMarked
package dev.ordersystem.notifications.web;

import org.jspecify.annotations.NullMarked;
