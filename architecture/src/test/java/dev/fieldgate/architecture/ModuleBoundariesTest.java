package dev.fieldgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;

/**
 * The arrows allowed between Fieldgate's modules. Each module's public API lives in {@code dev.fieldgate.<module>};
 * everything else in {@code dev.fieldgate.<module>.internal}. Rules about modules that are not on the class path
 * yet pass vacuously and start biting as soon as the module exists.
 */
@AnalyzeClasses(packages = "dev.fieldgate", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    private static final List<String> MODULES =
            List.of("config", "policy", "resolvers", "sdk", "local", "verify", "samples", "testing");

    @ArchTest
    static final ArchRule policyDependsOnNoOtherKitModuleNorSpringNorTheAwsSdk = noClasses()
            .that()
            .resideInAPackage("dev.fieldgate.policy..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.fieldgate.resolvers..",
                    "dev.fieldgate.sdk..",
                    "dev.fieldgate.local..",
                    "dev.fieldgate.verify..",
                    "dev.fieldgate.samples..",
                    "org.springframework..",
                    "software.amazon..",
                    "com.amazonaws..")
            .because("policy is the root of the kit: graphql-java and Jackson only");

    @ArchTest
    static final ArchRule configOwnsTheContractFilesWithJacksonOnly = noClasses()
            .that()
            .resideInAPackage("dev.fieldgate.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.fieldgate.policy..",
                    "dev.fieldgate.resolvers..",
                    "dev.fieldgate.sdk..",
                    "dev.fieldgate.local..",
                    "dev.fieldgate.verify..",
                    "dev.fieldgate.samples..",
                    "org.springframework..",
                    "software.amazon..",
                    "com.amazonaws..",
                    "org.slf4j..")
            .because("fieldgate.json and the outputs file have one owner that every module, the SDK included, can "
                    + "use: Jackson only, no framework");

    @ArchTest
    static final ArchRule sdkNeverDependsOnSpringResolversLocalOrPolicyInternals = noClasses()
            .that()
            .resideInAPackage("dev.fieldgate.sdk..")
            .and()
            .resideOutsideOfPackage("dev.fieldgate.sdk.spring..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "dev.fieldgate.resolvers..",
                    "dev.fieldgate.local..",
                    "dev.fieldgate.policy.internal..")
            .because("partner apps add the SDK without Spring; the Spring Boot starter is its own module")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule resolversNeverDependOnLocalOrSdk = noClasses()
            .that()
            .resideInAPackage("dev.fieldgate.resolvers..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.fieldgate.local..", "dev.fieldgate.sdk..")
            .because("the resolver runtime runs on Lambda, where neither exists")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule verifyChecksFromTheOutsideOnly = noClasses()
            .that()
            .resideInAPackage("dev.fieldgate.verify..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.fieldgate.resolvers..", "dev.fieldgate.local..", "org.springframework..")
            .because("verify checks a deployed environment through AWS's APIs, as any client of it would")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule localRunsResolversOnlyThroughTheirHandlerString = noClasses()
            .that()
            .resideInAPackage("dev.fieldgate.local..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.fieldgate.resolvers..")
            .because("the local stack loads a resolver function by its Lambda handler string, as Lambda does")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule localCoreDependsOnNoService = noClasses()
            .that()
            .resideInAPackage("dev.fieldgate.local.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.fieldgate.local.cognito..",
                    "dev.fieldgate.local.appsync..",
                    "dev.fieldgate.local.controlplane..",
                    "dev.fieldgate.local",
                    "dev.fieldgate.local.internal..",
                    "dev.fieldgate.local.cli..",
                    "dev.fieldgate.policy..",
                    "dev.fieldgate.sdk..")
            .because("the local core (HTTP routing, state, AWS JSON protocol, SigV4, IAM evaluation) serves every "
                    + "local service and knows none of them");

    @ArchTest
    static final ArchRule localCognitoAndAppSyncNeverDependOnEachOther = CompositeArchRule.of(List.of(
                    noClasses()
                            .that()
                            .resideInAPackage("dev.fieldgate.local.cognito..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAPackage("dev.fieldgate.local.appsync..")
                            .allowEmptyShould(true),
                    noClasses()
                            .that()
                            .resideInAPackage("dev.fieldgate.local.appsync..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAPackage("dev.fieldgate.local.cognito..")
                            .allowEmptyShould(true)))
            .as("local Cognito and local AppSync never depend on each other")
            .because("AppSync verifies Cognito's tokens through JWKS and identity-pool credentials through SigV4, "
                    + "as on AWS");

    @ArchTest
    static final ArchRule onlyTheLocalStackComposesTheServices = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.fieldgate.local.core..",
                    "dev.fieldgate.local.cognito..",
                    "dev.fieldgate.local.appsync..",
                    "dev.fieldgate.local.controlplane..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.fieldgate.local", "dev.fieldgate.local.internal..", "dev.fieldgate.local.cli..")
            .because("services are composed by the stack (fieldgate-local); none of them knows the stack")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule localControlPlaneAnswersFromStateNotFromTheEndpoint = noClasses()
            .that()
            .resideInAPackage("dev.fieldgate.local.controlplane..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.fieldgate.local.appsync..")
            .because("the control plane describes what was deployed, from the stack's state, not from the running "
                    + "GraphQL endpoint")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule localUsesOnlyTheSdksSrpModule = noClasses()
            .that()
            .resideInAPackage("dev.fieldgate.local..")
            .should()
            .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "SDK classes other than the shared SRP math",
                    (com.tngtech.archunit.core.domain.JavaClass c) ->
                            c.getPackageName().startsWith("dev.fieldgate.sdk")
                                    && !c.getPackageName().startsWith("dev.fieldgate.sdk.srp")))
            .because("the local stack shares only Cognito's SRP math with the SDK, so client and server cannot drift")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyTestsUseTheTestSupport = noClasses()
            .that()
            .resideOutsideOfPackage("dev.fieldgate.testing..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.fieldgate.testing..")
            .because("fieldgate-test-support (fake callers and tokens, DynamoDB Local) is for tests: a library or a "
                    + "function that needed it would ship it to Lambda; priming builds its events with "
                    + "resolvers-core's own AppSyncEvent builder and AppSyncEventWriter");

    @ArchTest
    static final ArchRule samplesUseOnlyPublicApi = noClasses()
            .that()
            .resideInAPackage("dev.fieldgate.samples..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.fieldgate.(*).internal..")
            .because("samples are templates teams copy; internal packages may change without notice")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule nothingOutsideAModuleTouchesItsInternals = CompositeArchRule.of(MODULES.stream()
                    .map(module -> noClasses()
                            .that()
                            .resideOutsideOfPackage("dev.fieldgate." + module + "..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAPackage("dev.fieldgate." + module + ".internal..")
                            .allowEmptyShould(true))
                    .map(ArchRule.class::cast)
                    .toList())
            .as("no module touches another module's internal packages");

    @ArchTest
    static final ArchRule eachModuleHasOneUncheckedExceptionRoot = CompositeArchRule.of(List.of(
                    exceptionsOf("dev.fieldgate.config..", "dev.fieldgate.config.ConfigException"),
                    exceptionsOf("dev.fieldgate.policy..", "dev.fieldgate.policy.PolicyException"),
                    exceptionsOf("dev.fieldgate.resolvers..", "dev.fieldgate.resolvers.ResolverException"),
                    exceptionsOf("dev.fieldgate.local..", "dev.fieldgate.local.core.LocalStackException"),
                    exceptionsOf("dev.fieldgate.sdk.srp..", "dev.fieldgate.sdk.srp.SrpException"),
                    exceptionsOf(
                            "dev.fieldgate.sdk..", "dev.fieldgate.sdk.FieldgateException", "dev.fieldgate.sdk.srp.."),
                    exceptionsOf("dev.fieldgate.verify..", "dev.fieldgate.verify.VerifyException")))
            .as("each module's exceptions share one unchecked root");

    private static ArchRule exceptionsOf(String packages, String root, String... except) {
        return classes()
                .that()
                .resideInAPackage(packages)
                .and()
                .resideOutsideOfPackages(except)
                .and()
                .areAssignableTo(RuntimeException.class)
                .and()
                .areTopLevelClasses()
                .and()
                .arePublic()
                .should()
                .beAssignableTo(root)
                .because("callers catch one unchecked exception tree per module, whose messages say what to fix")
                .allowEmptyShould(true);
    }

    @ArchTest
    static final ArchRule onlyCommandLinesPrint = noClasses()
            .that()
            .resideOutsideOfPackages("..cli..", "..bench..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("libraries log or return; only command-line entry points print");

    @ArchTest
    static final ArchRule noJavaUtilLogging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
