package dev.sluice.processors.infer;

import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The port for a provider's asynchronous batch API (OpenAI Batch, Anthropic Message Batches): work
 * that can wait runs there at a discount. Implementations never block and never complete a future
 * exceptionally with a provider error: a job that cannot be created completes with an exception only
 * for transport failures; its calls are then retried like failed calls.
 */
public interface BatchApiProvider {

    /** The provider name models refer to in configuration. */
    String name();

    /** Largest number of calls one job may hold (the provider's limit). */
    int maxJobSize();

    /** Creates a job for the calls, each under its {@link #customId}; completes with the provider's job id. */
    CompletableFuture<String> submit(ModelSpec model, List<ModelCall> calls);

    /** Asks for a job's state; when it has ended, the outcome of every custom id it held. */
    CompletableFuture<JobStatus> poll(String jobId);

    /** A job's state: running, or ended with one outcome per custom id. */
    record JobStatus(boolean ended, Map<String, CallOutcome> outcomes) {
        public static JobStatus running() {
            return new JobStatus(false, Map.of());
        }
    }

    /**
     * The id a call carries inside a job, derived from request id, attempt and call sequence so that
     * it is the same after a restart; hashed because providers restrict custom ids (Anthropic:
     * {@code ^[a-zA-Z0-9_-]{1,64}$}).
     */
    static String customId(ModelCall call) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (call.requestId() + "\u0000" + call.attempt() + "\u0000" + call.sequence()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "c-" + java.util.HexFormat.of().formatHex(digest, 0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
