package dev.forensics.store;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Rules the compiler does not enforce. Phase 2 of ADR-006: nothing in src/main outside {@code legacy} calls a
 * method or constructor deprecated for removal (ours or a library's), so phase 3 can delete the shim.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.forensics.store");
    }

    @Test
    void noCodeOutsideTheLegacyShimCallsAnythingDeprecatedForRemoval() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.forensics.store.legacy..")
                .should().callCodeUnitWhere(targetDeprecatedForRemoval())
                .because("ADR-006 phase 2: callers use Repository; only the shim may remain until phase 3 removes it");
        rule.check(main);
    }

    @Test
    void onlyTheCliPrintsToStandardOutput() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.forensics.store.cli..")
                .should().accessField(System.class, "out")
                .because("the library logs through SLF4J; only the CLI prints");
        rule.check(main);
    }

    private static DescribedPredicate<JavaAccess<?>> targetDeprecatedForRemoval() {
        return DescribedPredicate.describe("target is @Deprecated(forRemoval = true)", access -> {
            Optional<? extends JavaCodeUnit> target = access.getTarget() instanceof CodeUnitAccessTarget unit
                    ? unit.resolveMember() : Optional.empty();
            return target.map(member -> forRemoval(member) || forRemoval(member.getOwner())).orElse(false);
        });
    }

    private static boolean forRemoval(HasAnnotations<?> element) {
        return element.isAnnotatedWith(Deprecated.class) && element.getAnnotationOfType(Deprecated.class).forRemoval();
    }
}
