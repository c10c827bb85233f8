/**
 * The OAuth2/OIDC authorization server of the demo, the tests and compose (Spring Authorization Server, part of
 * Spring Security 7): demo users and clients from {@link dev.ordersystem.identity.IdentityProperties}, signed JWT
 * access tokens with the claims the services read, and {@link dev.ordersystem.identity.IdentityServer} to run it inside
 * another module's tests.
 */
@NullMarked
package dev.ordersystem.identity;

import org.jspecify.annotations.NullMarked;
