package com.example.scraper;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What depending on forensics-store (SQLite only) does not bring into this project. */
class LeanClasspathTest {
    @Test
    void noLoggingConfigurationComesWithTheLibrary() {
        assertNull(getClass().getClassLoader().getResource("simplelogger.properties"));
    }

    @Test
    void noLoggingBindingNoPostgresqlStackAndNoCliParserComeWithTheLibrary() {
        for (String name : new String[] {
            "org.slf4j.simple.SimpleLogger",
            "org.postgresql.Driver",
            "com.zaxxer.hikari.HikariDataSource",
            "org.flywaydb.database.postgresql.PostgreSQLDatabaseType",
            "picocli.CommandLine"
        }) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
    }
}
