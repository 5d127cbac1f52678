package dev.fieldgate.resolvers.spring.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindingPostProcessor;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.annotation.AnnotationConfigUtils;

/**
 * Trims what Spring Cloud Function's functional start registers by default to what a resolver function uses.
 * Runs after Spring Cloud Function's registrar, which adds those beans while the context refreshes, and before any
 * of them is created.
 *
 * <ul>
 *   <li>The JSON mappers it registers stay unbuilt (lazy) when the resolver function brings its own: nothing asks
 *       for them, and building them is a good part of a cold start (a second ObjectMapper with the Joda and
 *       java.time modules). Should anything ask for one, it is built then.</li>
 *   <li>Unless told to keep them, the annotation processors it switches on are left out: {@code @Autowired},
 *       {@code @Value} and {@code @Inject}; {@code @PostConstruct}, {@code @PreDestroy} and {@code @Resource};
 *       {@code @EventListener}; {@code @ConfigurationProperties} binding. Beans registered functionally (with a
 *       supplier) use none of them, yet each processor inspects every bean's class, methods and fields while the
 *       context starts — for the resolver function's beans about 150 classes loaded for nothing and a tenth of the
 *       start. {@code ApplicationListener} beans, {@code Lifecycle} beans, {@code ${...}} placeholders and
 *       constructor injection of {@code registerBean(SomeType.class)} keep working.</li>
 * </ul>
 */
public final class LeanFunctionDefaults implements BeanFactoryPostProcessor {

    // Registered by ConfigurationPropertiesBindingPostProcessor.register next to the post-processor; the constant
    // naming it is not public.
    private static final String CONFIGURATION_PROPERTIES_BINDER =
            "org.springframework.boot.context.internalConfigurationPropertiesBinder";

    private static final List<String> ANNOTATION_PROCESSORS = List.of(
            AnnotationConfigUtils.AUTOWIRED_ANNOTATION_PROCESSOR_BEAN_NAME,
            AnnotationConfigUtils.COMMON_ANNOTATION_PROCESSOR_BEAN_NAME,
            AnnotationConfigUtils.PERSISTENCE_ANNOTATION_PROCESSOR_BEAN_NAME,
            AnnotationConfigUtils.EVENT_LISTENER_PROCESSOR_BEAN_NAME,
            AnnotationConfigUtils.EVENT_LISTENER_FACTORY_BEAN_NAME,
            ConfigurationPropertiesBindingPostProcessor.BEAN_NAME,
            CONFIGURATION_PROPERTIES_BINDER);

    private final String ownJsonMapper;
    private final boolean keepAnnotationProcessing;

    public LeanFunctionDefaults(String ownJsonMapper, boolean keepAnnotationProcessing) {
        this.ownJsonMapper = ownJsonMapper;
        this.keepAnnotationProcessing = keepAnnotationProcessing;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        for (String name : beanFactory.getBeanNamesForType(JsonMapper.class, true, false)) {
            if (!name.equals(ownJsonMapper) && beanFactory.containsBeanDefinition(name)) {
                beanFactory.getBeanDefinition(name).setLazyInit(true);
            }
        }
        // The plain ObjectMapper Spring Cloud Function registers only to copy it into its JsonMapper.
        String defaultObjectMapper = ObjectMapper.class.getName();
        if (beanFactory.containsBeanDefinition(defaultObjectMapper)) {
            beanFactory.getBeanDefinition(defaultObjectMapper).setLazyInit(true);
        }
        if (!keepAnnotationProcessing && beanFactory instanceof BeanDefinitionRegistry registry) {
            for (String name : ANNOTATION_PROCESSORS) {
                if (registry.containsBeanDefinition(name)) {
                    registry.removeBeanDefinition(name);
                }
            }
        }
    }
}
