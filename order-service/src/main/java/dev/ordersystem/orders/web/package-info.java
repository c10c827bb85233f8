/**
 * Web concerns shared by every feature: problem responses ({@link dev.ordersystem.orders.web.Problems}, the generic
 * {@code ProblemHandler}), and trace context. Imports no
 * feature; each feature handles its own exceptions in its own {@code @RestControllerAdvice}.
 */
@NullMarked
package dev.ordersystem.orders.web;

import org.jspecify.annotations.NullMarked;
