package io.dockwire.netfilter;

/** What a command-line tool printed and returned. */
public record CommandResult(String stdout, String stderr, int exitCode) {
}
