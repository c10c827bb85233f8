/**
 * Getting access tokens from an OAuth2/OIDC authorization server with the JDK alone (plus Jackson): {@link
 * dev.ordersystem.identity.client.TokenClient} for tests, the demo and the benchmark, {@link
 * dev.ordersystem.identity.client.TokenCli} on the command line.
 */
@NullMarked
package dev.ordersystem.identity.client;

import org.jspecify.annotations.NullMarked;
