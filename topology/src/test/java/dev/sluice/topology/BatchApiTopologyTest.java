package dev.sluice.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.infer.BatchApiProvider;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ModelCall;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.LlmResult;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** BATCH-priority work through a provider batch API: accumulated into a job, polled, priced at the discount. */
class BatchApiTopologyTest {

    /** A batch API that ends a job on its second poll, answering every call. */
    static final class ScriptedBatchApi implements BatchApiProvider {
        final List<List<ModelCall>> jobs = new ArrayList<>();
        final Map<String, Integer> polls = new HashMap<>();

        @Override
        public String name() {
            return "openai";
        }

        @Override
        public int maxJobSize() {
            return 3;
        }

        @Override
        public CompletableFuture<String> submit(ModelSpec model, List<ModelCall> calls) {
            jobs.add(calls);
            return CompletableFuture.completedFuture("batch_" + jobs.size());
        }

        @Override
        public CompletableFuture<JobStatus> poll(String jobId) {
            int n = polls.merge(jobId, 1, Integer::sum);
            if (n < 2) {
                return CompletableFuture.completedFuture(JobStatus.running());
            }
            Map<String, CallOutcome> outcomes = new HashMap<>();
            for (ModelCall call : jobs.get(Integer.parseInt(jobId.substring("batch_".length())) - 1)) {
                outcomes.put(BatchApiProvider.customId(call), new CallOutcome.Success("batched answer", "stop", new Usage(1000L, 100L, 0L, 0L, 0L), 0L));
            }
            return CompletableFuture.completedFuture(new JobStatus(true, outcomes));
        }
    }

    @Test
    void shouldRunBatchWorkAsProviderJobsAndPriceTheDiscount() throws Exception {
        ScriptedBatchApi api = new ScriptedBatchApi();
        try (PipelineHarness h = new PipelineHarness(Set.of()) {
            @Override
            Map<String, BatchApiProvider> batchApis() {
                return Map.of("openai", api);
            }
        }) {
            for (int i = 0; i < 4; i++) {
                h.send(PipelineHarness.request("bj-" + i, "Summarise the delivery complaint " + i + ".").setPriority(Priority.BATCH).build());
            }
            h.send(PipelineHarness.request("now-1", "Summarise the delivery complaint.").setPriority(Priority.INTERACTIVE).build());
            for (int i = 0; i < 6; i++) {
                h.tick();
            }

            assertThat(api.jobs).extracting(List::size).containsExactly(3, 1); // at most maxJobSize calls a job
            assertThat(h.openai.calls).extracting(ModelCall::requestId).containsExactly("now-1"); // interactive work is called directly
            Map<String, LlmResult> results = h.resultsByKey();
            assertThat(results).containsOnlyKeys("bj-0", "bj-1", "bj-2", "bj-3", "now-1");
            // 1000 input x 0.15 + 100 output x 0.60 USD per million = 150 + 60 = 210 micro-USD, half of it in a batch job
            assertThat(results.get("bj-0").getCostMicros()).isEqualTo(105L);
            assertThat(results.get("bj-0").getContent()).isEqualTo("batched answer");
            assertThat(h.audit.readValuesToList()).filteredOn(e -> "bj-0".equals(e.getRequestId()) && e.getStage().equals("infer"))
                    .extracting(AuditEvent::getAttributes).anySatisfy(a -> assertThat(a).containsEntry("via", "batch-api"));
        }
    }
}
