package dev.ordersystem.orders;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the package-by-feature boundaries of the order service honest. */
@AnalyzeClasses(packages = "dev.ordersystem.orders", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles =
            slices().matching("dev.ordersystem.orders.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theSharedWebPackageKnowsNoFeature = noClasses()
            .that()
            .resideInAPackage("..orders.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "..orders.order..",
                    "..orders.idempotency..",
                    "..orders.outbox..",
                    "..orders.relay..",
                    "..orders.security..");

    @ArchTest
    static final ArchRule securityKnowsNoFeature = noClasses()
            .that()
            .resideInAPackage("..orders.security..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..orders.order..", "..orders.idempotency..", "..orders.outbox..", "..orders.relay..");

    @ArchTest
    static final ArchRule domainDoesNotKnowTheWeb = noClasses()
            .that()
            .resideInAPackage("..orders.order")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..orders.order.web..", "..orders.web..", "org.springframework.web..");

    @ArchTest
    static final ArchRule outboxDependsOnlyOnEventsNotOnTheDomainOrWeb = noClasses()
            .that()
            .resideInAPackage("..orders.outbox..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..orders.order..", "..orders.web..");

    @ArchTest
    static final ArchRule theRequestPathNeverTalksToKafka = noClasses()
            .that()
            .resideInAnyPackage(
                    "..orders.order..",
                    "..orders.outbox..",
                    "..orders.idempotency..",
                    "..orders.web..",
                    "..orders.security..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "io.debezium..");

    @ArchTest
    static final ArchRule theRelayKnowsOnlyTheOutboxTableNotTheDomainOrTheWeb = noClasses()
            .that()
            .resideInAPackage("..orders.relay..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..orders.order..", "..orders.web..", "..orders.idempotency..");

    @ArchTest
    static final ArchRule repositoriesStayInsideTheirFeature =
            classes().that().haveSimpleNameEndingWith("Repository").should().notBePublic();
}
