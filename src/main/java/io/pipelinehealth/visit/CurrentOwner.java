package io.pipelinehealth.visit;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.identity.OpportunityOwners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Who owns an opportunity at an instant (rule 3, with hand-offs back to sales), read from the one
 * stored position it stands in then: one indexed row, where a whole opportunity view would replay
 * its history. The same rule as the lists' owner ({@link OwnerAtAsOf}).
 */
@ApplicationScoped
public class CurrentOwner implements OpportunityOwners {

    private static final String STANDING = """
            select %s as owner
            from visit v
            where v.tenant_id = :tenant and v.opportunity_id = :opportunity and v.kind <> 'SKIPPED'
              and v.entered_at <= :asOf and (v.left_at is null or v.left_at > :asOf)
            order by v.seq desc
            limit 1
            """.formatted(OwnerAtAsOf.SQL);

    @Inject AgroalDataSource dataSource;

    @Override
    public Optional<String> ownerAt(String tenant, String opportunityId, Instant asOf) {
        return new NamedSql(STANDING).set("tenant", tenant).set("opportunity", opportunityId).set("asOf", asOf)
                .first(dataSource, row -> row.getString("owner"));
    }
}
