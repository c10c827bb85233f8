/** JUnit 5 support: {@link dev.ordersystem.localstack.junit.UseLocalStack} gives a test class the shared local stack. */
@NullMarked
package dev.ordersystem.localstack.junit;

import org.jspecify.annotations.NullMarked;
