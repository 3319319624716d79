package dev.forensics.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules the compiler does not enforce. Phase 2 of ADR-006: nothing in src/main outside {@code legacy} calls a
 * method or constructor deprecated for removal (ours or a library's), so phase 3 can delete the shim. ADR-012: the
 * core knows no vendor (except the {@code Path} conveniences of Repository), no vendor knows Repository, and the
 * feature packages form no dependency cycle.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.forensics.store");
    }

    @Test
    void noCodeOutsideTheLegacyShimCallsAnythingDeprecatedForRemoval() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackage("dev.forensics.store.legacy..")
                .should()
                .callCodeUnitWhere(targetDeprecatedForRemoval())
                .because("ADR-006 phase 2: callers use Repository; only the shim may remain until phase 3 removes it");
        rule.check(main);
    }

    @Test
    void onlyTheCliPrintsToStandardOutput() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackage("dev.forensics.store.cli..")
                .should()
                .accessField(System.class, "out")
                .because("the library logs through SLF4J; only the CLI prints");
        rule.check(main);
    }

    @Test
    void theCoreDependsOnNoVendorPackageExceptThroughRepositorysPathConveniences() {
        List<String> violations = main.stream()
                .filter(type -> isCore(type.getPackageName()))
                .flatMap(type -> type.getDirectDependenciesFromSelf().stream())
                .filter(dependency -> isVendor(dependency.getTargetClass().getPackageName()))
                .filter(dependency -> !isRepositoryPathConvenience(dependency))
                .map(Dependency::getDescription)
                .toList();

        assertThat(violations)
                .as("ADR-012: the core speaks to Database and its roles; vendor behaviour sits behind them")
                .isEmpty();
    }

    @Test
    void noVendorPackageDependsOnRepository() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage(VENDOR_PACKAGES)
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(Repository.class)
                .because(
                        "ADR-012: a vendor implements Database and its roles; the Repository is built on them, not the reverse");
        rule.check(main);
    }

    @Test
    void theFeaturePackagesFormNoDependencyCycle() {
        ArchRule rule = slices().matching("dev.forensics.store.(*)..")
                .should()
                .beFreeOfCycles()
                .because("ADR-012: each package can be read, tested and replaced on its own");
        rule.check(main);
    }

    @Test
    void onlyTheRepositoryConstructsDaos() {
        ArchRule rule = noClasses()
                .that()
                .doNotBelongToAnyOf(Repository.class)
                .should()
                .accessTargetWhere(DescribedPredicate.describe(
                        "target is a DAO's constructor (called or referenced)",
                        access -> access.getTarget().getName().equals("<init>")
                                && access.getTargetOwner().getSimpleName().endsWith("Dao")
                                && access.getTargetOwner().getPackageName().startsWith("dev.forensics.store.")))
                .because(
                        "a DAO's constructor takes the block's Jdbi Handle and internal.DaoContext: not API; use repo.authors() etc.");
        rule.check(main);
    }

    private static final String[] VENDOR_PACKAGES = {"dev.forensics.store.sqlite..", "dev.forensics.store.postgres.."};
    /** What a user's program and the CLI build on; the vendors, the CLI, the legacy shim and the test kit are outside. */
    private static final Set<String> OUTSIDE_THE_CORE = Set.of("sqlite", "postgres", "cli", "legacy", "testing");

    private static boolean isCore(String packageName) {
        if (packageName.equals("dev.forensics.store")) {
            return true;
        }
        if (!packageName.startsWith("dev.forensics.store.")) {
            return false;
        }
        String feature = packageName.substring("dev.forensics.store.".length()).split("\\.")[0];
        return !OUTSIDE_THE_CORE.contains(feature);
    }

    private static boolean isVendor(String packageName) {
        return packageName.startsWith("dev.forensics.store.sqlite")
                || packageName.startsWith("dev.forensics.store.postgres");
    }

    /** {@code new Repository(Path)}, {@code new Repository(Path, StoreOptions)} and {@code Repository.migrate(Path)} open SQLite. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static boolean isRepositoryPathConvenience(Dependency dependency) {
        Set<JavaAccess> accesses = dependency.convertTo(JavaAccess.class);
        return !accesses.isEmpty()
                && accesses.stream().allMatch(access -> isRepositoryPathConvenience(access.getOrigin()));
    }

    private static boolean isRepositoryPathConvenience(JavaCodeUnit origin) {
        List<JavaClass> parameters = origin.getRawParameterTypes();
        return origin.getOwner().isEquivalentTo(Repository.class)
                && !parameters.isEmpty()
                && parameters.get(0).isEquivalentTo(Path.class)
                && (origin.isConstructor() || origin.getName().equals("migrate"));
    }

    private static DescribedPredicate<JavaAccess<?>> targetDeprecatedForRemoval() {
        return DescribedPredicate.describe("target is @Deprecated(forRemoval = true)", access -> {
            Optional<? extends JavaCodeUnit> target =
                    access.getTarget() instanceof CodeUnitAccessTarget unit ? unit.resolveMember() : Optional.empty();
            return target.map(member -> forRemoval(member) || forRemoval(member.getOwner()))
                    .orElse(false);
        });
    }

    private static boolean forRemoval(HasAnnotations<?> element) {
        return element.isAnnotatedWith(Deprecated.class)
                && element.getAnnotationOfType(Deprecated.class).forRemoval();
    }
}
