package dev.fieldgate.resolvers.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.resolvers.spring.internal.AppSyncFunctionCatalog;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.convert.ConversionService;

/** What the functional start registers: the resolver, its lean catalog, the priming hook, and nothing scanned. */
class FunctionalContextTest {

    @Test
    void theContextHoldsTheResolverFunctionInItsOwnCatalog() {
        try (ConfigurableApplicationContext context =
                FunctionalSpringApplication.run(new Class<?>[] {TestPinsApplication.class}, new String[0])) {
            assertThat(context.getBeansOfType(FunctionCatalog.class))
                    .hasSize(1)
                    .allSatisfy((name, catalog) -> assertThat(catalog).isInstanceOf(AppSyncFunctionCatalog.class));
            // Spring Cloud Function's default catalog would have brought conversion services along.
            assertThat(context.getBeansOfType(ConversionService.class)).isEmpty();
            assertThat(context.getBeansOfType(SnapStartPriming.class)).hasSize(1);
            // The adapter's JSON mapper is a plain one; Spring Cloud Function's default (with the Joda and
            // java.time modules on a second ObjectMapper) stays unbuilt.
            JsonMapper adapterMapper = context.getBean(JsonMapper.class);
            assertThat(adapterMapper).isInstanceOf(JacksonMapper.class);
            String[] mappers = context.getBeanNamesForType(JsonMapper.class);
            assertThat(mappers).hasSize(2);
            List<String> built = Arrays.stream(mappers)
                    .filter(context.getBeanFactory()::containsSingleton)
                    .toList();
            assertThat(built).hasSize(1);
            assertThat(context.getBean(built.get(0))).isSameAs(adapterMapper);
            assertThat(context.getBeanFactory().containsSingleton(ObjectMapper.class.getName()))
                    .isFalse();

            FunctionInvocationWrapper function =
                    context.getBean(FunctionCatalog.class).lookup(null, "application/json");
            assertThat(function.getTarget()).isInstanceOf(AppSyncFunction.class);
            assertThat(function.isSkipOutputConversion()).isTrue();
        }
    }

    @Test
    void annotationProcessingIsLeftOutUnlessAskedFor() {
        try (ConfigurableApplicationContext context = FunctionalSpringApplication.run(
                new Class<?>[] {TestPinsApplication.class, ProbeApplication.class}, new String[0])) {
            assertThat(context.getBeanFactory()
                            .containsBeanDefinition(AnnotationConfigUtils.AUTOWIRED_ANNOTATION_PROCESSOR_BEAN_NAME))
                    .isFalse();
            assertThat(context.getBeanFactory()
                            .containsBeanDefinition(AnnotationConfigUtils.EVENT_LISTENER_PROCESSOR_BEAN_NAME))
                    .isFalse();
            assertThat(context.getBean(Probe.class).injected).isNull();
            // Still a working function.
            assertThat(context.getBean(FunctionCatalog.class).<Object>lookup(null, "application/json"))
                    .isNotNull();
        }
        try (ConfigurableApplicationContext context = FunctionalSpringApplication.run(
                new Class<?>[] {TestPinsApplication.class, ProbeApplication.class},
                new String[] {"--" + AppSyncFunctions.ANNOTATION_PROCESSING_PROPERTY + "=true"})) {
            assertThat(context.getBeanFactory()
                            .containsBeanDefinition(AnnotationConfigUtils.AUTOWIRED_ANNOTATION_PROCESSOR_BEAN_NAME))
                    .isTrue();
            assertThat(context.getBean(Probe.class).injected).isSameAs(context.getBean(AppSyncResolverHolder.class));
        }
    }

    /** A bean that relies on {@code @Autowired}, registered the functional way. */
    public static final class ProbeApplication implements ApplicationContextInitializer<GenericApplicationContext> {
        @Override
        public void initialize(GenericApplicationContext context) {
            context.registerBean(AppSyncResolverHolder.class, AppSyncResolverHolder::new);
            context.registerBean(Probe.class, Probe::new);
        }
    }

    static final class AppSyncResolverHolder {}

    static final class Probe {
        AppSyncResolverHolder injected;

        @Autowired
        void inject(AppSyncResolverHolder holder) {
            this.injected = holder;
        }
    }
}
