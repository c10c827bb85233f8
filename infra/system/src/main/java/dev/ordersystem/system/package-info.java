/**
 * The whole order system as operating-system processes: the local stack, the service jars started as child
 * processes, and a mail catcher. Used by the demo command and by the end-to-end tests.
 */
@NullMarked
package dev.ordersystem.system;

import org.jspecify.annotations.NullMarked;
