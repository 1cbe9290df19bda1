package io.dockwire.cli;

/** Command-line entry point: {@code dockwire <command> [options]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("dockwire " + version());
    }

    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
