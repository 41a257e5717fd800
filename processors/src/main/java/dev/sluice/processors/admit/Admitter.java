package dev.sluice.processors.admit;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.Template;
import dev.sluice.processors.template.TemplateBook;
import dev.sluice.schemas.avro.TemplateVersion;
import dev.sluice.processors.config.GatewayConfig.Tenant;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The admit stage's core: from the raw key and value bytes of an input record to an
 * {@link Admission}. Checks, in order: size, decoding, required fields, key = request id, known
 * tenant and department, signature, template, prompt size, deadline. Idempotency needs state and is
 * checked by the adapter before the request goes on.
 */
public final class Admitter {

    private static final java.util.regex.Pattern COUNTRY = java.util.regex.Pattern.compile("[A-Z]{2}");
    private final GatewayConfig config;
    private final Function<byte[], LlmRequest> decoder;

    /** @param decoder turns value bytes into a request, throwing with a useful message on garbage */
    public Admitter(GatewayConfig config, Function<byte[], LlmRequest> decoder) {
        this(config, decoder, new TemplateBook(config));
    }

    /** @param templates the template versions in force (configured and from the templates control topic) */
    public Admitter(GatewayConfig config, Function<byte[], LlmRequest> decoder, TemplateBook templates) {
        this.config = config;
        this.decoder = decoder;
        this.templates = templates;
    }

    private final TemplateBook templates;

    public Admission admit(byte[] key, byte[] value, Instant now) {
        if (value == null || value.length == 0) {
            return refused(RejectReason.MALFORMED_RECORD, "record has no value", keyText(key), null);
        }
        if (value.length > config.limits().maxRecordBytes()) {
            return refused(RejectReason.RECORD_TOO_LARGE, "record of " + value.length + " bytes exceeds the limit of "
                    + config.limits().maxRecordBytes(), keyText(key), null);
        }
        LlmRequest request;
        try {
            request = decoder.apply(value);
        } catch (RuntimeException e) {
            return refused(RejectReason.MALFORMED_RECORD, "not a readable LlmRequest: " + e.getMessage(), keyText(key), null);
        }
        String id = request.getRequestId();
        String tenantId = request.getTenant();
        Optional<String> invalid = invalidField(request);
        if (invalid.isPresent()) {
            return refused(RejectReason.INVALID_REQUEST, invalid.get(), id, tenantId);
        }
        if (key == null || !id.equals(new String(key, StandardCharsets.UTF_8))) {
            return refused(RejectReason.KEY_MISMATCH, "record key must equal the requestId so that idempotency holds", id, tenantId);
        }
        Optional<Tenant> tenant = config.tenant(tenantId);
        if (tenant.isEmpty()) {
            return refused(RejectReason.UNKNOWN_TENANT, "tenant '" + tenantId + "' is not configured", id, tenantId);
        }
        if (!tenant.get().knowsDepartment(request.getDepartment())) {
            return refused(RejectReason.UNKNOWN_TENANT, "department '" + request.getDepartment() + "' is not configured for tenant '"
                    + tenantId + "'", id, tenantId);
        }
        if (request.getSignature() == null) {
            return refused(RejectReason.INVALID_SIGNATURE, "request is not signed", id, tenantId);
        }
        if (!RequestSigner.verify(request, tenant.get().signingKey())) {
            return refused(RejectReason.INVALID_SIGNATURE, "signature does not match the canonical request under the tenant's key", id, tenantId);
        }
        List<ChatMessage> prompt;
        if (request.getTemplate() != null) {
            TemplateBook.Lookup lookup = templates.lookup(request.getTemplate().getId(), request.getTemplate().getVersion());
            if (lookup.refusal() != null) {
                return refused(lookup.refusal(), lookup.detail(), id, tenantId);
            }
            TemplateVersion v = lookup.version();
            try {
                prompt = TemplateRenderer.render(new Template(v.getId(), v.getVersion(), v.getSystem(), v.getUser()), request.getTemplate().getVariables());
            } catch (IllegalArgumentException e) {
                return refused(RejectReason.INVALID_REQUEST, e.getMessage(), id, tenantId);
            }
            // the request cites the version that rendered it (a request without a version gets the latest approved one)
            request = LlmRequest.newBuilder(request)
                    .setTemplate(dev.sluice.schemas.avro.TemplateRef.newBuilder(request.getTemplate()).setVersion(v.getVersion()).build()).build();
        } else {
            prompt = request.getMessages();
        }
        long chars = prompt.stream().mapToLong(m -> m.getContent().length()).sum();
        if (chars > config.limits().maxPromptChars()) {
            return refused(RejectReason.RECORD_TOO_LARGE, "prompt of " + chars + " characters exceeds the limit of "
                    + config.limits().maxPromptChars(), id, tenantId);
        }
        if (request.getDeadline() != null && !request.getDeadline().isAfter(now)) {
            return refused(RejectReason.DEADLINE_EXCEEDED, "deadline " + request.getDeadline() + " passed before admission", id, tenantId);
        }
        return new Admission.Accepted(request, prompt);
    }

    private static Optional<String> invalidField(LlmRequest r) {
        if (r.getRequestId().isBlank()) {
            return Optional.of("requestId must not be blank");
        }
        if (r.getRequestId().length() > 200) {
            return Optional.of("requestId must not exceed 200 characters");
        }
        if (r.getTenant().isBlank()) {
            return Optional.of("tenant must not be blank");
        }
        if (r.getDepartment().isBlank()) {
            return Optional.of("department must not be blank");
        }
        if (r.getUseCase().isBlank()) {
            return Optional.of("useCase must not be blank");
        }
        if (r.getPrincipal().isBlank()) {
            return Optional.of("principal must not be blank");
        }
        if (!COUNTRY.matcher(r.getCountry()).matches()) {
            return Optional.of("country must be an ISO 3166-1 alpha-2 code such as DE");
        }
        boolean hasMessages = !r.getMessages().isEmpty();
        boolean hasTemplate = r.getTemplate() != null;
        if (hasMessages == hasTemplate) {
            return Optional.of("exactly one of messages and template must be given");
        }
        if (r.getParameters().getMaxOutputTokens() <= 0) {
            return Optional.of("parameters.maxOutputTokens must be positive");
        }
        Double temperature = r.getParameters().getTemperature();
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            return Optional.of("parameters.temperature must be between 0 and 2");
        }
        return Optional.empty();
    }

    private static String keyText(byte[] key) {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    private static Admission refused(RejectReason reason, String detail, String id, String tenant) {
        return new Admission.Refused(reason, detail, id, tenant);
    }
}
