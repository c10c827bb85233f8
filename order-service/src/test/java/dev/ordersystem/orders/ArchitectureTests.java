package dev.ordersystem.orders;

import static dev.ordersystem.localstack.architecture.PackageRules.featuresAreFreeOfCycles;
import static dev.ordersystem.localstack.architecture.PackageRules.noClassIn;
import static dev.ordersystem.localstack.architecture.PackageRules.repositoriesStayInsideTheirFeature;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/** Keeps the package-by-feature boundaries of the order service honest. */
@AnalyzeClasses(packages = "dev.ordersystem.orders", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    private static final String ORDER = "..orders.order..";
    private static final String IDEMPOTENCY = "..orders.idempotency..";
    private static final String OUTBOX = "..orders.outbox..";
    private static final String RELAY = "..orders.relay..";
    private static final String SECURITY = "..orders.security..";
    private static final String WEB = "..orders.web..";

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = featuresAreFreeOfCycles("dev.ordersystem.orders");

    @ArchTest
    static final ArchRule theSharedWebPackageKnowsNoFeature =
            noClassIn(List.of(WEB), ORDER, IDEMPOTENCY, OUTBOX, RELAY, SECURITY);

    @ArchTest
    static final ArchRule securityKnowsNoFeature = noClassIn(List.of(SECURITY), ORDER, IDEMPOTENCY, OUTBOX, RELAY);

    @ArchTest
    static final ArchRule domainDoesNotKnowTheWeb =
            noClassIn(List.of("..orders.order"), "..orders.order.web..", WEB, "org.springframework.web..");

    @ArchTest
    static final ArchRule outboxDependsOnlyOnEventsNotOnTheDomainOrWeb = noClassIn(List.of(OUTBOX), ORDER, WEB);

    @ArchTest
    static final ArchRule theRequestPathNeverTalksToKafka = noClassIn(
            List.of(ORDER, OUTBOX, IDEMPOTENCY, WEB, SECURITY),
            "org.apache.kafka..",
            "org.springframework.kafka..",
            "io.debezium..");

    @ArchTest
    static final ArchRule theRelayKnowsOnlyTheOutboxTableNotTheDomainOrTheWeb =
            noClassIn(List.of(RELAY), ORDER, WEB, IDEMPOTENCY);

    @ArchTest
    static final ArchRule repositoriesStayInsideTheirFeature = repositoriesStayInsideTheirFeature();
}
