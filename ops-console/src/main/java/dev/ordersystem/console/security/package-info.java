/** OAuth2 login of operators and viewers. */
@NullMarked
package dev.ordersystem.console.security;

import org.jspecify.annotations.NullMarked;
