package dev.sluice.processors.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the stages need to decide: tenants, models and prices, policy, routing, templates and
 * limits. Immutable and validated on construction; loaded once at start (the control topics of a
 * later release will replace parts of it at run time).
 *
 * @param version content hash of the configuration source, recorded in every audit event
 */
public record GatewayConfig(
        String version,
        Map<String, Tenant> tenants,
        Map<String, ModelSpec> models,
        PolicyRules policy,
        RoutingRules routing,
        Map<String, Template> templates,
        ClassifierRules classifier,
        Limits limits,
        Resilience resilience,
        Map<String, ProviderLimits> providerLimits,
        RedactionRules redaction,
        String currency,
        BudgetRules budgets,
        AuditRules audit) {

    public GatewayConfig {
        require(version != null && !version.isBlank(), "version must not be blank");
        tenants = Map.copyOf(Objects.requireNonNull(tenants, "tenants"));
        models = Map.copyOf(Objects.requireNonNull(models, "models"));
        templates = Map.copyOf(Objects.requireNonNull(templates, "templates"));
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(redaction, "redaction");
        providerLimits = Map.copyOf(Objects.requireNonNull(providerLimits, "providerLimits"));
        require(currency != null && currency.length() == 3, "currency must be an ISO 4217 code");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(audit, "audit");
        require(!tenants.isEmpty(), "at least one tenant must be configured");
        require(!models.isEmpty(), "at least one model must be configured");
        for (Map.Entry<String, List<String>> tier : routing.tiers().entrySet()) {
            for (String model : tier.getValue()) {
                require(models.containsKey(model), "routing tier '" + tier.getKey() + "' names unknown model '" + model + "'");
            }
        }
        for (Map.Entry<String, List<String>> chain : routing.chainsByUseCase().entrySet()) {
            for (String model : chain.getValue()) {
                require(models.containsKey(model), "routing chain of use case '" + chain.getKey() + "' names unknown model '" + model + "'");
            }
        }
        for (Map.Entry<String, List<String>> domain : policy.modelsByDomain().entrySet()) {
            for (String model : domain.getValue()) {
                require(models.containsKey(model), "policy for domain '" + domain.getKey() + "' names unknown model '" + model + "'");
            }
        }
        for (Budget budget : budgets.budgets()) {
            Tenant tenant = tenants.get(budget.tenant());
            require(tenant != null, "budget '" + budget.id() + "' names unknown tenant '" + budget.tenant() + "'");
            require(budget.department() == null || tenant.knowsDepartment(budget.department()),
                    "budget '" + budget.id() + "' names department '" + budget.department() + "' that tenant '" + budget.tenant() + "' does not have");
        }
        budgets.downgrade().forEach((from, to) -> {
            require(routing.tiers().containsKey(from), "budgets.downgrade names unknown tier '" + from + "'");
            require(routing.tiers().containsKey(to), "budgets.downgrade names unknown tier '" + to + "'");
        });
    }

    /** A configuration with no budgets: nothing is reserved and every request is routed as classified. */
    public GatewayConfig(String version, Map<String, Tenant> tenants, Map<String, ModelSpec> models, PolicyRules policy, RoutingRules routing,
                         Map<String, Template> templates, ClassifierRules classifier, Limits limits, Resilience resilience,
                         Map<String, ProviderLimits> providerLimits, RedactionRules redaction, String currency) {
        this(version, tenants, models, policy, routing, templates, classifier, limits, resilience, providerLimits, redaction, currency, BudgetRules.NONE,
                AuditRules.NONE);
    }

    public Optional<Tenant> tenant(String id) {
        return Optional.ofNullable(tenants.get(id));
    }

    public Optional<ModelSpec> model(String id) {
        return Optional.ofNullable(models.get(id));
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A tenant allowed to send requests, with the key its requests are signed with. */
    public record Tenant(String id, byte[] signingKey, List<String> departments) {
        public Tenant {
            require(id != null && !id.isBlank(), "tenant id must not be blank");
            require(signingKey != null && signingKey.length >= 16, "tenant '" + id + "' signing key must have at least 16 bytes");
            signingKey = signingKey.clone();
            departments = List.copyOf(departments);
        }

        /** Departments are open when none are listed. */
        public boolean knowsDepartment(String department) {
            return departments.isEmpty() || departments.contains(department);
        }

        @Override
        public byte[] signingKey() {
            return signingKey.clone();
        }
    }

    /**
     * A model Sluice may call. Prices are in millionths of the currency unit per million tokens.
     *
     * @param hosting EXTERNAL for a vendor's cloud, INTERNAL for a model the enterprise runs itself
     */
    public record ModelSpec(String id, String provider, String providerModel, String tier, List<String> regions, Hosting hosting,
                            long inputPerMillion, long cachedInputPerMillion, long cacheWritePerMillion, long outputPerMillion,
                            int batchDiscountPercent) {
        public ModelSpec {
            require(id != null && !id.isBlank(), "model id must not be blank");
            require(provider != null && !provider.isBlank(), "model '" + id + "' provider must not be blank");
            providerModel = providerModel == null || providerModel.isBlank() ? id : providerModel;
            regions = List.copyOf(regions);
            Objects.requireNonNull(hosting, "hosting");
            require(inputPerMillion >= 0 && cachedInputPerMillion >= 0 && cacheWritePerMillion >= 0 && outputPerMillion >= 0,
                    "model '" + id + "' prices must not be negative");
            require(batchDiscountPercent >= 0 && batchDiscountPercent <= 100, "model '" + id + "' batchDiscountPercent must be within 0..100");
        }
    }

    public enum Hosting { EXTERNAL, INTERNAL }

    /**
     * A provider's limits. Rate limits are the provider's account limits for the whole fleet; each
     * task holds the share of them that its partition count gives (see docs/resilience.md).
     *
     * @param requestsPerMinute 0 for no limit
     * @param tokensPerMinute   0 for no limit; counted with the estimate made before the call
     * @param maxConcurrent     calls open at once per Sluice instance (bulkhead)
     * @param batchApi          whether BATCH-priority work goes through the provider's batch API
     */
    public record ProviderLimits(int requestsPerMinute, long tokensPerMinute, int maxConcurrent, boolean batchApi) {
        public ProviderLimits {
            require(requestsPerMinute >= 0 && tokensPerMinute >= 0, "provider rate limits must not be negative");
            require(maxConcurrent > 0, "provider maxConcurrent must be positive");
        }

        public static ProviderLimits unlimited() {
            return new ProviderLimits(0, 0, 10_000, false);
        }
    }

    /**
     * How the infer stage retries and when it gives up on a provider.
     *
     * @param retriesPerModel     retries of a retryable failure on the same model before the next model
     * @param backoffInitial      first backoff; then multiplied by backoffMultiplier each retry, randomised by backoffJitter, capped at backoffMax
     * @param breakerFailureRate  failure rate (percent) over the sliding window that opens a provider's breaker
     * @param breakerMinimumCalls calls needed before the failure rate counts
     * @param breakerWindow       calls in the sliding window
     * @param breakerOpen         how long an open breaker stays open before letting trial calls through
     * @param defaultTimeout      time limit of a call; per use case in timeouts
     */
    public record Resilience(int retriesPerModel, Duration backoffInitial, double backoffMultiplier, double backoffJitter,
                             Duration backoffMax, float breakerFailureRate, int breakerMinimumCalls, int breakerWindow,
                             Duration breakerOpen, Duration defaultTimeout, Map<String, Duration> timeouts) {
        public Resilience {
            require(retriesPerModel >= 0, "resilience.retriesPerModel must not be negative");
            require(backoffMultiplier >= 1, "resilience.backoffMultiplier must be at least 1");
            require(backoffJitter >= 0 && backoffJitter < 1, "resilience.backoffJitter must be within [0, 1)");
            require(breakerFailureRate > 0 && breakerFailureRate <= 100, "resilience.breakerFailureRate must be within (0, 100]");
            require(breakerMinimumCalls > 0 && breakerWindow > 0, "resilience breaker window and minimum calls must be positive");
            timeouts = Map.copyOf(timeouts);
        }

        public Duration timeoutFor(String useCase) {
            return timeouts.getOrDefault(useCase, defaultTimeout);
        }

        public static Resilience defaults() {
            return new Resilience(2, Duration.ofMillis(500), 2.0, 0.5, Duration.ofSeconds(30), 50f, 50, 100,
                    Duration.ofSeconds(30), Duration.ofSeconds(60), Map.of());
        }
    }

    /**
     * @param activeKeyId      key that seals new placeholder mappings (null: mappings are not kept)
     * @param vaultKeys        AES-256 keys by id; old ids stay so that older results can still be restored
     * @param lenientChecksums entity types (CREDIT_CARD, IBAN, NATIONAL_ID, VAT_ID) also accepted when their checksum fails
     */
    public record RedactionRules(String activeKeyId, Map<String, byte[]> vaultKeys, java.util.Set<String> lenientChecksums) {
        public RedactionRules {
            vaultKeys = Map.copyOf(vaultKeys);
            lenientChecksums = java.util.Set.copyOf(lenientChecksums);
            java.util.Set<String> checksummed = new java.util.TreeSet<>();
            dev.sluice.processors.redact.PiiDetector.CHECKSUM_TYPES.forEach(type -> checksummed.add(type.name()));
            for (String type : lenientChecksums) {
                require(checksummed.contains(type), "redaction.lenientChecksums: '" + type + "' is not a type with a checksum; one of " + checksummed);
            }
            for (Map.Entry<String, byte[]> key : vaultKeys.entrySet()) {
                require(key.getValue().length == 32, "redaction.vaultKeys." + key.getKey() + " must be 32 bytes (AES-256), base64-encoded");
            }
            require(activeKeyId == null || vaultKeys.containsKey(activeKeyId), "redaction.activeKey '" + activeKeyId + "' is not among redaction.vaultKeys");
        }

        public static RedactionRules none() {
            return new RedactionRules(null, Map.of(), java.util.Set.of());
        }
    }

    public ProviderLimits limitsOf(String provider) {
        return providerLimits.getOrDefault(provider, ProviderLimits.unlimited());
    }

    /**
     * @param modelsByDomain  domain to the models allowed for it; a domain not listed allows every model
     * @param modelsByCountry country to the models allowed for it; a country not listed allows every model
     * @param blockedCountries countries no request may come from
     * @param injectionThreshold injection score at or above which a request is rejected
     * @param injectionReviewThreshold injection score at or above which a request below {@code injectionThreshold}
     *                                 waits for a person's approval; equal to {@code injectionThreshold}: none waits
     * @param restrictedNeedsInternal whether RESTRICTED prompts may only go to INTERNAL models
     * @param rawTextForInternalDomains domains whose prompts go to models the enterprise runs itself
     *                                  ({@code hosting: internal}) unredacted ("*": every domain); external
     *                                  models always get the redacted text
     * @param answerLeaks what validate does with an answer that gives away what the request's instructions
     *                    protect: {@value #WITHHOLD} (reject it as OUTPUT_LEAK) or {@value #AUDIT} (deliver it and
     *                    audit the leak, to watch the check before it withholds)
     */
    public record PolicyRules(Map<String, List<String>> modelsByDomain, Map<String, List<String>> modelsByCountry,
                              List<String> blockedCountries, double injectionThreshold, boolean restrictedNeedsInternal,
                              List<String> rawTextForInternalDomains, List<String> approvalDomains, List<String> approvalUseCases,
                              Duration approvalExpiry, double injectionReviewThreshold, String answerLeaks) {
        public static final String WITHHOLD = "withhold";
        public static final String AUDIT = "audit";

        /** Policy under which every model gets the redacted text and nothing waits for approval. */
        public PolicyRules(Map<String, List<String>> modelsByDomain, Map<String, List<String>> modelsByCountry,
                           List<String> blockedCountries, double injectionThreshold, boolean restrictedNeedsInternal) {
            this(modelsByDomain, modelsByCountry, blockedCountries, injectionThreshold, restrictedNeedsInternal, List.of(), List.of(), List.of(),
                    Duration.ofHours(24), injectionThreshold, WITHHOLD);
        }

        /** Whether an answer that gives away what the instructions protect is withheld (else delivered and audited). */
        public boolean withholdsAnswerLeaks() {
            return WITHHOLD.equals(answerLeaks);
        }

        /** How {@link #approvalRule(String, String, double)} begins when the injection score is in the review band. */
        private static final String INJECTION_REVIEW_RULE = "policy.injectionReviewThreshold";

        /**
         * Whether an injection score is in the review band: at or above {@code injectionReviewThreshold}, below
         * {@code injectionThreshold}, where it would be rejected. Such a request waits for a person whatever else the policy
         * says of it, and the person is told what made the score.
         */
        public boolean inInjectionReviewBand(double injectionScore) {
            return injectionScore >= injectionReviewThreshold && injectionScore < injectionThreshold;
        }

        /**
         * Why a request waits for a person's approval, or null when it does not: its domain or use case is
         * listed, or its injection score is in the review band (at or above {@code injectionReviewThreshold},
         * below {@code injectionThreshold}, where it would be rejected).
         */
        public String approvalRule(String domain, String useCase, double injectionScore) {
            if (inInjectionReviewBand(injectionScore)) {
                return String.format(java.util.Locale.ROOT, INJECTION_REVIEW_RULE + " %.2f: injection score %.2f (rejected from %.2f)",
                        injectionReviewThreshold, injectionScore, injectionThreshold);
            }
            return approvalRule(domain, useCase);
        }

        /** Why a request of this domain and use case waits for a person's approval, or null when it does not. */
        public String approvalRule(String domain, String useCase) {
            if (approvalDomains.contains(domain)) {
                return "policy.approvalDomains includes " + domain;
            }
            if (approvalUseCases.contains(useCase)) {
                return "policy.approvalUseCases includes " + useCase;
            }
            return null;
        }

        /** Whether a prompt of {@code domain} may go unredacted to an internal model. */
        public boolean rawTextForInternal(String domain) {
            return rawTextForInternalDomains.contains("*") || rawTextForInternalDomains.contains(domain);
        }

        public PolicyRules {
            rawTextForInternalDomains = List.copyOf(rawTextForInternalDomains);
            approvalDomains = List.copyOf(approvalDomains);
            approvalUseCases = List.copyOf(approvalUseCases);
            require(approvalExpiry != null && !approvalExpiry.isNegative() && !approvalExpiry.isZero(), "policy.approvalExpiryMinutes must be positive");
            modelsByDomain = Map.copyOf(modelsByDomain);
            modelsByCountry = Map.copyOf(modelsByCountry);
            blockedCountries = List.copyOf(blockedCountries);
            require(injectionThreshold > 0 && injectionThreshold <= 1, "policy.injectionThreshold must be in (0, 1]");
            require(injectionReviewThreshold > 0 && injectionReviewThreshold <= injectionThreshold,
                    "policy.injectionReviewThreshold must be in (0, policy.injectionThreshold]");
            require(WITHHOLD.equals(answerLeaks) || AUDIT.equals(answerLeaks), "policy.answerLeaks must be withhold or audit, not " + answerLeaks);
        }
    }

    /**
     * @param tiers           tier name to its models, best first
     * @param tierByComplexity complexity tier (simple, standard, complex) to model tier
     * @param restrictedTier  model tier for RESTRICTED prompts
     * @param fallbackTiers   tiers whose models are appended, in order, after the chosen tier's
     * @param chainsByUseCase use case to its own fallback chain across vendors (primary, fallback,
     *                        internal option), used instead of the tiers for that use case
     * @param escalation      the tier a request is called again on, once, when validation's confidence
     *                        in its answer is below {@code escalateBelowConfidence}
     * @param escalateBelowConfidence 0..1; 0 never escalates
     */
    public record RoutingRules(Map<String, List<String>> tiers, Map<String, String> tierByComplexity, String restrictedTier,
                               List<String> fallbackTiers, Map<String, List<String>> chainsByUseCase, Map<String, String> escalation,
                               double escalateBelowConfidence) {
        /** Routing that never escalates. */
        public RoutingRules(Map<String, List<String>> tiers, Map<String, String> tierByComplexity, String restrictedTier,
                            List<String> fallbackTiers, Map<String, List<String>> chainsByUseCase) {
            this(tiers, tierByComplexity, restrictedTier, fallbackTiers, chainsByUseCase, Map.of(), 0.0);
        }

        public RoutingRules {
            escalation = Map.copyOf(escalation);
            require(escalateBelowConfidence >= 0 && escalateBelowConfidence <= 1, "routing.escalateBelowConfidence must be within 0..1");
            for (Map.Entry<String, String> up : escalation.entrySet()) {
                require(tiers.containsKey(up.getKey()) && tiers.containsKey(up.getValue()),
                        "routing.escalation names an unknown tier: " + up.getKey() + " -> " + up.getValue());
            }
            tiers = Map.copyOf(tiers);
            chainsByUseCase = Map.copyOf(chainsByUseCase);
            tierByComplexity = Map.copyOf(tierByComplexity);
            fallbackTiers = List.copyOf(fallbackTiers);
            for (String tier : tierByComplexity.values()) {
                require(tiers.containsKey(tier), "routing.tierByComplexity names unknown tier '" + tier + "'");
            }
            require(restrictedTier == null || tiers.containsKey(restrictedTier), "routing.restrictedTier names unknown tier '" + restrictedTier + "'");
        }
    }

    /**
     * @param activeKeyId the key that signs new audit events (null: events are hash-chained but unsigned)
     * @param keys        signing keys by id; keep retired ones so older events still verify
     */
    public record AuditRules(String activeKeyId, Map<String, byte[]> keys) {
        public static final AuditRules NONE = new AuditRules(null, Map.of());

        public AuditRules {
            keys = Map.copyOf(keys);
            require(activeKeyId == null || keys.containsKey(activeKeyId), "audit.activeKey '" + activeKeyId + "' is not among audit.signingKeys");
            for (Map.Entry<String, byte[]> key : keys.entrySet()) {
                require(key.getValue().length >= 32, "audit.signingKeys." + key.getKey() + " must have at least 32 bytes");
            }
        }

        public byte[] activeKey() {
            return activeKeyId == null ? null : keys.get(activeKeyId).clone();
        }
    }

    /** The window a budget's cap holds for; windows are UTC and reset at their boundaries. */
    public enum BudgetPeriod { DAY, MONTH }

    /**
     * A spending cap on the requests of one tenant, narrowed by department, use case and environment
     * (null: any). Costs are in millionths of the currency unit.
     *
     * @param softLimitPercent at this share of the cap (spent and reserved), requests are routed one tier down
     */
    public record Budget(String id, String tenant, String department, String useCase, String environment, BudgetPeriod period,
                         long capMicros, int softLimitPercent) {
        public Budget {
            require(id != null && !id.isBlank() && !id.contains("@"), "budget id must not be blank nor contain '@'");
            require(tenant != null && !tenant.isBlank(), "budget '" + id + "' needs a tenant");
            Objects.requireNonNull(period, "budget '" + id + "' period (DAY or MONTH)");
            require(capMicros > 0, "budget '" + id + "' capMicros must be positive");
            require(softLimitPercent > 0 && softLimitPercent <= 100, "budget '" + id + "' softLimitPercent must be within 1..100");
        }

        /** Whether a request of this tenant, department, use case and environment counts against the budget. */
        public boolean covers(String tenant, String department, String useCase, String environment) {
            return this.tenant.equals(tenant) && (this.department == null || this.department.equals(department))
                    && (this.useCase == null || this.useCase.equals(useCase)) && (this.environment == null || this.environment.equals(environment));
        }
    }

    /**
     * @param budgets          the caps; a request counts against every budget that covers it
     * @param inputTokenMargin added to the tokenizer's input count when reserving (0.25: a quarter more),
     *                         for providers whose tokenizers count more than cl100k
     * @param downgrade        the tier a request goes to instead when a budget it counts against is past its soft limit
     */
    public record BudgetRules(List<Budget> budgets, double inputTokenMargin, Map<String, String> downgrade) {
        public static final BudgetRules NONE = new BudgetRules(List.of(), 0.25, Map.of());

        public BudgetRules {
            budgets = List.copyOf(budgets);
            downgrade = Map.copyOf(downgrade);
            require(inputTokenMargin >= 0 && inputTokenMargin <= 10, "budgets.inputTokenMargin must be within 0..10");
            require(budgets.stream().map(Budget::id).distinct().count() == budgets.size(), "budget ids must be unique");
        }
    }

    /** A prompt template; {@code {{name}}} placeholders are filled from the request's variables. */
    public record Template(String id, int version, String system, String user) {
        public Template {
            require(id != null && !id.isBlank(), "template id must not be blank");
            require(user != null && !user.isBlank(), "template '" + id + "' needs a user text");
        }
    }

    /**
     * @param domains        domain name to keywords and phrases that indicate it
     * @param sensitiveTerms terms that make a prompt at least CONFIDENTIAL
     */
    /**
     * @param domains             domain to its keywords and phrases (the keyword classifier)
     * @param domainModel         {@code keywords}, or {@code all-minilm-l6-v2}: domains by the meaning of
     *                            example utterances (nearest centroid over sentence embeddings)
     * @param domainExamples      domain to its example utterances, for the embedding classifier
     * @param domainMinSimilarity below this cosine similarity to every domain, a prompt is {@code general}
     * @param domainKinds         domain to nouns whose kinds (WordNet's hyponyms, two levels down) count as its keywords too:
     *                            "disease" for health brings "asthma" and "dementia"; "word#n" names the noun's n-th sense
     */
    public record ClassifierRules(Map<String, List<String>> domains, List<String> sensitiveTerms, String domainModel,
                                  Map<String, List<String>> domainExamples, double domainMinSimilarity, Map<String, List<String>> domainKinds) {
        public static final String KEYWORDS = "keywords";
        public static final String MINILM = "all-minilm-l6-v2";

        public ClassifierRules(Map<String, List<String>> domains, List<String> sensitiveTerms) {
            this(domains, sensitiveTerms, KEYWORDS, Map.of(), 0.3, Map.of());
        }

        public ClassifierRules {
            domains = Map.copyOf(domains);
            sensitiveTerms = List.copyOf(sensitiveTerms);
            domainExamples = Map.copyOf(domainExamples);
            domainKinds = Map.copyOf(domainKinds);
            domainKinds.forEach((domain, anchors) -> anchors.forEach(anchor -> require(anchor.strip().matches("[^#]+(#[1-9][0-9]?)?"),
                    "classifier.domainKinds." + domain + ": '" + anchor + "' is not a noun, or a noun with #n for its n-th sense")));
            require(KEYWORDS.equals(domainModel) || MINILM.equals(domainModel), "classifier.domainModel must be keywords or all-minilm-l6-v2");
            require(!MINILM.equals(domainModel) || !domainExamples.isEmpty(), "classifier.domainModel all-minilm-l6-v2 needs classifier.domainExamples");
            require(domainMinSimilarity >= -1 && domainMinSimilarity <= 1, "classifier.domainMinSimilarity must be within -1..1");
        }
    }

    /**
     * @param maxRecordBytes  largest accepted serialized request
     * @param maxPromptChars  largest accepted prompt, all messages together
     * @param dedupWindow     how long a request id is remembered for idempotency
     * @param maxInflight     in-flight requests per task before the infer stage applies backpressure
     * @param interactiveWindow batching window for INTERACTIVE requests
     * @param batchWindow     batching window for BATCH requests
     * @param maxBatchSize    largest batch sent to one model at once
     * @param batchJobWindow  how long BATCH work accumulates into one provider batch job
     * @param batchJobPollInterval how often running provider batch jobs are polled
     */
    public record Limits(int maxRecordBytes, int maxPromptChars, Duration dedupWindow, int maxInflight,
                         Duration interactiveWindow, Duration batchWindow, int maxBatchSize,
                         Duration batchJobWindow, Duration batchJobPollInterval) {
        public Limits {
            require(maxRecordBytes > 0, "limits.maxRecordBytes must be positive");
            require(maxPromptChars > 0, "limits.maxPromptChars must be positive");
            require(dedupWindow != null && !dedupWindow.isNegative() && !dedupWindow.isZero(), "limits.dedupWindow must be positive");
            require(maxInflight > 0, "limits.maxInflight must be positive");
            require(maxBatchSize > 0, "limits.maxBatchSize must be positive");
            Objects.requireNonNull(interactiveWindow, "interactiveWindow");
            Objects.requireNonNull(batchWindow, "batchWindow");
            Objects.requireNonNull(batchJobWindow, "batchJobWindow");
            Objects.requireNonNull(batchJobPollInterval, "batchJobPollInterval");
        }
    }
}
