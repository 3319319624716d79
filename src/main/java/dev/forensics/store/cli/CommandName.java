package dev.forensics.store.cli;

import java.util.Properties;

/**
 * The name the CLI calls itself in usage pages and messages: the command the user actually typed (ADR-016). The
 * launcher script {@code bin/forensics-store} passes its own name in {@value #PROPERTY}; {@code java -jar PATH} is
 * recognised from the JVM's {@code sun.java.command}; anything else (tests, {@code java -cp ... Main}) is
 * {@value #LAUNCHER}.
 */
final class CommandName {
    /** The name of the launcher script, and the name used when the typed command cannot be known. */
    static final String LAUNCHER = "forensics-store";
    /** The system property the launcher script sets to the name it was run as. */
    static final String PROPERTY = "forensics.store.command";

    private static final String JAR = ".jar";

    private CommandName() {}

    /**
     * The command as typed: the launcher's {@value #PROPERTY}, else {@code java -jar <the jar path as given>}, else
     * {@value #LAUNCHER}.
     */
    static String asTyped(Properties system) {
        String launcher = system.getProperty(PROPERTY, "").strip();
        if (!launcher.isEmpty()) {
            return launcher;
        }
        // HotSpot's "sun.java.command" starts with the jar path exactly as typed after -jar, then the arguments.
        String javaCommand = system.getProperty("sun.java.command", "");
        int jarEnd = javaCommand.indexOf(JAR + " ");
        if (jarEnd < 0 && javaCommand.endsWith(JAR)) {
            jarEnd = javaCommand.length() - JAR.length();
        }
        if (jarEnd > 0) {
            String jar = javaCommand.substring(0, jarEnd + JAR.length());
            return "java -jar " + (jar.contains(" ") ? "'" + jar + "'" : jar);
        }
        return LAUNCHER;
    }

    /**
     * {@code message} with every {@code `forensics-store ...`} command it suggests (the library and the CLI write
     * them with the launcher's name) rewritten to start with {@code typed}, so that a suggestion can be pasted as is.
     */
    static String inSuggestions(String message, String typed) {
        if (message == null || LAUNCHER.equals(typed)) {
            return message;
        }
        return message.replace("`" + LAUNCHER + " ", "`" + typed + " ");
    }
}
