package dev.ordersystem.notifications;

import static dev.ordersystem.localstack.architecture.PackageRules.featuresAreFreeOfCycles;
import static dev.ordersystem.localstack.architecture.PackageRules.noClassIn;
import static dev.ordersystem.localstack.architecture.PackageRules.repositoriesStayInsideTheirFeature;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/** Keeps the package-by-feature boundaries of the notification service honest. */
@AnalyzeClasses(packages = "dev.ordersystem.notifications", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    private static final String NOTIFICATION = "..notifications.notification..";
    private static final String INBOX = "..notifications.inbox..";
    private static final String EMAIL = "..notifications.email..";
    private static final String FEED = "..notifications.feed..";
    private static final String DEAD_LETTER = "..notifications.deadletter..";
    private static final String LAG = "..notifications.lag..";
    private static final String KAFKA = "..notifications.kafka..";
    private static final String WEB = "..notifications.web..";
    private static final String KAFKA_CLIENTS = "org.apache.kafka..";
    private static final String SPRING_KAFKA = "org.springframework.kafka..";

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = featuresAreFreeOfCycles("dev.ordersystem.notifications");

    @ArchTest
    static final ArchRule notificationsKnowNothingOfKafkaOrTheirChannels = noClassIn(
            List.of(NOTIFICATION), INBOX, EMAIL, FEED, DEAD_LETTER, LAG, KAFKA, WEB, KAFKA_CLIENTS, SPRING_KAFKA);

    @ArchTest
    static final ArchRule onlyTheFeedsWebLayerKnowsTheWeb = noClassIn(
            List.of(NOTIFICATION, "..notifications.feed", "..notifications.feed.stream.."),
            "..notifications.feed.web..",
            "org.springframework.web..");

    @ArchTest
    static final ArchRule emailOnlyListensToNotifications =
            noClassIn(List.of(EMAIL), INBOX, FEED, DEAD_LETTER, LAG, KAFKA_CLIENTS, SPRING_KAFKA);

    @ArchTest
    static final ArchRule onlyTheKafkaFacingFeaturesTalkToKafka =
            noClassIn(List.of(NOTIFICATION, EMAIL, FEED, WEB), KAFKA_CLIENTS, SPRING_KAFKA);

    @ArchTest
    static final ArchRule theInboxIsTheOnlyWayIntoNotifications =
            noClassIn(List.of(DEAD_LETTER, LAG, KAFKA), NOTIFICATION, EMAIL, FEED);

    @ArchTest
    static final ArchRule repositoriesStayInsideTheirFeature = repositoriesStayInsideTheirFeature();

    @ArchTest
    static final ArchRule theSharedRootDependsOnNoFeature =
            noClassIn(List.of("dev.ordersystem.notifications"), "dev.ordersystem.notifications.(*)..");
}
