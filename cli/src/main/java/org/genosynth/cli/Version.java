package org.genosynth.cli;

import picocli.CommandLine;

/** Version string from the jar manifest. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"genosynth " + (v == null ? "development build" : v),
            "Java " + System.getProperty("java.version")};
    }
}
