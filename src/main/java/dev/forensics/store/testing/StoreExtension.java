package dev.forensics.store.testing;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.internal.LeakDetector;
import dev.forensics.store.internal.LeakDetector.OpenedRepository;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JUnit 5 extension that gives each test a fresh, migrated database and fails the test when it leaks one:
 * <pre>{@code
 * @ExtendWith(StoreExtension.class)
 * class ScraperTest {
 *     @Test
 *     void storesWhatItScrapes(Repository repo) { ... }    // a new migrated SQLite file, closed and deleted after the test
 * }
 * }</pre>
 * Test methods and {@code @BeforeEach}/{@code @AfterEach} methods may ask for:
 * <ul>
 *   <li>{@link Repository}: one open Repository on the test's database; the extension closes it after the test;</li>
 *   <li>{@link Database}: that database, to open more Repositories ({@code new Repository(db)}), which the test closes;</li>
 *   <li>{@link Path} (not annotated {@code @TempDir}): the SQLite file, e.g. for another process;</li>
 *   <li>{@link SettableClock}: the clock of every timestamp the DAOs write, standing still until the test moves it.</li>
 * </ul>
 * After each test (and its {@code @AfterEach} methods) the extension closes the injected Repository, then fails the
 * test when a Repository opened during it is still open or was dropped without {@code close()}, or when descriptors are
 * still open on the database file (Linux), naming each leak and the line that opened it; the leaked Repositories are
 * then closed so that later tests are not affected. The leak check counts every Repository of the JVM, so it assumes
 * tests run one at a time (JUnit's default, not {@code junit.jupiter.execution.parallel.enabled}).
 * <p>With the system property {@value #POSTGRES_URL_PROPERTY} set to a {@code jdbc:postgresql:} URL, each test gets a
 * new schema on that server instead (dropped after it; user and password from the URL, or the properties
 * {@value #POSTGRES_USER_PROPERTY} and {@value #POSTGRES_PASSWORD_PROPERTY}); a {@link Path} parameter is then refused.
 * The PostgreSQL artifacts must be on the test classpath (README, PostgreSQL).
 * <p>Options: {@code @RegisterExtension static final StoreExtension store = StoreExtension.withOptions(options);} -- the
 * options' clock gives only the instant the test's {@link SettableClock} starts at.
 * <p>{@code junit-jupiter-api} is an optional dependency of this library: the test scope of the build that uses this
 * class brings it.
 */
public final class StoreExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** The system property whose {@code jdbc:postgresql:} URL makes every test use a new schema on that server. */
    public static final String POSTGRES_URL_PROPERTY = "forensics.store.test.postgresUrl";
    /** The system property with the PostgreSQL user, when the URL names none. */
    public static final String POSTGRES_USER_PROPERTY = "forensics.store.test.postgresUser";
    /** The system property with the PostgreSQL password, when the URL holds none. */
    public static final String POSTGRES_PASSWORD_PROPERTY = "forensics.store.test.postgresPassword";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoreExtension.class);
    private static final Set<Class<?>> RESOLVED =
            Set.of(Repository.class, Database.class, Path.class, SettableClock.class);

    private final StoreOptions options;

    /** The extension with {@link StoreOptions#defaults()}; what {@code @ExtendWith(StoreExtension.class)} uses. */
    public StoreExtension() {
        this(StoreOptions.defaults());
    }

    private StoreExtension(StoreOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The extension with these options for every Repository it opens, for {@code @RegisterExtension}; the test's clock
     * starts at {@code options.clock().instant()}.
     */
    public static StoreExtension withOptions(StoreOptions options) {
        return new StoreExtension(options);
    }

    /** Prepares the test's fixture; the database itself is made when a parameter first asks for it. */
    @Override
    public void beforeEach(ExtensionContext context) {
        String postgresUrl = System.getProperty(POSTGRES_URL_PROPERTY);
        context.getStore(NAMESPACE)
                .put(
                        Keys.FIXTURE,
                        new StoreFixture(options, postgresUrl == null || postgresUrl.isBlank() ? null : postgresUrl));
        context.getStore(NAMESPACE).put(Keys.MARK, LeakDetector.mark());
    }

    /**
     * Closes the injected Repository, checks for leaks, removes the database.
     *
     * @throws AssertionError naming each leaked Repository with where it was opened, and each descriptor left open
     */
    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        StoreFixture fixture = store.remove(Keys.FIXTURE, StoreFixture.class);
        long mark = store.remove(Keys.MARK, Long.class);
        if (fixture == null) {
            return;
        }
        try (fixture) {
            fixture.closeRepository();
            List<OpenedRepository> open = LeakDetector.openSince(mark);
            LeakReport report = new LeakReport(open, LeakDetector.leakedSince(mark), fixture.descriptorsLeft());
            open.forEach(LeakDetector::reclaim);
            report.throwIfAny(context.getDisplayName());
        }
    }

    /** Test methods and {@code @BeforeEach}/{@code @AfterEach} methods may take the types listed in the class comment. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return RESOLVED.contains(type)
                && parameter.getDeclaringExecutable() instanceof Method
                && !(type == Path.class && parameter.isAnnotated(TempDir.class));
    }

    /**
     * The test's Repository, Database, SQLite file or clock.
     *
     * @throws ParameterResolutionException for a {@link Path} on PostgreSQL, or outside a test method's lifecycle
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        StoreFixture fixture = context.getStore(NAMESPACE).get(Keys.FIXTURE, StoreFixture.class);
        if (fixture == null) {
            throw new ParameterResolutionException(
                    "StoreExtension injects into test methods and @BeforeEach/@AfterEach methods only, not "
                            + parameter.getDeclaringExecutable().getName() + " (a @BeforeAll method or constructor)");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == Repository.class) {
            return fixture.repository();
        }
        if (type == Database.class) {
            return fixture.database();
        }
        if (type == SettableClock.class) {
            return fixture.clock();
        }
        return fixture.file()
                .orElseThrow(() -> new ParameterResolutionException("StoreExtension has no database file to give "
                        + parameter.getDeclaringExecutable().getName() + ": this run uses PostgreSQL (system property "
                        + POSTGRES_URL_PROPERTY
                        + "); ask for a Repository or a Database instead of a Path"));
    }

    private enum Keys {
        FIXTURE,
        MARK
    }

    /** What one test leaked; empty when nothing. */
    private record LeakReport(List<OpenedRepository> open, List<OpenedRepository> collected, List<String> descriptors) {

        void throwIfAny(String test) {
            if (open.isEmpty() && collected.isEmpty() && descriptors.isEmpty()) {
                return;
            }
            List<String> lines = new ArrayList<>();
            for (OpenedRepository repository : open) {
                lines.add("a Repository on " + repository.displayName() + " left open, opened "
                        + OpenSite.describe(repository));
            }
            for (OpenedRepository repository : collected) {
                lines.add("a Repository on " + repository.displayName()
                        + " dropped without close() (the garbage collector closed it), opened "
                        + OpenSite.describe(repository));
            }
            if (!descriptors.isEmpty()) {
                lines.add(descriptors.size() + " file descriptor(s) still open on the database file: "
                        + String.join(", ", descriptors));
            }
            AssertionError failure = new AssertionError(
                    "StoreExtension: " + test + " leaked " + String.join("; ", lines)
                            + ". Close every Repository (and connection) the test opens, e.g. with try-with-resources; the injected Repository is closed for you.");
            open.forEach(repository -> OpenSite.attach(failure, repository));
            collected.forEach(repository -> OpenSite.attach(failure, repository));
            throw failure;
        }
    }
}
