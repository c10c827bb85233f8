/**
 * Who may call what: the service is an OAuth2 resource server that accepts signed JWT access tokens of the configured
 * issuer ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}) and nothing else; the rules of the
 * authorization matrix (customers reach their own notifications, staff any, operators and viewers the operator
 * endpoints, operators alone re-drive or discard dead letters; probes and API docs are public; everything else is
 * denied); 401 and 403 as problem+json with {@code WWW-Authenticate}; and the refusal of the demo's credentials
 * outside a demo. Controllers that need the caller's identity ask {@link dev.ordersystem.notifications.security.Caller}.
 */
@NullMarked
package dev.ordersystem.notifications.security;

import org.jspecify.annotations.NullMarked;
