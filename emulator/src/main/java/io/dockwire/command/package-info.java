/**
 * {@link io.dockwire.command.CommandResult}: what an emulated command-line tool ({@code ip},
 * {@code iptables}, {@code conntrack}, {@code sysctl}, ...) printed and returned. It sits at the
 * bottom of the package graph, beside {@code io.dockwire.wire} and with no dependencies, so that
 * {@code ip} and {@code netfilter}, which must not depend on each other, share one type.
 */
package io.dockwire.command;
