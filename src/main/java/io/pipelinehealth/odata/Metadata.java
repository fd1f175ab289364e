package io.pipelinehealth.odata;

import java.util.List;

/** The CSDL XML document ($metadata) and the JSON service document of the entity sets. */
final class Metadata {

    static final String NAMESPACE = "PipelineHealth";

    private Metadata() {
    }

    static String csdl(List<EntitySet> sets) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="utf-8"?>
                <edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
                  <edmx:DataServices>
                    <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="%s">
                """.formatted(NAMESPACE));
        for (EntitySet set : sets) {
            xml.append("      <EntityType Name=\"").append(set.typeName()).append("\">\n")
                    .append("        <Key><PropertyRef Name=\"").append(set.key()).append("\"/></Key>\n");
            for (EntitySet.Property p : set.properties()) {
                xml.append("        <Property Name=\"").append(p.name()).append("\" Type=\"").append(p.edmType())
                        .append('"');
                if (!p.nullable() || p.name().equals(set.key())) {
                    xml.append(" Nullable=\"false\"");
                }
                if (p.edmType().equals("Edm.DateTimeOffset")) {
                    xml.append(" Precision=\"6\"");
                }
                xml.append("/>\n");
            }
            xml.append("      </EntityType>\n");
        }
        xml.append("      <EntityContainer Name=\"Container\">\n");
        for (EntitySet set : sets) {
            xml.append("        <EntitySet Name=\"").append(set.name()).append("\" EntityType=\"").append(NAMESPACE)
                    .append('.').append(set.typeName()).append("\"/>\n");
        }
        return xml.append("""
                      </EntityContainer>
                    </Schema>
                  </edmx:DataServices>
                </edmx:Edmx>
                """).toString();
    }
}
