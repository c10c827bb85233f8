/** Cross-cutting web concerns: the generic RFC 9457 problem responses and the OpenAPI document. */
@NullMarked
package dev.ordersystem.notifications.web;

import org.jspecify.annotations.NullMarked;
