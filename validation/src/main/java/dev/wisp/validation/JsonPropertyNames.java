package dev.wisp.validation;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * Names properties in violation paths as the JSON body spells them, so a pointer says
 * {@code #/due_date} when the mapper uses snake case or {@code @JsonProperty("due_date")}, not the
 * Java name. Asks the app's own mapper, once per class (cached; classes are few and fixed).
 */
final class JsonPropertyNames implements PropertyNodeNameProvider {
    private final JsonMapper mapper;
    private final Map<Class<?>, Map<String, String>> byClass = new ConcurrentHashMap<>();

    JsonPropertyNames(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            String json = byClass.computeIfAbsent(bean.getDeclaringClass(), this::names).get(property.getName());
            if (json != null) {
                return json;
            }
        }
        return property.getName();
    }

    /** Java name → JSON name of the properties Jackson reads for {@code type}. */
    private Map<String, String> names(Class<?> type) {
        Map<String, String> names = new HashMap<>();
        try {
            // Jackson 3 exposes bean introspection through a context; this is the one readValue uses.
            DatabindContext context = mapper._deserializationContext();
            for (BeanPropertyDefinition p : context.introspectBeanDescription(context.constructType(type)).findProperties()) {
                names.put(p.getInternalName(), p.getName());
            }
        } catch (RuntimeException unintrospectable) {
            // A type Jackson cannot describe keeps the Java names; a pointer is still useful.
        }
        return Map.copyOf(names);
    }
}
