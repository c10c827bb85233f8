/**
 * What the web layers of both services share: RFC 9457 problems of the errors no handler sees ({@link
 * dev.ordersystem.web.ServerErrors}) and of values the database refuses ({@link dev.ordersystem.web.DatabaseRefusals}),
 * their types ({@link dev.ordersystem.web.ProblemTypes}), which failures are transient ({@link
 * dev.ordersystem.web.TransientFailures}), strict JSON bodies, plain-text validation, the OpenAPI document's common
 * answers ({@link dev.ordersystem.web.OpenApiProblems}), the current span's W3C traceparent ({@link
 * dev.ordersystem.web.TraceParents}) and span export to Zipkin only where an endpoint is configured ({@link
 * dev.ordersystem.web.ZipkinExportSwitch}). Knows no service: each registers what it uses.
 */
@NullMarked
package dev.ordersystem.web;

import org.jspecify.annotations.NullMarked;
