package dev.fieldgate.resolvers.spring.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cloud.function.json.JsonMapper;

/**
 * Leaves the JSON mappers that Spring Cloud Function's functional start registers by default unbuilt (lazy) when
 * the resolver function brings its own: nothing asks for them, and building them is a good part of a cold start
 * (a second ObjectMapper with the Joda and java.time modules). Should anything ask for one, it is built then.
 * Runs after Spring Cloud Function's registrar, which adds those beans while the context refreshes.
 */
public final class LeanFunctionDefaults implements BeanFactoryPostProcessor {

    private final String ownJsonMapper;

    public LeanFunctionDefaults(String ownJsonMapper) {
        this.ownJsonMapper = ownJsonMapper;
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
    }
}
