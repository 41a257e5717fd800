package dev.sluice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.config.GatewayConfig.BudgetPeriod;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The month-end (window-end) forecast of {@code sluice costs}. */
class CostsReportTest {

    @Test
    void forecastShouldExtrapolateTheSpendSoFarToTheWindowsEnd() {
        Instant start = CostsReport.windowStart(BudgetPeriod.MONTH, "2026-11");
        Instant end = Instant.parse("2026-12-01T00:00:00Z");
        // a third of November gone (10 of 30 days), 1.000000 spent: 3.000000 at the month's end
        assertThat(CostsReport.forecastMicros(1_000_000, start, end, Instant.parse("2026-11-11T00:00:00Z"))).isEqualTo(3_000_000);
        // a window's first minutes count as an hour: 60 spent in 6 minutes of a day is 1,440 a day, not 14,400
        Instant day = CostsReport.windowStart(BudgetPeriod.DAY, "2026-11-23");
        assertThat(CostsReport.forecastMicros(60, day, day.plusSeconds(86_400), day.plusSeconds(360))).isEqualTo(1_440);
        // an ended window's forecast is what it spent
        assertThat(CostsReport.forecastMicros(77, start, end, end.plusSeconds(1))).isEqualTo(77);
    }
}
