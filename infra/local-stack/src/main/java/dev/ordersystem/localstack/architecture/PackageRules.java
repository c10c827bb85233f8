package dev.ordersystem.localstack.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/** The ArchUnit rules the services' {@code ArchitectureTests} keep their package-by-feature boundaries with. */
public final class PackageRules {

    private PackageRules() {}

    /** No cycle between the features, the packages right below {@code root}. */
    public static ArchRule featuresAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** No class in any of {@code packages} depends on a class in any of {@code forbidden}. */
    public static ArchRule noClassIn(List<String> packages, String... forbidden) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages.toArray(String[]::new))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden);
    }

    /** A repository is package-private: only its feature uses it. */
    public static ArchRule repositoriesStayInsideTheirFeature() {
        return classes().that().haveSimpleNameEndingWith("Repository").should().notBePublic();
    }
}
