package dev.fieldgate.resolvers.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.resolvers.spring.internal.AppSyncFunctionCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.convert.ConversionService;

/** What the functional start registers: the resolver, its lean catalog, the priming hook, and nothing scanned. */
class FunctionalContextTest {

    @Test
    void theContextHoldsTheResolverFunctionInItsOwnCatalog() {
        try (ConfigurableApplicationContext context = FunctionalSpringApplication.run(
                new Class<?>[] {TestPinsApplication.class}, new String[0])) {
            assertThat(context.getBeansOfType(FunctionCatalog.class)).hasSize(1).allSatisfy((name, catalog) ->
                    assertThat(catalog).isInstanceOf(AppSyncFunctionCatalog.class));
            // Spring Cloud Function's default catalog would have brought conversion services along.
            assertThat(context.getBeansOfType(ConversionService.class)).isEmpty();
            assertThat(context.getBeansOfType(SnapStartPriming.class)).hasSize(1);

            FunctionInvocationWrapper function = context.getBean(FunctionCatalog.class).lookup(null,
                    "application/json");
            assertThat(function.getTarget()).isInstanceOf(AppSyncFunction.class);
            assertThat(function.isSkipOutputConversion()).isTrue();
        }
    }
}
