/** The ops console: OAuth2 login, the commit log of the events topic and its consumer groups, live. */
@NullMarked
package dev.ordersystem.console;

import org.jspecify.annotations.NullMarked;
