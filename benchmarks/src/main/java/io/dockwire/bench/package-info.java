/** JMH benchmarks for the hot paths (frame parse, FDB, conntrack, NAT rewrite, pcapng encode). */
package io.dockwire.bench;
