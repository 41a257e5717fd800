package dev.sluice.processors.budget;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.sluice.schemas.avro.ChatMessage;
import java.util.List;

/**
 * Input tokens of a prompt before the call, counted with OpenAI's cl100k_base tokenizer (jtokkit)
 * plus the chat format's per-message overhead, then raised by a margin for providers whose
 * tokenizers count more. Thread-safe.
 */
public final class TokenEstimator {

    /** Tokens the chat format adds per message (role and separators) and once to prime the answer. */
    static final int PER_MESSAGE = 4;
    static final int PRIMING = 3;

    private static final class Holder {
        static final Encoding CL100K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    private final double margin;

    /** @param margin added share (0.25: a quarter more), see {@code budgets.inputTokenMargin} */
    public TokenEstimator(double margin) {
        this.margin = margin;
    }

    /** Tokens as the tokenizer counts them, without margin. */
    public static long count(List<ChatMessage> messages) {
        long tokens = PRIMING;
        for (ChatMessage message : messages) {
            tokens += PER_MESSAGE + Holder.CL100K.countTokensOrdinary(message.getContent());
        }
        return tokens;
    }

    /** The count raised by the margin, rounded up: what a reservation prices. */
    public long estimate(List<ChatMessage> messages) {
        return (long) Math.ceil(count(messages) * (1.0 + margin));
    }
}
