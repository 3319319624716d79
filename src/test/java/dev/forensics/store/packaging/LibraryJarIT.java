package dev.forensics.store.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The two jars of {@code mvn package} (issue 16): the library jar a build depends on carries no logging configuration,
 * no logging binding and no dependency's classes; the runnable CLI jar carries all of them.
 */
class LibraryJarIT {
    private static final Path LIBRARY_JAR =
            Path.of(System.getProperty("forensics.libraryJar", "target/forensics-store-0.1.0-SNAPSHOT.jar"));
    private static final Path CLI_JAR = Path.of(System.getProperty("forensics.jar", "target/forensics-store.jar"));

    @Test
    void theLibraryJarCarriesNoLoggingConfigurationNoBindingAndNoDependency() throws IOException {
        List<String> entries = entries(LIBRARY_JAR);

        assertThat(entries)
                .contains("dev/forensics/store/Repository.class", "db/migration/sqlite/V1__create_authors_articles.sql")
                .noneMatch(name ->
                        name.startsWith("simplelogger") || name.startsWith("logback") || name.startsWith("log4j"))
                .noneMatch(name -> name.startsWith("org/slf4j/") || name.startsWith("META-INF/services/org.slf4j"))
                .noneMatch(name -> name.startsWith("picocli/")
                        || name.startsWith("com/zaxxer/")
                        || name.startsWith("org/postgresql/"));
    }

    @Test
    void theCliJarCarriesTheLoggingConfigurationTheBindingAndEveryDependency() throws IOException {
        List<String> entries = entries(CLI_JAR);

        assertThat(entries)
                .contains(
                        "simplelogger.properties",
                        "org/slf4j/simple/SimpleLogger.class",
                        "picocli/CommandLine.class",
                        "com/zaxxer/hikari/HikariDataSource.class",
                        "org/postgresql/Driver.class",
                        "org/flywaydb/database/postgresql/PostgreSQLDatabaseType.class",
                        "dev/forensics/store/cli/Main.class");
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
