package dev.forensics.store.testing;

import dev.forensics.store.Repository;
import dev.forensics.store.internal.LeakDetector.OpenedRepository;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Objects;

/** Where a Repository was opened, told as the first stack frame outside this library (the user's line). */
final class OpenSite {
    private static final String LIBRARY_PACKAGE = "dev.forensics.store.";
    private static final CodeSource LIBRARY_CODE =
            Repository.class.getProtectionDomain().getCodeSource();

    private OpenSite() {}

    /** {@code by thread "main" at com.acme.ScraperTest.leaks(ScraperTest.java:42)}, or why the site is unknown. */
    static String describe(OpenedRepository repository) {
        String thread = "by thread \"" + repository.thread() + "\"";
        if (repository.openedAt() == null) {
            return thread + " (where is unknown: StoreOptions.leakDetection was off for it)";
        }
        return thread
                + Arrays.stream(repository.openedAt().getStackTrace())
                        .filter(frame -> !isLibrary(frame.getClassName()))
                        .findFirst()
                        .map(frame -> " at " + frame)
                        .orElse(" inside the library");
    }

    /** Adds the stack trace of the opening to {@code failure}, so that the test report shows the whole path. */
    static void attach(AssertionError failure, OpenedRepository repository) {
        if (repository.openedAt() != null) {
            failure.addSuppressed(repository.openedAt());
        }
    }

    private static boolean isLibrary(String className) {
        if (!className.startsWith(LIBRARY_PACKAGE)) {
            return false;
        }
        try {
            Class<?> type = Class.forName(className, false, OpenSite.class.getClassLoader());
            return Objects.equals(type.getProtectionDomain().getCodeSource(), LIBRARY_CODE);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
