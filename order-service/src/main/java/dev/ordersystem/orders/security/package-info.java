/**
 * Who may call what: the order service as an OAuth2 resource server. Bearer JWTs from the configured issuer, claims
 * mapped to authorities ({@code SCOPE_*}, {@code ROLE_*}) and to the {@link dev.ordersystem.orders.security.Caller} that
 * controllers act for, the URL rules of the authorization matrix (deny by default), 401/403 as problems, the OpenAPI
 * security schemes, and the refusal to run outside the demo with the demo's database password. Imports no feature;
 * the features enforce ownership with {@link dev.ordersystem.orders.security.Caller} and {@link
 * dev.ordersystem.orders.security.ForbiddenException}.
 */
@NullMarked
package dev.ordersystem.orders.security;

import org.jspecify.annotations.NullMarked;
