package dev.sluice.processors.policy;

import dev.sluice.schemas.avro.RejectReason;
import java.util.List;

/** What policy decided: the models the request may use, or why it may use none. */
public sealed interface PolicyDecision {

    /** @param allowedModels in catalogue order; never empty */
    record Allowed(List<String> allowedModels) implements PolicyDecision {
        public Allowed {
            allowedModels = List.copyOf(allowedModels);
            if (allowedModels.isEmpty()) {
                throw new IllegalArgumentException("allowedModels must not be empty");
            }
        }
    }

    record Denied(RejectReason reason, String detail) implements PolicyDecision {
    }
}
