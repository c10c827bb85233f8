/** The services' operator endpoints, called with the logged-in user's token. */
@NullMarked
package dev.ordersystem.console.services;

import org.jspecify.annotations.NullMarked;
