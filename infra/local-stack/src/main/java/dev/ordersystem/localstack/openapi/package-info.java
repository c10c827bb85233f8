/**
 * The services' OpenAPI contract in their tests: the committed document compared with the one the running service
 * serves ({@link dev.ordersystem.localstack.openapi.CommittedApiDocument}), and every request and response the tests
 * exchange checked against it ({@link dev.ordersystem.localstack.openapi.OpenApiContract}); and what every refused
 * request must be answered with ({@link dev.ordersystem.localstack.openapi.ProblemAnswers}).
 */
@NullMarked
package dev.ordersystem.localstack.openapi;

import org.jspecify.annotations.NullMarked;
