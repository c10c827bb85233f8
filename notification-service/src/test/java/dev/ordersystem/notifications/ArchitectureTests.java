package dev.ordersystem.notifications;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the package-by-feature boundaries of the notification service honest. */
@AnalyzeClasses(packages = "dev.ordersystem.notifications", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles =
            slices().matching("dev.ordersystem.notifications.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule notificationsKnowNothingOfKafkaOrTheirChannels = noClasses()
            .that()
            .resideInAPackage("..notifications.notification..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "..notifications.inbox..",
                    "..notifications.email..",
                    "..notifications.feed..",
                    "..notifications.deadletter..",
                    "..notifications.lag..",
                    "..notifications.kafka..",
                    "..notifications.web..",
                    "org.apache.kafka..",
                    "org.springframework.kafka..");

    @ArchTest
    static final ArchRule onlyTheFeedsWebLayerKnowsTheWeb = noClasses()
            .that()
            .resideInAnyPackage(
                    "..notifications.notification..", "..notifications.feed", "..notifications.feed.stream..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..notifications.feed.web..", "org.springframework.web..");

    @ArchTest
    static final ArchRule emailOnlyListensToNotifications = noClasses()
            .that()
            .resideInAPackage("..notifications.email..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "..notifications.inbox..",
                    "..notifications.feed..",
                    "..notifications.deadletter..",
                    "..notifications.lag..",
                    "org.apache.kafka..",
                    "org.springframework.kafka..");

    @ArchTest
    static final ArchRule onlyTheKafkaFacingFeaturesTalkToKafka = noClasses()
            .that()
            .resideInAnyPackage(
                    "..notifications.notification..",
                    "..notifications.email..",
                    "..notifications.feed..",
                    "..notifications.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..");

    @ArchTest
    static final ArchRule theInboxIsTheOnlyWayIntoNotifications = noClasses()
            .that()
            .resideInAnyPackage("..notifications.deadletter..", "..notifications.lag..", "..notifications.kafka..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..notifications.notification..", "..notifications.email..", "..notifications.feed..");

    @ArchTest
    static final ArchRule repositoriesStayInsideTheirFeature =
            classes().that().haveSimpleNameEndingWith("Repository").should().notBePublic();

    @ArchTest
    static final ArchRule theSharedRootDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("dev.ordersystem.notifications")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.ordersystem.notifications.(*)..");
}
