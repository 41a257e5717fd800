package dev.sluice.processors.admit;

import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.RejectReason;
import java.util.List;

/** What admit decided about one input record. */
public sealed interface Admission {

    /** The request may proceed with its rendered prompt. */
    record Accepted(LlmRequest request, List<ChatMessage> prompt) implements Admission {
    }

    /** The record is refused; request id and tenant are set when the record could be decoded. */
    record Refused(RejectReason reason, String detail, String requestId, String tenant) implements Admission {
    }
}
