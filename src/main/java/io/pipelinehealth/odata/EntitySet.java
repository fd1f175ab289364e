package io.pipelinehealth.odata;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One entity set of the service: its entity type's properties (CSDL), key and filterable fields. */
record EntitySet(String name, String typeName, String key, List<Property> properties, Set<String> filterable,
        Set<String> instantFields) {

    record Property(String name, String edmType, boolean nullable) {
    }

    boolean has(String property) {
        return properties.stream().anyMatch(p -> p.name().equals(property));
    }

    /**
     * The properties of a record as CSDL, in declaration order; a {@link JsonUnwrapped} component's
     * own components take its place, as in the JSON. Primitives are not nullable.
     */
    static List<Property> of(Class<? extends Record> type) {
        List<Property> properties = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> java = component.getType();
            if (component.isAnnotationPresent(JsonUnwrapped.class) && java.isRecord()) {
                @SuppressWarnings("unchecked")
                Class<? extends Record> nested = (Class<? extends Record>) java;
                properties.addAll(of(nested));
            } else {
                properties.add(new Property(component.getName(), edm(java), !java.isPrimitive()));
            }
        }
        return properties;
    }

    static String edm(Class<?> java) {
        if (java == long.class || java == Long.class) {
            return "Edm.Int64";
        }
        if (java == int.class || java == Integer.class) {
            return "Edm.Int32";
        }
        if (java == double.class || java == Double.class) {
            return "Edm.Double";
        }
        if (java == boolean.class || java == Boolean.class) {
            return "Edm.Boolean";
        }
        if (java == BigDecimal.class) {
            return "Edm.Decimal";
        }
        if (java == Instant.class) {
            return "Edm.DateTimeOffset";
        }
        return "Edm.String"; // text and enums
    }
}
