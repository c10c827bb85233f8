/** The live page: periodic samples of the commit log, the console's own consumer group, server-sent events. */
@NullMarked
package dev.ordersystem.console.live;

import org.jspecify.annotations.NullMarked;
