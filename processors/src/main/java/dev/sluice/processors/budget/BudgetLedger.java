package dev.sluice.processors.budget;

import dev.sluice.processors.config.GatewayConfig.Budget;
import dev.sluice.processors.config.GatewayConfig.BudgetPeriod;
import dev.sluice.schemas.avro.BudgetReservation;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The budget arithmetic of one tenant, on its {@link BudgetState}: every budget window holds what
 * was spent (settled) and what is reserved for calls in flight.
 *
 * <ul>
 *   <li>{@link #reserve}: a request's estimated cost is reserved in the current window of every budget
 *       that covers it, or in none when one of them would pass its cap (spent + reserved + estimate &gt; cap).
 *       All or nothing, so a refused request holds nothing.</li>
 *   <li>{@link #settle}: the reservation is released and the real cost (0 for a call that failed) is
 *       spent, in the windows the reservation was made in, even when the request finished after the
 *       window's end. Thresholds of 50, 80 and 100% of a cap crossed by the spend are reported once per window.</li>
 * </ul>
 *
 * A tenant's state lives in one task (the stream is keyed by tenant), so reservations never race; a
 * budget can end above its cap only by what settlements exceed their reservations (docs/budgets.md).
 */
public final class BudgetLedger {

    public static final int[] THRESHOLDS = {50, 80, 100};
    /** Windows that ended this long ago, with nothing reserved, are dropped from the state. */
    static final Duration KEEP_ENDED = Duration.ofDays(40);

    private BudgetLedger() {
    }

    /** The budgets a request counts against. */
    public static List<Budget> covering(List<Budget> budgets, String tenant, String department, String useCase, String environment) {
        List<Budget> out = new ArrayList<>();
        for (Budget budget : budgets) {
            if (budget.covers(tenant, department, useCase, environment)) {
                out.add(budget);
            }
        }
        return out;
    }

    /** The window label at {@code now}: 2026-11-23 for a day, 2026-11 for a month (UTC). */
    public static String label(Budget budget, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return budget.period() == BudgetPeriod.DAY ? day.toString() : YearMonth.from(day).toString();
    }

    static Instant windowEnd(Budget budget, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate end = budget.period() == BudgetPeriod.DAY ? day.plusDays(1) : YearMonth.from(day).plusMonths(1).atDay(1);
        return end.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The key of a budget's window in the state: budget id, '@', label. */
    public static String windowKey(Budget budget, Instant now) {
        return budget.id() + "@" + label(budget, now);
    }

    public static BudgetState empty() {
        return new BudgetState(new HashMap<>());
    }

    private static BudgetWindow window(BudgetState state, Budget budget, Instant now) {
        return state.getWindows().get(windowKey(budget, now));
    }

    /** Spent and reserved in the budget's current window. */
    public static long committed(BudgetState state, Budget budget, Instant now) {
        BudgetWindow w = window(state, budget, now);
        return w == null ? 0 : w.getSpentMicros() + w.getReservedMicros();
    }

    /** The first budget at or past its soft limit (spent and reserved), if any: the request goes a tier down. */
    public static Optional<Budget> pastSoftLimit(BudgetState state, List<Budget> budgets, Instant now) {
        for (Budget budget : budgets) {
            if (committed(state, budget, now) * 100 >= budget.capMicros() * budget.softLimitPercent()) {
                return Optional.of(budget);
            }
        }
        return Optional.empty();
    }

    /** Why a reservation was refused: the first budget it would have taken past its cap. */
    public record Refusal(Budget budget, String window, long spentMicros, long reservedMicros, long requestedMicros) {
    }

    /**
     * Reserves {@code amountMicros} in the current window of every budget, or refuses without
     * changing the state.
     *
     * @return the refusal, or empty when reserved (and {@code state} changed)
     */
    public static Optional<Refusal> reserve(BudgetState state, List<Budget> budgets, long amountMicros, Instant now) {
        for (Budget budget : budgets) {
            BudgetWindow w = window(state, budget, now);
            long spent = w == null ? 0 : w.getSpentMicros();
            long reserved = w == null ? 0 : w.getReservedMicros();
            if (spent + reserved + amountMicros > budget.capMicros()) {
                return Optional.of(new Refusal(budget, label(budget, now), spent, reserved, amountMicros));
            }
        }
        prune(state, now);
        for (Budget budget : budgets) {
            BudgetWindow w = state.getWindows().computeIfAbsent(windowKey(budget, now), k -> new BudgetWindow(0L, 0L, 0, windowEnd(budget, now)));
            w.setReservedMicros(w.getReservedMicros() + amountMicros);
        }
        return Optional.empty();
    }

    /** A threshold crossed by a settlement. */
    public record Crossing(String budgetId, String window, int thresholdPercent, long spentMicros, long capMicros) {
    }

    /**
     * Releases the reservation and spends {@code costMicros} in its windows.
     *
     * @param capsById the configured budgets by id (a budget removed from the configuration since the
     *                 reservation is still settled, but reports no thresholds)
     * @return thresholds crossed, each at most once per window
     */
    public static List<Crossing> settle(BudgetState state, BudgetReservation reservation, long costMicros, Map<String, Budget> capsById) {
        List<Crossing> crossings = new ArrayList<>();
        for (String key : reservation.getWindows()) {
            BudgetWindow w = state.getWindows().get(key);
            if (w == null) {
                continue; // aged out: nothing is reserved there any more
            }
            w.setReservedMicros(Math.max(0, w.getReservedMicros() - reservation.getAmountMicros()));
            w.setSpentMicros(w.getSpentMicros() + costMicros);
            int at = key.indexOf('@');
            Budget budget = capsById.get(key.substring(0, at));
            if (budget == null) {
                continue;
            }
            for (int threshold : THRESHOLDS) {
                if (threshold > w.getAlertedPercent() && w.getSpentMicros() * 100 >= budget.capMicros() * threshold) {
                    w.setAlertedPercent(threshold);
                    crossings.add(new Crossing(budget.id(), key.substring(at + 1), threshold, w.getSpentMicros(), budget.capMicros()));
                }
            }
        }
        return crossings;
    }

    /** Drops windows that ended long ago and hold no reservation. */
    static void prune(BudgetState state, Instant now) {
        Instant limit = now.minus(KEEP_ENDED);
        state.getWindows().values().removeIf(w -> w.getReservedMicros() == 0 && w.getWindowEnd().isBefore(limit));
    }
}
