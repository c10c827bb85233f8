/** The services' architecture rules, shared by their ArchUnit tests. */
@NullMarked
package dev.ordersystem.localstack.architecture;

import org.jspecify.annotations.NullMarked;
